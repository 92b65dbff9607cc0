import type {
  AttentionSummary,
  AuditTrail,
  GetAuditTrailParams,
  ApprovalList,
  ApprovalRequest,
  ApprovalRequestResponse,
  ColdStartAttention,
  ColdStartStats,
  KeepWarmPolicyRequest,
  KeepWarmView,
  DecisionResponse,
  EvaluationRun,
  EvaluationRunList,
  EvaluationStartRequest,
  EvaluationStartResponse,
  EvaluationSuite,
  EvaluationSuiteRequest,
  GetGovernanceReportParams,
  ListApprovalRequestsParams,
  GetInventoryParams,
  GovernanceReport,
  Health,
  ImportVersionRequest,
  ImportVersionResponse,
  ModelCostReport,
  ModelDetails,
  ModelSearchResult,
  ModelVersion,
  PointerHistory,
  PointerMoveResponse,
  PortalSettings,
  PromoteRequest,
  QuotaReport,
  RegistryInventory,
  ReportFacets,
  RequestOptions,
  RetireRequest,
  RollbackRequest,
  SearchModelsParams,
  ValidateArtifactsRequest,
  ValidationReport,
} from '../schema/openapi/generated';

/**
 * Query of `GET /models`, as the contract defines it.
 *
 * @public
 */
export type SearchModelsQuery = NonNullable<SearchModelsParams['query']>;

/**
 * What a promote or rollback answers: the move (or, with `dryRun`, what it would be), or the approval
 * request it became when an approval rule covers the pointer.
 *
 * @public
 */
export type PointerMoveResult = PointerMoveResponse | ApprovalRequestResponse;

/**
 * Query of `GET /approvals`, as the contract defines it.
 *
 * @public
 */
export type ApprovalRequestsQuery = NonNullable<
  ListApprovalRequestsParams['query']
>;

/**
 * A decision on an approval request (approve, reject or cancel): the request and why.
 *
 * @public
 */
export type ApprovalDecisionCall = { id: string; reason: string };

/**
 * A model's evaluation suite to store: the model and the prompts the contract defines.
 *
 * @public
 */
export type EvaluationSuiteCall = EvaluationSuiteRequest & {
  modelName: string;
};

/**
 * An evaluation to start: the version and the body the contract defines.
 *
 * @public
 */
export type StartEvaluationCall = EvaluationStartRequest & {
  modelName: string;
  version: number;
};

/**
 * Query of the governance report as JSON (`GET /report`): its filters, sort and page, as the contract
 * defines them.
 *
 * @public
 */
export type GovernanceReportQuery = Omit<
  NonNullable<GetGovernanceReportParams['query']>,
  'format'
>;

/**
 * The governance report's filters, as the contract defines them; unset lets every row through.
 *
 * @public
 */
export type GovernanceReportFilters = Omit<
  GovernanceReportQuery,
  'sort' | 'order' | 'limit' | 'cursor'
>;

/**
 * The governance report as CSV: its filters and, optionally, its order (the default is model, then
 * version).
 *
 * @public
 */
export type GovernanceReportCsvQuery = Omit<
  GovernanceReportQuery,
  'limit' | 'cursor'
>;

/**
 * Query of the audit trail as JSON (`GET /audit`): its filters and page, as the contract defines them.
 *
 * @public
 */
export type AuditTrailQuery = Omit<
  NonNullable<GetAuditTrailParams['query']>,
  'format'
>;

/**
 * The audit trail's filters, as the contract defines them.
 *
 * @public
 */
export type AuditTrailFilters = Omit<AuditTrailQuery, 'limit' | 'cursor'>;

/**
 * A keep-warm policy to set: the pointer (model and alias) and the body the contract defines.
 *
 * @public
 */
export type KeepWarmPolicyCall = KeepWarmPolicyRequest & {
  modelName: string;
  alias: string;
};

/**
 * Query of `GET /inventory`: a page of models (`limit`, and `after` the last one), or every model.
 *
 * @public
 */
export type InventoryQuery = NonNullable<GetInventoryParams['query']>;

/**
 * One alias of a model in one Region.
 *
 * @public
 */
