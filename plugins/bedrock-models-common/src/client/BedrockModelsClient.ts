import { ResponseError } from '@backstage/errors';
import {
  AttentionSummary,
  AuditTrail,
  ApprovalList,
  ApprovalRequest,
  ColdStartAttention,
  ColdStartStats,
  DecisionResponse,
  DefaultApiClient,
  EvaluationRun,
  EvaluationRunList,
  EvaluationStartResponse,
  EvaluationSuite,
  GovernanceReport,
  Health,
  KeepWarmView,
  ImportVersionResponse,
  ModelCostReport,
  ModelDetails,
  ModelSearchResult,
  ModelVersion,
  PointerHistory,
  PortalSettings,
  QuotaReport,
  RegistryInventory,
  ReportFacets,
  RequestOptions,
  TypedResponse,
  ValidateArtifactsRequest,
  ValidationReport,
} from '../schema/openapi/generated';
import {
  AuditTrailFilters,
  AuditTrailQuery,
  GovernanceReportCsvQuery,
  ApprovalDecisionCall,
  ApprovalRequestsQuery,
  BedrockModelsApi,
  EvaluationSuiteCall,
  GovernanceReportQuery,
  ImportVersionCall,
  InventoryQuery,
  KeepWarmPolicyCall,
  PointerLocator,
  PointerMoveResult,
  PromoteVersionCall,
  RetireVersionCall,
  RollbackPointerCall,
  SearchModelsQuery,
  StartEvaluationCall,
} from './BedrockModelsApi';

/** The body of a successful answer; the backend's error (status and reason) otherwise. */
async function bodyOf<T>(response: TypedResponse<T>): Promise<T> {
  if (!response.ok) throw await ResponseError.fromResponse(response);
  return response.json();
}

/** Like {@link bodyOf}, but a 404 (no such model or version) is undefined. */
async function bodyOrUndefined<T>(
  response: TypedResponse<T>,
): Promise<T | undefined> {
  if (response.status === 404) {
    // Read the body anyway, so the connection is released.
    await response.text();
    return undefined;
  }
  return bodyOf(response);
}

/**
 * The bedrock-models API over HTTP, in browsers (with Backstage's fetch API, which adds the user's token)
 * and in backends (passing a token per call). A facade over the client generated from the OpenAPI
 * contract: it answers bodies instead of responses and throws `ResponseError` for refusals.
 *
 * @public
 */
export class BedrockModelsClient implements BedrockModelsApi {
  private readonly apiClient: DefaultApiClient;

  constructor(options: {
    discoveryApi: { getBaseUrl(pluginId: string): Promise<string> };
    fetchApi?: { fetch: typeof fetch };
  }) {
    this.apiClient = new DefaultApiClient(options);
  }

  async getHealth(options?: RequestOptions): Promise<Health> {
    return bodyOf(await this.apiClient.getHealth({}, options));
  }

  async searchModels(
    query?: SearchModelsQuery,
    options?: RequestOptions,
  ): Promise<ModelSearchResult> {
    return bodyOf(await this.apiClient.searchModels({ query }, options));
  }

  async getSettings(options?: RequestOptions): Promise<PortalSettings> {
    return bodyOf(await this.apiClient.getSettings({}, options));
  }

  async validateArtifacts(
    request: ValidateArtifactsRequest,
    options?: RequestOptions,
  ): Promise<ValidationReport> {
    return bodyOf(
      await this.apiClient.validateArtifacts({ body: request }, options),
    );
  }

  async getQuotas(
    request: { accountId: string; region: string },
    options?: RequestOptions,
  ): Promise<QuotaReport> {
    return bodyOf(
      await this.apiClient.getQuotas(
        { query: { account: request.accountId, region: request.region } },
        options,
      ),
    );
  }

  async getGovernanceReport(
    query?: GovernanceReportQuery,
    options?: RequestOptions,
  ): Promise<GovernanceReport> {
    // Without `format` the backend answers JSON, never the CSV member of the answer's union.
    const response = await this.apiClient.getGovernanceReport(
      { query },
      options,
    );
    return (await bodyOf(response)) as GovernanceReport;
  }

  async getReportCsv(
    query?: GovernanceReportCsvQuery,
    options?: RequestOptions,
  ): Promise<string> {
    const response = await this.apiClient.getGovernanceReport(
      { query: { ...query, format: 'csv' } },
      options,
    );
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return response.text();
  }

