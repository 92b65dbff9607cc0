import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { FormFieldBlueprint } from '@backstage/plugin-scaffolder-react/alpha';
import {
  AI_MODEL_ENTITY_TYPE,
  AI_MODEL_VERSION_ENTITY_TYPE,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import CloudQueueIcon from '@material-ui/icons/CloudQueue';
import { bedrockModelsApiRef } from './api/BedrockModelsApi';
import { CachingBedrockModelsClient } from './api/CachingBedrockModelsClient';
import { rootRouteRef } from './routes';

/** The API client, over the app's discovery and fetch (which adds the user's token). */
export const bedrockModelsApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: bedrockModelsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new CachingBedrockModelsClient({ discoveryApi, fetchApi }),
    }),
});

/** The governance page at /bedrock-models; its title and icon also make its sidebar item. */
export const bedrockModelsPage = PageBlueprint.make({
  params: {
    path: '/bedrock-models',
    routeRef: rootRouteRef,
    title: 'Bedrock models',
    icon: <CloudQueueIcon fontSize="inherit" />,
    loader: () =>
      import('./components/GovernancePage').then(m => <m.GovernancePage />),
  },
});

/** The Bedrock tab of `ai-model` Resources. */
export const bedrockModelEntityContent = EntityContentBlueprint.make({
  name: 'model',
  params: {
    path: 'bedrock',
    title: 'Bedrock',
    filter: { kind: 'resource', 'spec.type': AI_MODEL_ENTITY_TYPE },
    loader: () => import('./components/ModelTab').then(m => <m.ModelTab />),
  },
});

/** The card of `ai-model-version` Resources. */
export const bedrockModelVersionEntityCard = EntityCardBlueprint.make({
  name: 'version',
  params: {
    filter: { kind: 'resource', 'spec.type': AI_MODEL_VERSION_ENTITY_TYPE },
    loader: () =>
      import('./components/VersionCard').then(m => <m.VersionCard />),
  },
});

/** The template field `BedrockModelsSettingPicker`: accounts, Regions and classifications from the backend's config. */
export const bedrockModelsSettingPickerField = FormFieldBlueprint.make({
  name: 'setting-picker',
  params: {
    field: () =>
      import('./scaffolder/portalSettingPickerField').then(
        m => m.portalSettingPickerField,
      ),
  },
});

/** The template field `BedrockArtifactCheck`: the backend's check of the artifacts, before Create. */
export const bedrockArtifactCheckField = FormFieldBlueprint.make({
  name: 'artifact-check',
  params: {
    field: () =>
      import('./scaffolder/artifactCheckField').then(m => m.artifactCheckField),
  },
});

/** The template field `BedrockModelPicker`: the models the user may add a version to. */
export const bedrockModelPickerField = FormFieldBlueprint.make({
  name: 'model-picker',
  params: {
    field: () =>
      import('./scaffolder/modelPickerField').then(m => m.modelPickerField),
  },
});

/**
 * The bedrock-models frontend plugin (new frontend system): the governance page, the model tab,
 * the version card and the template field that offers the portal's accounts, Regions and classifications.
 *
 * @public
 */
export const bedrockModelsPlugin = createFrontendPlugin({
  pluginId: 'bedrock-models',
  title: 'Bedrock models',
  icon: <CloudQueueIcon fontSize="inherit" />,
  extensions: [
    bedrockModelsApi,
    bedrockModelsPage,
    bedrockModelEntityContent,
    bedrockModelVersionEntityCard,
    bedrockModelsSettingPickerField,
    bedrockArtifactCheckField,
    bedrockModelPickerField,
  ],
  routes: {
    root: rootRouteRef,
  },
});