export type PointerLocator = {
  modelName: string;
  alias: string;
  region: string;
};

/**
 * A promote: the pointer (model and alias) and the body the contract defines.
 *
 * @public
 */
export type PromoteVersionCall = PromoteRequest & {
  modelName: string;
  alias: string;
};

/**
 * A rollback: the pointer (model and alias) and the body the contract defines.
 *
 * @public
 */
export type RollbackPointerCall = RollbackRequest & {
  modelName: string;
  alias: string;
};

/**
 * An import: the model, the step's Idempotency-Key and the body the contract defines.
 *
 * @public
 */
export type ImportVersionCall = ImportVersionRequest & {
  modelName: string;
  /** The same key always answers with the same version and never starts a second job. */
  idempotencyKey: string;
};

/**
 * A retirement: the version and the body the contract defines.
 *
 * @public
 */
export type RetireVersionCall = RetireRequest & {
  modelName: string;
  version: number;
};

/**
 * What the bedrock-models backend answers, one method per operation of its OpenAPI contract. A call the
 * backend refuses throws `ResponseError` (from `@backstage/errors`) carrying its status and reason; a
 * model or version that does not exist is `undefined`. `options.token` replaces the token the fetch API
 * would add (backends pass one issued for the user they act for).
 *
 * @public
 */