  async getAttention(
    query?: { idleDays?: number },
    options?: RequestOptions,
  ): Promise<AttentionSummary> {
    return bodyOf(
      await this.apiClient.getAttention(
        {
          query:
            query?.idleDays === undefined
              ? undefined
              : { idleDays: String(query.idleDays) },
        },
        options,
      ),
    );
  }

  async getAuditTrail(
    query?: AuditTrailQuery,
    options?: RequestOptions,
  ): Promise<AuditTrail> {
    // Without `format` the backend answers JSON, never the CSV member of the answer's union.
    const response = await this.apiClient.getAuditTrail({ query }, options);
    return (await bodyOf(response)) as AuditTrail;
  }

  async getAuditCsv(
    filters?: AuditTrailFilters,
    options?: RequestOptions,
  ): Promise<string> {
    const response = await this.apiClient.getAuditTrail(
      { query: { ...filters, format: 'csv' } },
      options,
    );
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return response.text();
  }

  async getReportFacets(options?: RequestOptions): Promise<ReportFacets> {
    return bodyOf(await this.apiClient.getReportFacets({}, options));
  }

  async getInventory(
    query?: InventoryQuery,
    options?: RequestOptions,
  ): Promise<RegistryInventory> {
    return bodyOf(await this.apiClient.getInventory({ query }, options));
  }

  async getModel(
    request: { modelName: string },
    options?: RequestOptions,
  ): Promise<ModelDetails | undefined> {
    return bodyOrUndefined(
      await this.apiClient.getModel(
        { path: { model: request.modelName } },
        options,
      ),
    );
  }

  async getVersion(
    request: { modelName: string; version: number },
    options?: RequestOptions,
  ): Promise<ModelVersion | undefined> {
    return bodyOrUndefined(
      await this.apiClient.getVersion(
        {
          path: {
            model: request.modelName,
            version: String(request.version),
          },
        },
        options,
      ),
    );
  }

  async importVersion(
    request: ImportVersionCall,
    options?: RequestOptions,
  ): Promise<ImportVersionResponse> {
    const { modelName, idempotencyKey, ...body } = request;
    return bodyOf(
      await this.apiClient.importVersion(
        {
          path: { model: modelName },
          header: { 'Idempotency-Key': idempotencyKey },
          body,
        },
        options,
      ),
    );
  }

  async getModelCost(
    request: { modelName: string; from?: string; to?: string },
    options?: RequestOptions,
  ): Promise<ModelCostReport> {
    const { modelName, from, to } = request;
    return bodyOf(
      await this.apiClient.getModelCost(
        { path: { model: modelName }, query: { from, to } },
        options,
      ),
    );
  }

  async retireVersion(
    request: RetireVersionCall,
    options?: RequestOptions,
  ): Promise<ModelVersion> {
    const { modelName, version, ...body } = request;
    return bodyOf(
      await this.apiClient.retireVersion(
        { path: { model: modelName, version: String(version) }, body },
        options,
      ),
    );
  }

  async getPointerHistory(
    request: PointerLocator,
    options?: RequestOptions,
  ): Promise<PointerHistory> {
    const { modelName, alias, region } = request;
    const response = await this.apiClient.getPointerHistory(
      { path: { model: modelName, alias }, query: { region } },
      options,
    );
    // Without `at` the backend answers the history, never the PointerAt member of the union.
    return (await bodyOf(response)) as PointerHistory;
  }

  async promoteVersion(
    request: PromoteVersionCall,
    options?: RequestOptions,
  ): Promise<PointerMoveResult> {
    const { modelName, alias, ...body } = request;
    return bodyOf(
      await this.apiClient.promoteVersion(
        { path: { model: modelName, alias }, body },
        options,
      ),
    );
  }

  async rollbackPointer(
    request: RollbackPointerCall,
    options?: RequestOptions,
  ): Promise<PointerMoveResult> {
    const { modelName, alias, ...body } = request;
    return bodyOf(
      await this.apiClient.rollbackPointer(
        { path: { model: modelName, alias }, body },
        options,
      ),
    );
  }

  async listApprovalRequests(
    query?: ApprovalRequestsQuery,
    options?: RequestOptions,
  ): Promise<ApprovalList> {
    return bodyOf(
      await this.apiClient.listApprovalRequests({ query }, options),
    );
  }

