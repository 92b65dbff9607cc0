import {
  createFrontendPlugin,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import CloudQueueIcon from '@material-ui/icons/CloudQueue';
import { rootRouteRef } from './routes';

/** The Bedrock models page, at /bedrock-models and in the sidebar. */
export const bedrockModelsPage = PageBlueprint.make({
  params: {
    path: '/bedrock-models',
    routeRef: rootRouteRef,
    loader: () =>
      import('./components/BedrockModelsPage').then(m => (
        <m.BedrockModelsPage />
      )),
  },
});

/**
 * The bedrock-models frontend plugin (new frontend system).
 *
 * @public
 */
export const bedrockModelsPlugin = createFrontendPlugin({
  pluginId: 'bedrock-models',
  title: 'Bedrock models',
  icon: <CloudQueueIcon fontSize="inherit" />,
  extensions: [bedrockModelsPage],
  routes: {
    root: rootRouteRef,
  },
});