export interface BedrockModelsApi {
  /** Whether the backend and its database are up. */
  getHealth(options?: RequestOptions): Promise<Health>;
  /** One page of models. */
  searchModels(
    query?: SearchModelsQuery,
    options?: RequestOptions,
  ): Promise<ModelSearchResult>;
  /** Configured accounts and Regions, aliases (production first), classifications, SSM prefix and prices. */
  getSettings(options?: RequestOptions): Promise<PortalSettings>;
  /** Checks an artifact set before importing it; problems are in the report, not thrown. */
  validateArtifacts(
    request: ValidateArtifactsRequest,
    options?: RequestOptions,
  ): Promise<ValidationReport>;
  /** Custom Model Import quotas in one account and Region. */
  getQuotas(
    request: { accountId: string; region: string },
    options?: RequestOptions,
  ): Promise<QuotaReport>;
  /** One sorted page of the versions that pass the filters, with the totals of all of them. */
  getGovernanceReport(
    query?: GovernanceReportQuery,
    options?: RequestOptions,
  ): Promise<GovernanceReport>;
  /** Every version that passes the filters, as the backend's CSV text (`GET /report?format=csv`). */
  getReportCsv(
    query?: GovernanceReportCsvQuery,
    options?: RequestOptions,
  ): Promise<string>;
  /** What needs a governance reviewer's attention, each with its count, cost and report filters. */
  getAttention(
    query?: { idleDays?: number },
    options?: RequestOptions,
  ): Promise<AttentionSummary>;
  /** One page of the audit trail (imports, moves, retirements, approval decisions), newest first. */
  getAuditTrail(
    query?: AuditTrailQuery,
    options?: RequestOptions,
  ): Promise<AuditTrail>;
  /** Every event that passes the filters, as the backend's CSV text (`GET /audit?format=csv`). */
  getAuditCsv(
    filters?: AuditTrailFilters,
    options?: RequestOptions,
  ): Promise<string>;
  /** The values each filter of the governance report can take. */
  getReportFacets(options?: RequestOptions): Promise<ReportFacets>;
  /** Every model, version and pointer; with `limit`, a page of models with theirs. */
  getInventory(
    query?: InventoryQuery,
    options?: RequestOptions,
  ): Promise<RegistryInventory>;
  /** A model with its versions, pointers, publish states and recent history; undefined when there is none. */
  getModel(
    request: { modelName: string },
    options?: RequestOptions,
  ): Promise<ModelDetails | undefined>;
  /** One version; undefined when there is none. */
  getVersion(
    request: { modelName: string; version: number },
    options?: RequestOptions,
  ): Promise<ModelVersion | undefined>;
  /** Starts an import (creating the model when new); answers the version, importing. */
  importVersion(
    request: ImportVersionCall,
    options?: RequestOptions,
  ): Promise<ImportVersionResponse>;
  /** Cost per version and day; the backend defaults to the last 30 days. */
  getModelCost(
    request: { modelName: string; from?: string; to?: string },
    options?: RequestOptions,
  ): Promise<ModelCostReport>;
  /** Deletes a version's imported model in Bedrock; refused while a pointer names it. */
  retireVersion(
    request: RetireVersionCall,
    options?: RequestOptions,
  ): Promise<ModelVersion>;
  /** Every move of one pointer. */
  getPointerHistory(
    request: PointerLocator,
    options?: RequestOptions,
  ): Promise<PointerHistory>;
  /**
   * Points an alias at a version (or, with `dryRun`, says what it would do); under an approval rule it
   * becomes an approval request instead (see `isApprovalRequested`).
   */
  promoteVersion(
    request: PromoteVersionCall,
    options?: RequestOptions,
  ): Promise<PointerMoveResult>;
  /** Points an alias back at its rollback target (or says what it would do, or asks for approval). */
  rollbackPointer(
    request: RollbackPointerCall,
    options?: RequestOptions,
  ): Promise<PointerMoveResult>;
  /** Approval requests, newest first; `mine: 'decide'` lists those the caller may decide on. */
  listApprovalRequests(
    query?: ApprovalRequestsQuery,
    options?: RequestOptions,
  ): Promise<ApprovalList>;
  /** One approval request; undefined when there is none. */
  getApprovalRequest(
    request: { id: string },
    options?: RequestOptions,
  ): Promise<ApprovalRequest | undefined>;
  /** Approves a request; the approval that satisfies its rule moves the pointer (`move`). */
  approveRequest(
    request: ApprovalDecisionCall,
    options?: RequestOptions,
  ): Promise<DecisionResponse>;
  /** Rejects a request. */
  rejectRequest(
    request: ApprovalDecisionCall,
    options?: RequestOptions,
  ): Promise<DecisionResponse>;
  /** Withdraws a pending request (its requester, or an admin). */
  cancelRequest(
    request: ApprovalDecisionCall,
    options?: RequestOptions,
  ): Promise<DecisionResponse>;
  /** The model's evaluation prompts (none until its owners store some). */
  getEvaluationSuite(
    request: { modelName: string },
    options?: RequestOptions,
  ): Promise<EvaluationSuite>;
  /** Replaces the model's evaluation prompts. */
  putEvaluationSuite(
    request: EvaluationSuiteCall,
    options?: RequestOptions,
  ): Promise<EvaluationSuite>;
  /** The model's evaluation runs, newest first, optionally of one version. */
  listEvaluationRuns(
    request: { modelName: string; version?: number },
    options?: RequestOptions,
  ): Promise<EvaluationRunList>;
  /** One evaluation run with its results; undefined when there is none. */
  getEvaluationRun(
    request: { modelName: string; runId: string },
    options?: RequestOptions,
  ): Promise<EvaluationRun | undefined>;
  /** Queues the suite on a ready version (and the version an alias names, to compare). */
  startEvaluation(
    request: StartEvaluationCall,
    options?: RequestOptions,
  ): Promise<EvaluationStartResponse>;
  /** A pointer's keep-warm policy, its monthly cost, the next and the last heartbeat, and its history. */
  getKeepWarm(
    request: PointerLocator,
    options?: RequestOptions,
  ): Promise<KeepWarmView>;
  /** Sets a pointer's keep-warm policy (its model's owners and the admins), with a reason. */
  putKeepWarm(
    request: KeepWarmPolicyCall,
    options?: RequestOptions,
  ): Promise<KeepWarmView>;
  /** Cold starts of the versions a pointer named over the last `days` days (default 30). */
  getColdStarts(
    request: PointerLocator & { days?: number },
    options?: RequestOptions,
  ): Promise<ColdStartStats>;
  /** Models and Regions whose calls met cold starts in the last `days` days (default 7). */
  listColdStartAttention(
    query?: { days?: number },
    options?: RequestOptions,
  ): Promise<ColdStartAttention>;
}
