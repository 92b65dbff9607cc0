import {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  BEDROCK_MODELS_PLUGIN_ID,
  BedrockModelsHealth,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';

/** Options of every client call: whose behalf it is made on. */
export type BedrockModelsRequestOptions = {
  credentials: BackstageCredentials;
};

/** What other backend plugins and modules can ask the bedrock-models backend. */
export interface BedrockModelsService {
  /** Whether the backend and its database are up. */
  getHealth(options: BedrockModelsRequestOptions): Promise<BedrockModelsHealth>;
}

/**
 * Talks HTTP to the bedrock-models backend plugin, wherever discovery says it runs,
 * with a token issued for the given credentials (a user's, or this plugin's own).
 */
export class BedrockModelsClient implements BedrockModelsService {
  constructor(
    private readonly deps: { discovery: DiscoveryService; auth: AuthService },
  ) {}

  async getHealth(
    options: BedrockModelsRequestOptions,
  ): Promise<BedrockModelsHealth> {
    return this.request<BedrockModelsHealth>('/health', options);
  }

  private async request<T>(
    path: string,
    options: BedrockModelsRequestOptions,
  ): Promise<T> {
    const baseUrl = await this.deps.discovery.getBaseUrl(
      BEDROCK_MODELS_PLUGIN_ID,
    );
    const { token } = await this.deps.auth.getPluginRequestToken({
      onBehalfOf: options.credentials,
      targetPluginId: BEDROCK_MODELS_PLUGIN_ID,
    });
    const response = await fetch(`${baseUrl}${path}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    if (!response.ok) {
      // Keeps the backend's status and message (e.g. a 403's reason) for the caller.
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}
