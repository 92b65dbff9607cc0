import { createApiRef } from '@backstage/frontend-plugin-api';
import {
  AliasPointer,
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

/** Query of `GET /models`; every field optional. */
export type ModelSearchQuery = {
  q?: string;
  owner?: string;
  account?: string;
  region?: string;
  architecture?: string;
  classification?: string;
  alias?: string;
  aliasState?: 'set' | 'unset';
  sort?: 'name' | 'updatedAt';
  order?: 'asc' | 'desc';
  limit?: number;
  offset?: number;
};

/** Which pointer a move is about, and what the caller believes it names now. */
export type PointerMoveRequest = {
  modelName: string;
  alias: string;
  region: string;
  reason: string;
  /** The version the caller saw the pointer name (null: none); the backend answers 409 when it moved since. */
  expectedCurrentVersion: number | null;
};

/** What the backend answers to a promote or rollback. */
export type PointerMoveResult = {
  move: PointerMove;
  pointer: AliasPointer;
  outboxId: number;
};

/** What the frontend asks of the bedrock-models backend. */
export interface BedrockModelsApi {
  /** One page of models. */
  searchModels(query: ModelSearchQuery): Promise<ModelSearchResult>;
  /** A model with its versions, pointers, publish states and recent history. */
  getModel(modelName: string): Promise<ModelDetails>;
  /** One version of a model. */
  getVersion(modelName: string, version: number): Promise<ModelVersion>;
  /** Every move of one pointer, oldest first. */
  getPointerHistory(
    modelName: string,
    alias: string,
    region: string,
  ): Promise<PointerMove[]>;
  /** Points an alias at a version. */
  promote(
    request: PointerMoveRequest & { version: number },
  ): Promise<PointerMoveResult>;
  /** Points an alias back at the version it named before. */
  rollback(request: PointerMoveRequest): Promise<PointerMoveResult>;
  /** Retires a version: deletes its imported model in Bedrock. */
  retireVersion(
    modelName: string,
    version: number,
    reason: string,
  ): Promise<ModelVersion>;
  /** Every model, version and pointer. */
  getInventory(): Promise<RegistryInventory>;
  /** Configured accounts, aliases, classifications, SSM prefix and prices. */
  getSettings(): Promise<PortalSettings>;
  /** Cost of a model per version and day over a period. */
  getModelCost(
    modelName: string,
    period: { from: Date; to: Date },
  ): Promise<ModelCostReport>;
  /** Custom Model Import quotas in one account and Region. */
  getQuotas(accountId: string, region: string): Promise<QuotaReport>;
  /** Every version in every account and Region, for governance. */
  getGovernanceReport(): Promise<GovernanceReport>;
}

/** The bedrock-models API of the frontend. */
export const bedrockModelsApiRef = createApiRef<BedrockModelsApi>().with({
  id: 'plugin.bedrock-models.api',
  pluginId: BEDROCK_MODELS_PLUGIN_ID,
});
