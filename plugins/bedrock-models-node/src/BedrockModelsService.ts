import { BackstageCredentials } from '@backstage/backend-plugin-api';
import type {
  EvaluationRun,
  EvaluationStartResponse,
  EvaluationSuite,
  GovernanceReport,
  GovernanceReportFilters,
  GovernanceReportQuery,
  Health,
  ImportVersionCall,
  ImportVersionResponse,
  InventoryQuery,
  ModelCostReport,
  ModelDetails,
  ModelSearchResult,
  ModelVersion,
  PointerHistory,
  PointerLocator,
  PointerMoveResult,
  PortalSettings,
  PromoteVersionCall,
  QuotaReport,
  RegistryInventory,
  ReportFacets,
  RetireVersionCall,
  RollbackPointerCall,
  SearchModelsQuery,
  StartEvaluationCall,
  ValidateArtifactsRequest,
  ValidationReport,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';

/**
 * Whose behalf a call is made on: a user's credentials (the backend's permission rules apply to that
 * user), or the calling plugin's own.
 *
 * @public
 */
export type BedrockModelsRequestOptions = {
  credentials: BackstageCredentials;
};

/**
 * The bedrock-models API for other backend plugins and modules: the `BedrockModelsApi` of `-common`,
 * with credentials instead of a token. Refusals throw `ResponseError` with the backend's status and
 * reason; a model or version that does not exist is `undefined`.
 *
 * @public
 */
export interface BedrockModelsService {
  getHealth(options: BedrockModelsRequestOptions): Promise<Health>;
  searchModels(
    query: SearchModelsQuery | undefined,
    options: BedrockModelsRequestOptions,
  ): Promise<ModelSearchResult>;
  getSettings(options: BedrockModelsRequestOptions): Promise<PortalSettings>;
  validateArtifacts(
    request: ValidateArtifactsRequest,
    options: BedrockModelsRequestOptions,
  ): Promise<ValidationReport>;
  getQuotas(
    request: { accountId: string; region: string },
    options: BedrockModelsRequestOptions,
  ): Promise<QuotaReport>;
  getGovernanceReport(
    query: GovernanceReportQuery | undefined,
    options: BedrockModelsRequestOptions,
  ): Promise<GovernanceReport>;
  getReportCsv(
    filters: GovernanceReportFilters | undefined,
    options: BedrockModelsRequestOptions,
  ): Promise<string>;
  getReportFacets(options: BedrockModelsRequestOptions): Promise<ReportFacets>;
  getInventory(
    query: InventoryQuery | undefined,
    options: BedrockModelsRequestOptions,
  ): Promise<RegistryInventory>;
  getModel(
    request: { modelName: string },
    options: BedrockModelsRequestOptions,
  ): Promise<ModelDetails | undefined>;
  getVersion(
    request: { modelName: string; version: number },
    options: BedrockModelsRequestOptions,
  ): Promise<ModelVersion | undefined>;
  importVersion(
    request: ImportVersionCall,
    options: BedrockModelsRequestOptions,
  ): Promise<ImportVersionResponse>;
  getModelCost(
    request: { modelName: string; from?: string; to?: string },
    options: BedrockModelsRequestOptions,
  ): Promise<ModelCostReport>;
  retireVersion(
    request: RetireVersionCall,
    options: BedrockModelsRequestOptions,
  ): Promise<ModelVersion>;
  getPointerHistory(
    request: PointerLocator,
    options: BedrockModelsRequestOptions,
  ): Promise<PointerHistory>;
  promoteVersion(
    request: PromoteVersionCall,
    options: BedrockModelsRequestOptions,
  ): Promise<PointerMoveResult>;
  rollbackPointer(
    request: RollbackPointerCall,
    options: BedrockModelsRequestOptions,
  ): Promise<PointerMoveResult>;
  /** The model's evaluation prompts (none until its owners store some). */
  getEvaluationSuite(
    request: { modelName: string },
    options: BedrockModelsRequestOptions,
  ): Promise<EvaluationSuite>;
  /** Queues the suite on a ready version (and the version an alias names, to compare). */
  startEvaluation(
    request: StartEvaluationCall,
    options: BedrockModelsRequestOptions,
  ): Promise<EvaluationStartResponse>;
  /** One evaluation run with its results; undefined when there is none. */
  getEvaluationRun(
    request: { modelName: string; runId: string },
    options: BedrockModelsRequestOptions,
  ): Promise<EvaluationRun | undefined>;
}
