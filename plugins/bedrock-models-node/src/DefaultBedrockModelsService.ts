import {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import {
  BEDROCK_MODELS_PLUGIN_ID,
  BedrockModelsApi,
  BedrockModelsClient,
  GovernanceReportFilters,
  GovernanceReportQuery,
  ImportVersionCall,
  InventoryQuery,
  PointerLocator,
  PromoteVersionCall,
  RequestOptions,
  RetireVersionCall,
  RollbackPointerCall,
  SearchModelsQuery,
  StartEvaluationCall,
  ValidateArtifactsRequest,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import {
  BedrockModelsRequestOptions,
  BedrockModelsService,
} from './BedrockModelsService';

/**
 * The {@link BedrockModelsService} over HTTP: the `-common` client, wherever discovery says the backend
 * runs, with a token issued per call on behalf of the given credentials.
 *
 * @public
 */
export class DefaultBedrockModelsService implements BedrockModelsService {
  private readonly client: BedrockModelsApi;
  private readonly auth: AuthService;

  constructor(options: { discovery: DiscoveryService; auth: AuthService }) {
    this.client = new BedrockModelsClient({ discoveryApi: options.discovery });
    this.auth = options.auth;
  }

  async getHealth({ credentials }: BedrockModelsRequestOptions) {
    return this.client.getHealth(await this.as(credentials));
  }

  async searchModels(
    query: SearchModelsQuery | undefined,
    { credentials }: BedrockModelsRequestOptions,
  ) {
    return this.client.searchModels(query, await this.as(credentials));
  }

  async getSettings({ credentials }: BedrockModelsRequestOptions) {
    return this.client.getSettings(await this.as(credentials));
  }

  async validateArtifacts(
    request: ValidateArtifactsRequest,
    { credentials }: BedrockModelsRequestOptions,
  ) {
    return this.client.validateArtifacts(request, await this.as(credentials));
  }

  async getQuotas(
    request: { accountId: string; region: string },
    { credentials }: BedrockModelsRequestOptions,
  ) {
    return this.client.getQuotas(request, await this.as(credentials));
  }

  async getGovernanceReport(
    query: GovernanceReportQuery | undefined,
    { credentials }: BedrockModelsRequestOptions,
  ) {
    return this.client.getGovernanceReport(query, await this.as(credentials));
  }

  async getReportCsv(
    filters: GovernanceReportFilters | undefined,
    { credentials }: BedrockModelsRequestOptions,
  ) {
    return this.client.getReportCsv(filters, await this.as(credentials));
  }

  async getReportFacets({ credentials }: BedrockModelsRequestOptions) {
    return this.client.getReportFacets(await this.as(credentials));
  }

  async getInventory(
    query: InventoryQuery | undefined,
    { credentials }: BedrockModelsRequestOptions,
  ) {
    return this.client.getInventory(query, await this.as(credentials));
  }

  async getModel(
    request: { modelName: string },
    { credentials }: BedrockModelsRequestOptions,
  ) {
    return this.client.getModel(request, await this.as(credentials));
  }

  async getVersion(
    request: { modelName: string; version: number },
    { credentials }: BedrockModelsRequestOptions,
  ) {
    return this.client.getVersion(request, await this.as(credentials));
  }

  async importVersion(
    request: ImportVersionCall,
    { credentials }: BedrockModelsRequestOptions,
  ) {
    return this.client.importVersion(request, await this.as(credentials));
  }

  async getModelCost(
    request: { modelName: string; from?: string; to?: string },
    { credentials }: BedrockModelsRequestOptions,
  ) {
    return this.client.getModelCost(request, await this.as(credentials));
  }

  async retireVersion(
    request: RetireVersionCall,
    { credentials }: BedrockModelsRequestOptions,
  ) {
    return this.client.retireVersion(request, await this.as(credentials));
  }

  async getPointerHistory(
    request: PointerLocator,
    { credentials }: BedrockModelsRequestOptions,
  ) {
    return this.client.getPointerHistory(request, await this.as(credentials));
  }

  async promoteVersion(
    request: PromoteVersionCall,
    { credentials }: BedrockModelsRequestOptions,
  ) {
    return this.client.promoteVersion(request, await this.as(credentials));
  }

  async rollbackPointer(
    request: RollbackPointerCall,
    { credentials }: BedrockModelsRequestOptions,
  ) {
    return this.client.rollbackPointer(request, await this.as(credentials));
  }

  async getEvaluationSuite(
    request: { modelName: string },
    { credentials }: BedrockModelsRequestOptions,
  ) {
    return this.client.getEvaluationSuite(request, await this.as(credentials));
  }

  async startEvaluation(
    request: StartEvaluationCall,
    { credentials }: BedrockModelsRequestOptions,
  ) {
    return this.client.startEvaluation(request, await this.as(credentials));
  }

  async getEvaluationRun(
    request: { modelName: string; runId: string },
    { credentials }: BedrockModelsRequestOptions,
  ) {
    return this.client.getEvaluationRun(request, await this.as(credentials));
  }

  /** A token for the backend, issued for whoever the call is made on behalf of. */
  private async as(credentials: BackstageCredentials): Promise<RequestOptions> {
    const { token } = await this.auth.getPluginRequestToken({
      onBehalfOf: credentials,
      targetPluginId: BEDROCK_MODELS_PLUGIN_ID,
    });
    return { token };
  }
}
