import { createApiRef } from '@backstage/frontend-plugin-api';
import {
  BEDROCK_MODELS_PLUGIN_ID,
  BedrockModelsApi,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';

/**
 * The bedrock-models API of the frontend: the `BedrockModelsApi` of `-common`, one method per
 * operation of the backend's OpenAPI contract.
 *
 * @public
 */
export const bedrockModelsApiRef = createApiRef<BedrockModelsApi>().with({
  id: 'plugin.bedrock-models.api',
  pluginId: BEDROCK_MODELS_PLUGIN_ID,
});
