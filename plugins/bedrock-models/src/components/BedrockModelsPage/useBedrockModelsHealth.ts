import {
  discoveryApiRef,
  fetchApiRef,
  useApi,
} from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  BEDROCK_MODELS_PLUGIN_ID,
  BedrockModelsHealth,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import useAsync from 'react-use/esm/useAsync';

/** Reads the backend's health, with the signed-in user's token. */
export function useBedrockModelsHealth() {
  const discoveryApi = useApi(discoveryApiRef);
  const { fetch } = useApi(fetchApiRef);
  return useAsync(async (): Promise<BedrockModelsHealth> => {
    // Discovery rather than plugin:// URLs, so legacy apps (whose fetch may not resolve them) work too.
    const baseUrl = await discoveryApi.getBaseUrl(BEDROCK_MODELS_PLUGIN_ID);
    const response = await fetch(`${baseUrl}/health`);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return response.json();
  }, [discoveryApi, fetch]);
}