  async getApprovalRequest(
    request: { id: string },
    options?: RequestOptions,
  ): Promise<ApprovalRequest | undefined> {
    return bodyOrUndefined(
      await this.apiClient.getApprovalRequest(
        { path: { id: request.id } },
        options,
      ),
    );
  }

  async approveRequest(
    request: ApprovalDecisionCall,
    options?: RequestOptions,
  ): Promise<DecisionResponse> {
    return bodyOf(
      await this.apiClient.approveRequest(
        { path: { id: request.id }, body: { reason: request.reason } },
        options,
      ),
    );
  }

  async rejectRequest(
    request: ApprovalDecisionCall,
    options?: RequestOptions,
  ): Promise<DecisionResponse> {
    return bodyOf(
      await this.apiClient.rejectRequest(
        { path: { id: request.id }, body: { reason: request.reason } },
        options,
      ),
    );
  }

  async cancelRequest(
    request: ApprovalDecisionCall,
    options?: RequestOptions,
  ): Promise<DecisionResponse> {
    return bodyOf(
      await this.apiClient.cancelRequest(
        { path: { id: request.id }, body: { reason: request.reason } },
        options,
      ),
    );
  }

  async getEvaluationSuite(
    request: { modelName: string },
    options?: RequestOptions,
  ): Promise<EvaluationSuite> {
    return bodyOf(
      await this.apiClient.getEvaluationSuite(
        { path: { model: request.modelName } },
        options,
      ),
    );
  }

  async putEvaluationSuite(
    request: EvaluationSuiteCall,
    options?: RequestOptions,
  ): Promise<EvaluationSuite> {
    const { modelName, ...body } = request;
    return bodyOf(
      await this.apiClient.putEvaluationSuite(
        { path: { model: modelName }, body },
        options,
      ),
    );
  }

  async listEvaluationRuns(
    request: { modelName: string; version?: number },
    options?: RequestOptions,
  ): Promise<EvaluationRunList> {
    return bodyOf(
      await this.apiClient.listEvaluationRuns(
        {
          path: { model: request.modelName },
          query:
            request.version === undefined
              ? undefined
              : { version: String(request.version) },
        },
        options,
      ),
    );
  }

  async getEvaluationRun(
    request: { modelName: string; runId: string },
    options?: RequestOptions,
  ): Promise<EvaluationRun | undefined> {
    return bodyOrUndefined(
      await this.apiClient.getEvaluationRun(
        { path: { model: request.modelName, runId: request.runId } },
        options,
      ),
    );
  }

  async startEvaluation(
    request: StartEvaluationCall,
    options?: RequestOptions,
  ): Promise<EvaluationStartResponse> {
    const { modelName, version, ...body } = request;
    return bodyOf(
      await this.apiClient.startEvaluation(
        { path: { model: modelName, version: String(version) }, body },
        options,
      ),
    );
  }

  async getKeepWarm(
    request: PointerLocator,
    options?: RequestOptions,
  ): Promise<KeepWarmView> {
    const { modelName, alias, region } = request;
    return bodyOf(
      await this.apiClient.getKeepWarm(
        { path: { model: modelName, alias }, query: { region } },
        options,
      ),
    );
  }

  async putKeepWarm(
    request: KeepWarmPolicyCall,
    options?: RequestOptions,
  ): Promise<KeepWarmView> {
    const { modelName, alias, ...body } = request;
    return bodyOf(
      await this.apiClient.putKeepWarm(
        { path: { model: modelName, alias }, body },
        options,
      ),
    );
  }

  async getColdStarts(
    request: PointerLocator & { days?: number },
    options?: RequestOptions,
  ): Promise<ColdStartStats> {
    const { modelName, alias, region, days } = request;
    return bodyOf(
      await this.apiClient.getColdStarts(
        {
          path: { model: modelName, alias },
          query: {
            region,
            ...(days === undefined ? {} : { days: String(days) }),
          },
        },
        options,
      ),
    );
  }

  async listColdStartAttention(
    query?: { days?: number },
    options?: RequestOptions,
  ): Promise<ColdStartAttention> {
    return bodyOf(
      await this.apiClient.listColdStartAttention(
        {
          query:
            query?.days === undefined
              ? undefined
              : { days: String(query.days) },
        },
        options,
      ),
    );
  }
}
