import {
  AuditorServiceCreateEventOptions,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import {
  ApprovalList,
  ApprovalRequest,
  ApprovalRequestResponse,
  ColdStartAttention,
  ColdStartStats,
  KeepWarmView,
  AttentionSummary,
  AuditTrail,
  DecisionResponse,
  EvaluationPrompt,
  EvaluationRun,
  EvaluationRunList,
  EvaluationStartResponse,
  EvaluationSuite,
  GovernanceReport,
  ImportVersionRequest,
  ImportVersionResponse,
  ModelCostReport,
  ModelDetails,
  ModelSearchResult,
  ModelVersion,
  PointerAt,
  PointerHistory,
  PointerMoveResponse,
  PortalSettings,
  QuotaReport,
  RegistryInventory,
  ReportFilters,
  ValidateArtifactsRequest,
  ValidationReport,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { ModelSearch } from '../database/ModelStore';
import { PointerKey } from '../database/PointerStore';
import { KeepWarmInput } from './KeepWarmService';
import { ReportFacets } from '../database/ReportQuery';
import { ReportOrder, ReportPaging } from './GovernanceReportService';
import { AuditFilters } from '../database/AuditTrailQuery';

/** Who is calling, and (over HTTP) the request, which audit events describe. */
export type RegistryCallOptions = {
  credentials: BackstageCredentials;
  /** The HTTP request, when the call came through the REST API (for audit events). */
  request?: AuditorServiceCreateEventOptions['request'];
  /** Set by the authorizing layer: the caller is a portal admin. */
  isAdmin?: boolean;
};

/** A promote or rollback. */
export type PointerMoveInput = {
  modelName: string;
  alias: string;
  region: string;
  reason: string;
  /** The version the caller believes the pointer names (null: none); a mismatch is a 409. */
  expectedCurrentVersion?: number | null;
  /** Check everything (permission included) and answer what would happen, changing nothing. */
  dryRun?: boolean;
};

/**
 * Everything the registry does, whoever asks (the REST API, scaffolder actions through it, actions for
 * AI assistants): queries, imports, promote, rollback and retire. `DefaultRegistryService` does it;
 * `AuthorizedRegistryService` checks the caller may, and audits; both implement this.
 */
export interface RegistryService {
  getSettings(options: RegistryCallOptions): Promise<PortalSettings>;
  searchModels(
    search: ModelSearch,
    options: RegistryCallOptions,
  ): Promise<ModelSearchResult>;
  getModel(
    modelName: string,
    options: RegistryCallOptions,
  ): Promise<ModelDetails>;
  getVersion(
    modelName: string,
    number: number,
    options: RegistryCallOptions,
  ): Promise<ModelVersion>;
  getPointerHistory(
    pointer: { modelName: string; alias: string; region: string },
    options: RegistryCallOptions,
  ): Promise<PointerHistory>;
  getPointerAt(
    pointer: { modelName: string; alias: string; region: string; at: Date },
    options: RegistryCallOptions,
  ): Promise<PointerAt>;
  /** Models with their versions and pointers: a page of models by name when `page` is given. */
  getInventory(
    page: { after?: string; limit: number } | undefined,
    options: RegistryCallOptions,
  ): Promise<RegistryInventory>;
  getModelCost(
    modelName: string,
    period: { from: Date; to: Date },
    options: RegistryCallOptions,
  ): Promise<ModelCostReport>;
  getQuotas(
    accountId: string,
    region: string,
    options: RegistryCallOptions,
  ): Promise<QuotaReport>;
  /** One page of the governance report, with the totals of every row the filters let through. */
  getReport(
    filters: ReportFilters,
    paging: ReportPaging,
    options: RegistryCallOptions,
  ): Promise<GovernanceReport>;
  /** Writes every row the filters let through as CSV, a batch at a time, in the order asked. */
  exportReportCsv(
    query: { filters: ReportFilters; order?: ReportOrder },
    write: (chunk: string) => Promise<void>,
    options: RegistryCallOptions,
  ): Promise<void>;
  /** What needs a governance reviewer's attention, counted and costed by the report. */
  getAttention(
    idleDays: number,
    options: RegistryCallOptions,
  ): Promise<AttentionSummary>;
  /** One page of the audit trail, newest first. */
  getAuditTrail(
    filters: AuditFilters,
    paging: { limit: number; cursor?: string },
    options: RegistryCallOptions,
  ): Promise<AuditTrail>;
  /** Writes every event the filters let through as CSV, a batch at a time. */
  exportAuditCsv(
    filters: AuditFilters,
    write: (chunk: string) => Promise<void>,
    options: RegistryCallOptions,
  ): Promise<void>;
  getReportFacets(options: RegistryCallOptions): Promise<ReportFacets>;
  validateArtifacts(
    request: ValidateArtifactsRequest,
    options: RegistryCallOptions,
  ): Promise<ValidationReport>;
  /** Starts an import; the same idempotency key always answers with the same version. */
  importVersion(
    modelName: string,
    request: ImportVersionRequest,
    options: RegistryCallOptions & { idempotencyKey: string },
  ): Promise<ImportVersionResponse>;
  /** Moves the pointer, or opens an approval request when a rule covers the move. */
  promote(
    input: PointerMoveInput & { version: number },
    options: RegistryCallOptions,
  ): Promise<PointerMoveResponse | ApprovalRequestResponse>;
  rollback(
    input: PointerMoveInput,
    options: RegistryCallOptions,
  ): Promise<PointerMoveResponse | ApprovalRequestResponse>;
  listApprovals(
    filter: {
      status?: ApprovalRequest['status'];
      modelName?: string;
      mine?: 'decide' | 'requested';
    },
    options: RegistryCallOptions,
  ): Promise<ApprovalList>;
  getApproval(
    id: string,
    options: RegistryCallOptions,
  ): Promise<ApprovalRequest>;
  /** Approves a request; the approval that satisfies its rule moves the pointer. */
  approve(
    id: string,
    reason: string,
    options: RegistryCallOptions,
  ): Promise<DecisionResponse>;
  reject(
    id: string,
    reason: string,
    options: RegistryCallOptions,
  ): Promise<DecisionResponse>;
  cancelApproval(
    id: string,
    reason: string,
    options: RegistryCallOptions,
  ): Promise<DecisionResponse>;
  getEvaluationSuite(
    modelName: string,
    options: RegistryCallOptions,
  ): Promise<EvaluationSuite>;
  putEvaluationSuite(
    modelName: string,
    prompts: EvaluationPrompt[],
    options: RegistryCallOptions,
  ): Promise<EvaluationSuite>;
  startEvaluation(
    input: {
      modelName: string;
      version: number;
      region: string;
      compareWithAlias?: string;
    },
    options: RegistryCallOptions,
  ): Promise<EvaluationStartResponse>;
  listEvaluationRuns(
    modelName: string,
    version: number | undefined,
    options: RegistryCallOptions,
  ): Promise<EvaluationRunList>;
  getEvaluationRun(
    modelName: string,
    runId: string,
    options: RegistryCallOptions,
  ): Promise<EvaluationRun>;
  retireVersion(
    version: { modelName: string; number: number; reason: string },
    options: RegistryCallOptions,
  ): Promise<ModelVersion>;
  /** A pointer's keep-warm policy, its monthly cost, the next and last heartbeat, and its history. */
  getKeepWarm(
    pointer: PointerKey,
    options: RegistryCallOptions,
  ): Promise<KeepWarmView>;
  /** Sets a pointer's keep-warm policy; the change is audited and kept in its history. */
  putKeepWarm(
    pointer: PointerKey,
    input: KeepWarmInput,
    options: RegistryCallOptions,
  ): Promise<KeepWarmView>;
  /** Cold starts of the versions a pointer named, over the last `days` days. */
  getColdStarts(
    pointer: PointerKey,
    days: number,
    options: RegistryCallOptions,
  ): Promise<ColdStartStats>;
  /** Models and Regions whose pointers' versions met cold starts in the last `days` days. */
  listColdStartAttention(
    days: number,
    options: RegistryCallOptions,
  ): Promise<ColdStartAttention>;
}
