import { ResponseError } from '@backstage/errors';
import type { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import {
  BEDROCK_MODELS_PLUGIN_ID,
  GovernanceReport,
  ModelCostReport,
  ModelDetails,
  ModelSearchResult,
  ModelVersion,
  PointerMove,
  PortalSettings,
  QuotaReport,
  RegistryInventory,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import {
  BedrockModelsApi,
  ModelSearchQuery,
  PointerMoveRequest,
  PointerMoveResult,
} from './BedrockModelsApi';

const segment = encodeURIComponent;

/** How long one answer of `GET /settings` is reused. */
const SETTINGS_REUSE_MS = 60_000;

/** Talks to the bedrock-models backend through the app's fetchApi, with the signed-in user's token. */
export class BedrockModelsApiClient implements BedrockModelsApi {
  private settings?: { at: number; answer: Promise<PortalSettings> };

  constructor(
    private readonly deps: { discoveryApi: DiscoveryApi; fetchApi: FetchApi },
  ) {}

  searchModels(query: ModelSearchQuery): Promise<ModelSearchResult> {
    return this.get(`/models${toSearch(query)}`);
  }

  getModel(modelName: string): Promise<ModelDetails> {
    return this.get(`/models/${segment(modelName)}`);
  }

  getVersion(modelName: string, version: number): Promise<ModelVersion> {
    return this.get(`/models/${segment(modelName)}/versions/${version}`);
  }

  async getPointerHistory(
    modelName: string,
    alias: string,
    region: string,
  ): Promise<PointerMove[]> {
    const { items } = await this.get<{ items: PointerMove[] }>(
      `/models/${segment(modelName)}/aliases/${segment(
        alias,
      )}/history${toSearch({ region })}`,
    );
    return [...items].sort((a, b) => a.seq - b.seq);
  }

  promote(
    request: PointerMoveRequest & { version: number },
  ): Promise<PointerMoveResult> {
    const { modelName, alias, ...body } = request;
    return this.post(
      `/models/${segment(modelName)}/aliases/${segment(alias)}`,
      body,
    );
  }

  rollback(request: PointerMoveRequest): Promise<PointerMoveResult> {
    const { modelName, alias, ...body } = request;
    return this.post(
      `/models/${segment(modelName)}/aliases/${segment(alias)}/rollback`,
      body,
    );
  }

  retireVersion(
    modelName: string,
    version: number,
    reason: string,
  ): Promise<ModelVersion> {
    return this.post(
      `/models/${segment(modelName)}/versions/${version}/retire`,
      { reason },
    );
  }

  getInventory(): Promise<RegistryInventory> {
    return this.get('/inventory');
  }

  /**
   * The backend's configuration changes only when it restarts, and a page or template form asks for it
   * from several places at once: one answer (or one request in flight) serves for a minute. A failed
   * request is not kept, so a retry asks again.
   */
  getSettings(): Promise<PortalSettings> {
    const now = Date.now();
    if (!this.settings || now - this.settings.at > SETTINGS_REUSE_MS) {
      const answer = this.get<PortalSettings>('/settings');
      const entry = { at: now, answer };
      this.settings = entry;
      answer.catch(() => {
        if (this.settings === entry) this.settings = undefined;
      });
    }
    return this.settings.answer;
  }

  getModelCost(
    modelName: string,
    period: { from: Date; to: Date },
  ): Promise<ModelCostReport> {
    return this.get(
      `/models/${segment(modelName)}/cost${toSearch({
        from: period.from.toISOString(),
        to: period.to.toISOString(),
      })}`,
    );
  }

  getQuotas(accountId: string, region: string): Promise<QuotaReport> {
    return this.get(`/quotas${toSearch({ account: accountId, region })}`);
  }

  getGovernanceReport(): Promise<GovernanceReport> {
    return this.get('/report');
  }

  private get<T>(path: string): Promise<T> {
    return this.request<T>(path, { method: 'GET' });
  }

  private post<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
  }

  private async request<T>(path: string, init: RequestInit): Promise<T> {
    // Discovery rather than plugin:// URLs, so legacy apps (whose fetch may not resolve them) work too.
    const baseUrl = await this.deps.discoveryApi.getBaseUrl(
      BEDROCK_MODELS_PLUGIN_ID,
    );
    const response = await this.deps.fetchApi.fetch(`${baseUrl}${path}`, init);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}

function toSearch(query: Record<string, string | number | undefined>) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `?${search}` : '';
}
