import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  createRouteRef,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { createScaffolderFieldExtension } from '@backstage/plugin-scaffolder-react';
import { bedrockModelsApiRef } from './api/BedrockModelsApi';
import { CachingBedrockModelsClient } from './api/CachingBedrockModelsClient';
import { PortalSettingPicker } from './scaffolder/PortalSettingPicker';
import { ArtifactCheck } from './scaffolder/ArtifactCheck';
import {
  ARTIFACT_CHECK,
  validateArtifactCheck,
} from './scaffolder/artifactCheckField';
import { ModelPicker } from './scaffolder/ModelPicker';
import { MODEL_PICKER, validateModelPick } from './scaffolder/modelPickerField';
import {
  PORTAL_SETTING_PICKER,
  validatePortalSetting,
} from './scaffolder/portalSettingPickerField';

/**
 * Route of the Bedrock models page in apps on the legacy frontend system.
 *
 * @public
 */
export const legacyRootRouteRef = createRouteRef({ id: 'bedrock-models' });

/**
 * Route of the Approvals page in apps on the legacy frontend system.
 *
 * @public
 */
export const legacyApprovalsRouteRef = createRouteRef({
  id: 'bedrock-models-approvals',
});

/**
 * The bedrock-models plugin for apps still on the legacy frontend system.
 *
 * @public
 */
export const bedrockModelsLegacyPlugin = createPlugin({
  id: 'bedrock-models',
  apis: [
    createApiFactory({
      api: bedrockModelsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new CachingBedrockModelsClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: { root: legacyRootRouteRef, approvals: legacyApprovalsRouteRef },
});

/**
 * The governance page, for `<Route path="/bedrock-models" element={<BedrockModelsPage />} />`.
 *
 * @public
 */
export const BedrockModelsPage = bedrockModelsLegacyPlugin.provide(
  createRoutableExtension({
    name: 'BedrockModelsPage',
    component: () =>
      import('./components/GovernancePage').then(m => m.GovernancePage),
    mountPoint: legacyRootRouteRef,
  }),
);

/**
 * The Approvals page, for
 * `<Route path="/bedrock-models/approvals" element={<BedrockModelsApprovalsPage />} />` (the path the
 * plugin's links and the backend's notifications use).
 *
 * @public
 */
export const BedrockModelsApprovalsPage = bedrockModelsLegacyPlugin.provide(
  createRoutableExtension({
    name: 'BedrockModelsApprovalsPage',
    component: () =>
      import('./components/ApprovalsPage').then(m => m.ApprovalsPage),
    mountPoint: legacyApprovalsRouteRef,
  }),
);

/**
 * The model tab, for an `ai-model` Resource's entity page:
 * `<EntityLayout.Route path="/bedrock" title="Bedrock"><EntityBedrockModelContent /></EntityLayout.Route>`.
 *
 * @public
 */
export const EntityBedrockModelContent = bedrockModelsLegacyPlugin.provide(
  createComponentExtension({
    name: 'EntityBedrockModelContent',
    component: {
      lazy: () => import('./components/ModelTab').then(m => m.ModelTab),
    },
  }),
);

/**
 * The summary card, for the Overview tab of an `ai-model` Resource's entity page: what serves each
 * alias in each Region, the monthly cost and the last move.
 *
 * @public
 */
export const EntityBedrockModelSummaryCard = bedrockModelsLegacyPlugin.provide(
  createComponentExtension({
    name: 'EntityBedrockModelSummaryCard',
    component: {
      lazy: () =>
        import('./components/ModelSummaryCard').then(m => m.ModelSummaryCard),
    },
  }),
);

/**
 * The version card, for an `ai-model-version` Resource's entity page.
 *
 * @public
 */
export const EntityBedrockModelVersionCard = bedrockModelsLegacyPlugin.provide(
  createComponentExtension({
    name: 'EntityBedrockModelVersionCard',
    component: {
      lazy: () => import('./components/VersionCard').then(m => m.VersionCard),
    },
  }),
);

/**
 * The template field `BedrockModelsSettingPicker`, for `<ScaffolderFieldExtensions>` in legacy apps.
 *
 * @public
 */
export const BedrockModelsSettingPickerFieldExtension =
  bedrockModelsLegacyPlugin.provide(
    createScaffolderFieldExtension({
      name: PORTAL_SETTING_PICKER,
      component: PortalSettingPicker,
      validation: validatePortalSetting,
    }),
  );

/**
 * The template field `BedrockArtifactCheck` (the backend's check of the artifacts before Create), for
 * `<ScaffolderFieldExtensions>` in legacy apps.
 *
 * @public
 */
export const BedrockArtifactCheckFieldExtension =
  bedrockModelsLegacyPlugin.provide(
    createScaffolderFieldExtension({
      name: ARTIFACT_CHECK,
      component: ArtifactCheck,
      validation: validateArtifactCheck,
    }),
  );

/**
 * The template field `BedrockModelPicker` (the models the user may add a version to), for
 * `<ScaffolderFieldExtensions>` in legacy apps.
 *
 * @public
 */
export const BedrockModelPickerFieldExtension =
  bedrockModelsLegacyPlugin.provide(
    createScaffolderFieldExtension({
      name: MODEL_PICKER,
      component: ModelPicker,
      validation: validateModelPick,
    }),
  );

export type { PortalSettingPickerOptions } from './scaffolder/PortalSettingPicker';
export type { SettingList } from './scaffolder/settingChoices';
export type { ArtifactCheckOptions } from './scaffolder/ArtifactCheck';
export type { ArtifactCheckFieldNames } from './scaffolder/artifactCheckInputs';
export { bedrockModelsApiRef } from './api/BedrockModelsApi';
export type { BedrockModelsApi } from '@bedrock-portal/backstage-plugin-bedrock-models-common';
export { CachingBedrockModelsClient } from './api/CachingBedrockModelsClient';
