import {
  createPlugin,
  createRoutableExtension,
  createRouteRef,
} from '@backstage/core-plugin-api';

/** Route of the Bedrock models page in apps on the legacy frontend system. */
export const legacyRootRouteRef = createRouteRef({ id: 'bedrock-models' });

/**
 * The bedrock-models plugin for apps still on the legacy frontend system.
 *
 * @public
 */
export const bedrockModelsLegacyPlugin = createPlugin({
  id: 'bedrock-models',
  routes: { root: legacyRootRouteRef },
});

/**
 * The Bedrock models page, for `<Route path="/bedrock-models" element={<BedrockModelsPage />} />`.
 *
 * @public
 */
export const BedrockModelsPage = bedrockModelsLegacyPlugin.provide(
  createRoutableExtension({
    name: 'BedrockModelsPage',
    component: () =>
      import('./components/BedrockModelsPage').then(m => m.BedrockModelsPage),
    mountPoint: legacyRootRouteRef,
  }),
);
