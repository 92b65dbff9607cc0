import {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  AliasPointer,
  BEDROCK_MODELS_PLUGIN_ID,
  BedrockModelsHealth,
  ImportVersionRequest,
  ImportVersionResponse,
  ModelDetails,
  ModelSearchResult,
  ModelVersion,
  PointerMove,
  RegistryInventory,
  ValidateArtifactsRequest,
  ValidationReport,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';

/** Options of every client call: whose behalf it is made on. */
export type BedrockModelsRequestOptions = {
  credentials: BackstageCredentials;
};

/** A pointer move: promote names the version, rollback goes back to the previous one. */
export type MovePointerRequest = {
  modelName: string;
  alias: string;
  region: string;
  reason: string;
  /** The version the caller believes the pointer names now (null: none); a mismatch is a 409. */
  expectedCurrentVersion?: number | null;
};

/** What a pointer move answers. */
export type MovePointerResponse = {
  move: PointerMove;
  pointer: AliasPointer;
};

/** What other backend plugins and modules can ask the bedrock-models backend. */
export interface BedrockModelsService {
  /** Whether the backend and its database are up. */
  getHealth(options: BedrockModelsRequestOptions): Promise<BedrockModelsHealth>;
  /** Every model, version and pointer (the catalog module's full refresh). */
  getInventory(
    options: BedrockModelsRequestOptions,
  ): Promise<RegistryInventory>;
  /** One model with its versions, pointers and recent history; undefined when there is none. */
  getModel(
    modelName: string,
    options: BedrockModelsRequestOptions,
  ): Promise<ModelDetails | undefined>;
  /** One page of models. */
  searchModels(
    query: Record<string, string | number | undefined>,
    options: BedrockModelsRequestOptions,
  ): Promise<ModelSearchResult>;
  /** One version; undefined when there is none. */
  getVersion(
    modelName: string,
    version: number,
    options: BedrockModelsRequestOptions,
  ): Promise<ModelVersion | undefined>;
  /** Checks an artifact set before importing it; problems are in the report, not thrown. */
  validateArtifacts(
    request: ValidateArtifactsRequest,
    options: BedrockModelsRequestOptions,
  ): Promise<ValidationReport>;
  /**
   * Starts an import (202). The same idempotency key always answers with the same version and
   * never starts a second job.
   */
  importVersion(
    modelName: string,
    request: ImportVersionRequest,
    options: BedrockModelsRequestOptions & { idempotencyKey: string },
  ): Promise<ImportVersionResponse>;
  /** Points an alias at a version. */
  promote(
    request: MovePointerRequest & { version: number },
    options: BedrockModelsRequestOptions,
  ): Promise<MovePointerResponse>;
  /** Points an alias back at the version it named before. */
  rollback(
    request: MovePointerRequest,
    options: BedrockModelsRequestOptions,
  ): Promise<MovePointerResponse>;
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
    return this.request<BedrockModelsHealth>('GET', '/health', options);
  }

  async getInventory(
    options: BedrockModelsRequestOptions,
  ): Promise<RegistryInventory> {
    return this.request<RegistryInventory>('GET', '/inventory', options);
  }

  async getModel(
    modelName: string,
    options: BedrockModelsRequestOptions,
  ): Promise<ModelDetails | undefined> {
    return this.orUndefinedWhenMissing(() =>
      this.request<ModelDetails>(
        'GET',
        `/models/${encodeURIComponent(modelName)}`,
        options,
      ),
    );
  }

  async searchModels(
    query: Record<string, string | number | undefined>,
    options: BedrockModelsRequestOptions,
  ): Promise<ModelSearchResult> {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined) params.set(key, String(value));
    }
    const search = params.toString();
    return this.request<ModelSearchResult>(
      'GET',
      `/models${search ? `?${search}` : ''}`,
      options,
    );
  }

  async getVersion(
    modelName: string,
    version: number,
    options: BedrockModelsRequestOptions,
  ): Promise<ModelVersion | undefined> {
    return this.orUndefinedWhenMissing(() =>
      this.request<ModelVersion>(
        'GET',
        `/models/${encodeURIComponent(modelName)}/versions/${version}`,
        options,
      ),
    );
  }

  async validateArtifacts(
    request: ValidateArtifactsRequest,
    options: BedrockModelsRequestOptions,
  ): Promise<ValidationReport> {
    return this.request<ValidationReport>('POST', '/validate', options, {
      body: request,
    });
  }

  async importVersion(
    modelName: string,
    request: ImportVersionRequest,
    options: BedrockModelsRequestOptions & { idempotencyKey: string },
  ): Promise<ImportVersionResponse> {
    return this.request<ImportVersionResponse>(
      'POST',
      `/models/${encodeURIComponent(modelName)}/versions`,
      options,
      {
        body: request,
        headers: { 'Idempotency-Key': options.idempotencyKey },
      },
    );
  }

  async promote(
    request: MovePointerRequest & { version: number },
    options: BedrockModelsRequestOptions,
  ): Promise<MovePointerResponse> {
    const { modelName, alias, ...body } = request;
    return this.request<MovePointerResponse>(
      'POST',
      `/models/${encodeURIComponent(modelName)}/aliases/${encodeURIComponent(
        alias,
      )}`,
      options,
      { body },
    );
  }

  async rollback(
    request: MovePointerRequest,
    options: BedrockModelsRequestOptions,
  ): Promise<MovePointerResponse> {
    const { modelName, alias, ...body } = request;
    return this.request<MovePointerResponse>(
      'POST',
      `/models/${encodeURIComponent(modelName)}/aliases/${encodeURIComponent(
        alias,
      )}/rollback`,
      options,
      { body },
    );
  }

  private async orUndefinedWhenMissing<T>(
    call: () => Promise<T>,
  ): Promise<T | undefined> {
    try {
      return await call();
    } catch (error) {
      if (error instanceof ResponseError && error.statusCode === 404) {
        return undefined;
      }
      throw error;
    }
  }

  private async request<T>(
    method: 'GET' | 'POST',
    path: string,
    options: BedrockModelsRequestOptions,
    extra: { body?: unknown; headers?: Record<string, string> } = {},
  ): Promise<T> {
    const baseUrl = await this.deps.discovery.getBaseUrl(
      BEDROCK_MODELS_PLUGIN_ID,
    );
    const { token } = await this.deps.auth.getPluginRequestToken({
      onBehalfOf: options.credentials,
      targetPluginId: BEDROCK_MODELS_PLUGIN_ID,
    });
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${token}`,
        ...(extra.body !== undefined
          ? { 'Content-Type': 'application/json' }
          : {}),
        ...extra.headers,
      },
      body: extra.body !== undefined ? JSON.stringify(extra.body) : undefined,
    });
    if (!response.ok) {
      // Keeps the backend's status and message (e.g. a 403's reason) for the caller.
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}
