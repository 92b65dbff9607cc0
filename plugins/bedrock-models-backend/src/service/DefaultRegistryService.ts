import {
  BackstageCredentials,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  EvaluationPrompt,
  ImportVersionRequest,
  ModelDetails,
  ModelVersion,
  PortalSettings,
  ReportFilters,
  ValidateArtifactsRequest,
  versionAt,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { RegistryConfig } from '../config/readRegistryConfig';
import { ModelSearch } from '../database/ModelStore';
import { RegistryStores } from '../database/RegistryStores';
import { ApprovalService, Decider } from './ApprovalService';
import { CostService } from './CostService';
import { EvaluationService } from './EvaluationService';
import {
  GovernanceReportService,
  ReportOrder,
  ReportPaging,
} from './GovernanceReportService';
import { ImportService } from './ImportService';
import { toAliasPointer, toAliasPointers } from './pointerViews';
import { PromotionService } from './PromotionService';
import { QuotaService } from './QuotaService';
import {
  PointerMoveInput,
  RegistryCallOptions,
  RegistryService,
} from './RegistryService';
import { RetirementService } from './RetirementService';
import { KeepWarmInput, KeepWarmService } from './KeepWarmService';
import { PointerKey } from '../database/PointerStore';
import { AuditTrailService } from './AuditTrailService';
import { AttentionService } from './AttentionService';
import { AuditFilters } from '../database/AuditTrailQuery';

/** The user a change is recorded against; the authorizing layer lets only users change things. */
function actorOf(credentials: BackstageCredentials): string {
  const principal = credentials.principal as { userEntityRef?: string };
  if (!principal.userEntityRef) {
    throw new NotAllowedError('Changes are made on behalf of a user.');
  }
  return principal.userEntityRef;
}

/** How many moves a model's page shows. */
const RECENT_HISTORY = 20;

/**
 * The registry, unguarded: reads the stores and runs the registry's services. Callers go through
 * `AuthorizedRegistryService`, which checks permissions first.
 */
export class DefaultRegistryService implements RegistryService {
  constructor(
    private readonly deps: {
      stores: RegistryStores;
      config: RegistryConfig;
      imports: ImportService;
      promotion: PromotionService;
      retirement: RetirementService;
      auditTrail: AuditTrailService;
      attention: AttentionService;
      cost: CostService;
      quotas: QuotaService;
      report: GovernanceReportService;
      approvals: ApprovalService;
      evaluations: EvaluationService;
      keepWarm: KeepWarmService;
      userInfo: UserInfoService;
    },
  ) {}

  /** The approvals part, for the worker that expires requests. */
  get approvals(): ApprovalService {
    return this.deps.approvals;
  }

  /** The caller as approval rules see them: who, the groups they belong to, and whether an admin. */
  private async decider(options: RegistryCallOptions): Promise<Decider> {
    const actor = actorOf(options.credentials);
    const { ownershipEntityRefs } = await this.deps.userInfo.getUserInfo(
      options.credentials,
    );
    return {
      actor,
      ownershipRefs: ownershipEntityRefs,
      isAdmin: options.isAdmin ?? false,
    };
  }

  async getSettings(): Promise<PortalSettings> {
    const { config } = this.deps;
    return {
      accounts: config.accounts.map(a => ({
        accountId: a.accountId,
        alias: a.alias,
        regions: a.regions,
      })),
      aliases: config.aliases,
      classifications: config.classifications,
      dataResidency: config.dataResidency,
      ssmParameterPrefix: config.ssmParameterPrefix,
      prices: config.pricing,
      keepWarm: {
        evictionMinutes: config.keepWarm.evictionMinutes,
        leadMinutes: config.keepWarm.leadMinutes,
        defaultIntervalMinutes: config.keepWarm.defaultIntervalMinutes,
      },
    };
  }

  async searchModels(search: ModelSearch) {
    return this.deps.stores.models.searchModels(search);
  }

  async getModel(modelName: string): Promise<ModelDetails> {
    const { models, pointers, outbox } = this.deps.stores;
    const [
      model,
      versions,
      pointerRecords,
      lastMoves,
      publishStates,
      recentHistory,
      sync,
    ] = await Promise.all([
      models.getModel(modelName),
      models.listVersions(modelName),
      pointers.listPointers(modelName),
      pointers.lastMoves(modelName),
      outbox.publishStates(modelName),
      pointers.recentHistory(modelName, RECENT_HISTORY),
      this.deps.report.syncStates(),
    ]);
    if (!model)
      throw new NotFoundError(`There is no model named ${modelName}.`);
    // Discovery's state where this model has versions: the page warns when AWS could not be listed there.
    const targets = new Set(versions.map(v => `${v.accountId}|${v.region}`));
    return {
      model,
      versions,
      pointers: toAliasPointers(this.deps.config, pointerRecords, lastMoves),
      publishStates,
      recentHistory,
      sync: sync.filter(s => targets.has(`${s.accountId}|${s.region}`)),
    };
  }

  async getVersion(modelName: string, number: number): Promise<ModelVersion> {
    const version = await this.deps.stores.models.getVersion(modelName, number);
    if (!version) {
      throw new NotFoundError(`Model ${modelName} has no version ${number}.`);
    }
    return version;
  }

  async getPointerHistory(pointer: {
    modelName: string;
    alias: string;
    region: string;
  }) {
    await this.requireModel(pointer.modelName);
    return { items: await this.deps.stores.pointers.pointerHistory(pointer) };
  }

  async getPointerAt(pointer: {
    modelName: string;
    alias: string;
    region: string;
    at: Date;
  }) {
    await this.requireModel(pointer.modelName);
    const history = await this.deps.stores.pointers.pointerHistory(pointer);
    return {
      modelName: pointer.modelName,
      alias: pointer.alias,
      region: pointer.region,
      at: pointer.at.toISOString(),
      version: versionAt(history, pointer.at),
    };
  }

  async getInventory(page?: { after?: string; limit: number }) {
    const { models, pointers } = this.deps.stores;
    if (!page) {
      const [inventory, all] = await Promise.all([
        models.allModelsAndVersions(),
        pointers.allPointers(),
      ]);
      return {
        ...inventory,
        pointers: all.map(p => toAliasPointer(this.deps.config, p)),
      };
    }
    // Three statements a page, however big the registry: models, their versions, their pointers.
    const slice = await models.modelsPage(page.after, page.limit);
    const names = slice.models.map(m => m.name);
    const pagePointers =
      names.length === 0
        ? []
        : await pointers.pointersBetween(names[0], names[names.length - 1]);
    return {
      ...slice,
      pointers: pagePointers.map(p => toAliasPointer(this.deps.config, p)),
      nextAfter:
        names.length === page.limit ? names[names.length - 1] : undefined,
    };
  }

  async getModelCost(modelName: string, period: { from: Date; to: Date }) {
    await this.requireModel(modelName);
    return this.deps.cost.modelCost(modelName, period.from, period.to);
  }

  async getQuotas(accountId: string, region: string) {
    return this.deps.quotas.report(accountId, region);
  }

  async getReport(filters: ReportFilters, paging: ReportPaging) {
    return this.deps.report.report(filters, paging);
  }

  async exportReportCsv(
    query: { filters: ReportFilters; order?: ReportOrder },
    write: (chunk: string) => Promise<void>,
  ) {
    return this.deps.report.csv(query.filters, write, query.order);
  }

  async getAttention(idleDays: number) {
    return this.deps.attention.summary(idleDays);
  }

  async getAuditTrail(
    filters: AuditFilters,
    paging: { limit: number; cursor?: string },
  ) {
    return this.deps.auditTrail.page(filters, paging);
  }

  async exportAuditCsv(
    filters: AuditFilters,
    write: (chunk: string) => Promise<void>,
  ) {
    return this.deps.auditTrail.csv(filters, write);
  }

  async getReportFacets() {
    return this.deps.report.facets();
  }

  async validateArtifacts(
    request: ValidateArtifactsRequest,
    options: RegistryCallOptions,
  ) {
    // The allowed sources depend on the owner the import would have; the caller's own by default.
    const owner =
      request.owner ??
      (options.credentials.principal as { userEntityRef?: string })
        .userEntityRef ??
      '';
    return this.deps.imports.validate({ ...request, owner });
  }

  async importVersion(
    modelName: string,
    request: ImportVersionRequest,
    options: RegistryCallOptions & { idempotencyKey: string },
  ) {
    return this.deps.imports.importVersion(modelName, request, {
      actor: actorOf(options.credentials),
      idempotencyKey: options.idempotencyKey,
      credentials: options.credentials,
    });
  }

  async promote(
    input: PointerMoveInput & { version: number },
    options: RegistryCallOptions,
  ) {
    const decider = await this.decider(options);
    return this.deps.promotion.move({
      ...input,
      kind: 'promote',
      actor: decider.actor,
      callerOwnershipRefs: decider.ownershipRefs,
    });
  }

  async rollback(input: PointerMoveInput, options: RegistryCallOptions) {
    const decider = await this.decider(options);
    return this.deps.promotion.move({
      ...input,
      kind: 'rollback',
      actor: decider.actor,
      callerOwnershipRefs: decider.ownershipRefs,
    });
  }

  async listApprovals(
    filter: Parameters<RegistryService['listApprovals']>[0],
    options: RegistryCallOptions,
  ) {
    return {
      items: await this.deps.approvals.list(
        filter,
        await this.decider(options),
      ),
    };
  }

  async getApproval(id: string, options: RegistryCallOptions) {
    return this.deps.approvals.get(id, await this.decider(options));
  }

  async approve(id: string, reason: string, options: RegistryCallOptions) {
    return this.deps.approvals.approve(id, await this.decider(options), reason);
  }

  async reject(id: string, reason: string, options: RegistryCallOptions) {
    return this.deps.approvals.reject(id, await this.decider(options), reason);
  }

  async cancelApproval(
    id: string,
    reason: string,
    options: RegistryCallOptions,
  ) {
    return this.deps.approvals.cancel(id, await this.decider(options), reason);
  }

  async getEvaluationSuite(modelName: string) {
    await this.requireModel(modelName);
    return this.deps.evaluations.getSuite(modelName);
  }

  async putEvaluationSuite(
    modelName: string,
    prompts: EvaluationPrompt[],
    options: RegistryCallOptions,
  ) {
    await this.requireModel(modelName);
    return this.deps.evaluations.putSuite(
      modelName,
      prompts,
      actorOf(options.credentials),
    );
  }

  async startEvaluation(
    input: Parameters<RegistryService['startEvaluation']>[0],
    options: RegistryCallOptions,
  ) {
    await this.requireModel(input.modelName);
    return this.deps.evaluations.start({
      ...input,
      actor: actorOf(options.credentials),
    });
  }

  async listEvaluationRuns(modelName: string, version: number | undefined) {
    await this.requireModel(modelName);
    return { items: await this.deps.evaluations.listRuns(modelName, version) };
  }

  async getEvaluationRun(modelName: string, runId: string) {
    return this.deps.evaluations.getRun(modelName, runId);
  }

  async retireVersion(
    version: { modelName: string; number: number; reason: string },
    options: RegistryCallOptions,
  ) {
    await this.requireModel(version.modelName);
    return this.deps.retirement.retire(version.modelName, version.number, {
      actor: actorOf(options.credentials),
      reason: version.reason,
    });
  }

  async getKeepWarm(pointer: PointerKey) {
    return this.deps.keepWarm.view(pointer);
  }

  async putKeepWarm(
    pointer: PointerKey,
    input: KeepWarmInput,
    options: RegistryCallOptions,
  ) {
    return this.deps.keepWarm.setPolicy(
      pointer,
      input,
      actorOf(options.credentials),
    );
  }

  async getColdStarts(pointer: PointerKey, days: number) {
    return this.deps.keepWarm.coldStarts(pointer, days);
  }

  async listColdStartAttention(days: number) {
    return this.deps.keepWarm.attention(days);
  }

  private async requireModel(name: string) {
    const model = await this.deps.stores.models.getModel(name);
    if (!model) throw new NotFoundError(`There is no model named ${name}.`);
    return model;
  }
}
