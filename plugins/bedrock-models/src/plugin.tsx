import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
  PluginHeaderActionBlueprint,
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
import AssignmentTurnedInIcon from '@material-ui/icons/AssignmentTurnedIn';
import { bedrockModelsApiRef } from './api/BedrockModelsApi';
import { CachingBedrockModelsClient } from './api/CachingBedrockModelsClient';
import { approvalsRouteRef, rootRouteRef } from './routes';

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

/**
 * The Approvals page at /bedrock-models/approvals: requests to decide, requested, all. Its title and
 * icon make its sidebar item; the header link on the plugin's pages leads there too.
 */
export const bedrockModelsApprovalsPage = PageBlueprint.make({
  name: 'approvals',
  params: {
    path: '/bedrock-models/approvals',
    routeRef: approvalsRouteRef,
    title: 'Model approvals',
    icon: <AssignmentTurnedInIcon fontSize="inherit" />,
    loader: () =>
      import('./components/ApprovalsPage').then(m => <m.ApprovalsPage />),
  },
});

/** The link to the Approvals page in the header of the plugin's pages, with how many wait for you. */
export const bedrockModelsApprovalsHeaderLink =
  PluginHeaderActionBlueprint.make({
    name: 'approvals-link',
    params: {
      loader: () =>
        import('./components/ApprovalsPage/ApprovalsHeaderLink').then(m => (
          <m.ApprovalsHeaderLink />
        )),
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

/** The summary card of `ai-model` Resources, on their Overview tab: what serves where, cost, last move. */
export const bedrockModelSummaryEntityCard = EntityCardBlueprint.make({
  name: 'model-summary',
  params: {
    filter: { kind: 'resource', 'spec.type': AI_MODEL_ENTITY_TYPE },
    loader: () =>
      import('./components/ModelSummaryCard').then(m => <m.ModelSummaryCard />),
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
 * The bedrock-models frontend plugin (new frontend system): the governance page, the approvals page, the model tab,
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
    bedrockModelsApprovalsPage,
    bedrockModelsApprovalsHeaderLink,
    bedrockModelEntityContent,
    bedrockModelSummaryEntityCard,
    bedrockModelVersionEntityCard,
    bedrockModelsSettingPickerField,
    bedrockArtifactCheckField,
    bedrockModelPickerField,
  ],
  routes: {
    root: rootRouteRef,
    approvals: approvalsRouteRef,
  },
});
