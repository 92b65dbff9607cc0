import {
  AuditorService,
  AuthService,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import {
  bedrockModelAdministerPermission,
  bedrockModelImportPermission,
  bedrockModelReadPermission,
  bedrockModelRetirePermission,
  EvaluationPrompt,
  ImportVersionRequest,
  ReportFilters,
  ValidateArtifactsRequest,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { JsonObject } from '@backstage/types';
import { RegistryConfig } from '../config/readRegistryConfig';
import { auditedChange } from './auditedChange';
import { RegistryAccess } from './RegistryAccess';
import { AuthorizedApprovals } from './AuthorizedApprovals';
import { AuthorizedEvaluations } from './AuthorizedEvaluations';
import { AuthorizedMoves } from './AuthorizedMoves';
import { AuthorizedKeepWarm } from './AuthorizedKeepWarm';
import { KeepWarmInput } from './KeepWarmService';
import { PointerKey } from '../database/PointerStore';
import { checkImportRights } from './importRights';
import { ApprovalStore } from '../database/ApprovalStore';
import { ReportOrder, ReportPaging } from './GovernanceReportService';
import { AuditFilters } from '../database/AuditTrailQuery';
import { ModelSearch, ModelStore } from '../database/ModelStore';
import {
  PointerMoveInput,
  RegistryCallOptions,
  RegistryService,
} from './RegistryService';

/** Who created the versions discovery recorded (imported outside the portal). */
export const DISCOVERY_ACTOR = 'bedrock-models:discovery';

/**
 * The registry as callers may use it: every call is checked against the permission policy (owners and
 * admins change a model; services act only on behalf of a user), the rules about who may own what are
 * applied, and every change is audited, refusals included. Wraps the service that does the work, as
 * catalog-backend's AuthorizedLocationService wraps DefaultLocationService.
 */
export class AuthorizedRegistryService implements RegistryService {
  private readonly access: RegistryAccess;
  private readonly approvalGuard: AuthorizedApprovals;
  private readonly evaluationGuard: AuthorizedEvaluations;
  private readonly moveGuard: AuthorizedMoves;
  private readonly keepWarmGuard: AuthorizedKeepWarm;

  constructor(
    private readonly inner: RegistryService,
    private readonly deps: {
      permissions: PermissionsService;
      auth: AuthService;
      userInfo: UserInfoService;
      auditor: AuditorService;
      models: ModelStore;
      approvals: ApprovalStore;
      config: RegistryConfig;
    },
  ) {
    this.access = new RegistryAccess(deps);
    this.approvalGuard = new AuthorizedApprovals(inner, this.access, deps);
    this.evaluationGuard = new AuthorizedEvaluations(inner, this.access, deps);
    this.moveGuard = new AuthorizedMoves(inner, this.access, deps);
    this.keepWarmGuard = new AuthorizedKeepWarm(inner, this.access, deps);
  }

  listApprovals(
    filter: Parameters<RegistryService['listApprovals']>[0],
    options: RegistryCallOptions,
  ) {
    return this.approvalGuard.list(filter, options);
  }

  getApproval(id: string, options: RegistryCallOptions) {
    return this.approvalGuard.get(id, options);
  }

  approve(id: string, reason: string, options: RegistryCallOptions) {
    return this.approvalGuard.approve(id, reason, options);
  }

  reject(id: string, reason: string, options: RegistryCallOptions) {
    return this.approvalGuard.reject(id, reason, options);
  }

  cancelApproval(id: string, reason: string, options: RegistryCallOptions) {
    return this.approvalGuard.cancel(id, reason, options);
  }

  getEvaluationSuite(modelName: string, options: RegistryCallOptions) {
    return this.evaluationGuard.getSuite(modelName, options);
  }

  putEvaluationSuite(
    modelName: string,
    prompts: EvaluationPrompt[],
    options: RegistryCallOptions,
  ) {
    return this.evaluationGuard.putSuite(modelName, prompts, options);
  }

  startEvaluation(
    input: Parameters<RegistryService['startEvaluation']>[0],
    options: RegistryCallOptions,
  ) {
    return this.evaluationGuard.start(input, options);
  }

  listEvaluationRuns(
    modelName: string,
    version: number | undefined,
    options: RegistryCallOptions,
  ) {
    return this.evaluationGuard.listRuns(modelName, version, options);
  }

  getKeepWarm(pointer: PointerKey, options: RegistryCallOptions) {
    return this.keepWarmGuard.get(pointer, options);
  }

  putKeepWarm(
    pointer: PointerKey,
    input: KeepWarmInput,
    options: RegistryCallOptions,
  ) {
    return this.keepWarmGuard.put(pointer, input, options);
  }

  getColdStarts(
    pointer: PointerKey,
    days: number,
    options: RegistryCallOptions,
  ) {
    return this.keepWarmGuard.coldStarts(pointer, days, options);
  }

  listColdStartAttention(days: number, options: RegistryCallOptions) {
    return this.keepWarmGuard.attention(days, options);
  }

  getEvaluationRun(
    modelName: string,
    runId: string,
    options: RegistryCallOptions,
  ) {
    return this.evaluationGuard.getRun(modelName, runId, options);
  }

  private audited<T>(
    eventId: string,
    severityLevel: 'low' | 'medium' | 'high',
    meta: JsonObject,
    options: RegistryCallOptions,
    change: () => Promise<{ result: T; meta: JsonObject }>,
  ): Promise<T> {
    return auditedChange(
      this.deps.auditor,
      { eventId, severityLevel, meta },
      options,
      change,
    );
  }

  async getSettings(options: RegistryCallOptions) {
    return this.inner.getSettings(options);
  }

  async searchModels(search: ModelSearch, options: RegistryCallOptions) {
    await this.access.requireOnModel(bedrockModelReadPermission, '*', options);
    return this.inner.searchModels(search, options);
  }

  async getModel(modelName: string, options: RegistryCallOptions) {
    await this.access.requireExistingModel(
      modelName,
      bedrockModelReadPermission,
      options,
    );
    return this.inner.getModel(modelName, options);
  }

  async getVersion(
    modelName: string,
    number: number,
    options: RegistryCallOptions,
  ) {
    await this.access.requireExistingModel(
      modelName,
      bedrockModelReadPermission,
      options,
    );
    return this.inner.getVersion(modelName, number, options);
  }

  async getPointerHistory(
    pointer: { modelName: string; alias: string; region: string },
    options: RegistryCallOptions,
  ) {
    await this.access.requireExistingModel(
      pointer.modelName,
      bedrockModelReadPermission,
      options,
    );
    return this.inner.getPointerHistory(pointer, options);
  }

  async getPointerAt(
    pointer: { modelName: string; alias: string; region: string; at: Date },
    options: RegistryCallOptions,
  ) {
    await this.access.requireExistingModel(
      pointer.modelName,
      bedrockModelReadPermission,
      options,
    );
    return this.inner.getPointerAt(pointer, options);
  }

  async getInventory(
    page: { after?: string; limit: number } | undefined,
    options: RegistryCallOptions,
  ) {
    await this.access.requireOnModel(bedrockModelReadPermission, '*', options);
    return this.inner.getInventory(page, options);
  }

  async getModelCost(
    modelName: string,
    period: { from: Date; to: Date },
    options: RegistryCallOptions,
  ) {
    await this.access.requireExistingModel(
      modelName,
      bedrockModelReadPermission,
      options,
    );
    return this.inner.getModelCost(modelName, period, options);
  }

  async getQuotas(
    accountId: string,
    region: string,
    options: RegistryCallOptions,
  ) {
    await this.access.requireOnModel(bedrockModelReadPermission, '*', options);
    return this.inner.getQuotas(accountId, region, options);
  }

  async getReport(
    filters: ReportFilters,
    paging: ReportPaging,
    options: RegistryCallOptions,
  ) {
    await this.access.requireOnModel(bedrockModelReadPermission, '*', options);
    return this.inner.getReport(filters, paging, options);
  }

  async exportReportCsv(
    query: { filters: ReportFilters; order?: ReportOrder },
    write: (chunk: string) => Promise<void>,
    options: RegistryCallOptions,
  ) {
    await this.access.requireOnModel(bedrockModelReadPermission, '*', options);
    return this.inner.exportReportCsv(query, write, options);
  }

  async getAttention(idleDays: number, options: RegistryCallOptions) {
    await this.access.requireOnModel(bedrockModelReadPermission, '*', options);
    return this.inner.getAttention(idleDays, options);
  }

  async getAuditTrail(
    filters: AuditFilters,
    paging: { limit: number; cursor?: string },
    options: RegistryCallOptions,
  ) {
    await this.access.requireOnModel(bedrockModelReadPermission, '*', options);
    return this.inner.getAuditTrail(filters, paging, options);
  }

  async exportAuditCsv(
    filters: AuditFilters,
    write: (chunk: string) => Promise<void>,
    options: RegistryCallOptions,
  ) {
    await this.access.requireOnModel(bedrockModelReadPermission, '*', options);
    return this.inner.exportAuditCsv(filters, write, options);
  }

  async getReportFacets(options: RegistryCallOptions) {
    await this.access.requireOnModel(bedrockModelReadPermission, '*', options);
    return this.inner.getReportFacets(options);
  }

  async validateArtifacts(
    request: ValidateArtifactsRequest,
    options: RegistryCallOptions,
  ) {
    await this.access.requireBasic(
      bedrockModelImportPermission,
      'import models',
      options,
    );
    return this.inner.validateArtifacts(request, options);
  }

  async importVersion(
    modelName: string,
    request: ImportVersionRequest,
    options: RegistryCallOptions & { idempotencyKey: string },
  ) {
    return this.audited(
      'model-import',
      'medium',
      {
        model: modelName,
        s3Uri: request.s3Uri,
        account: request.accountId,
        region: request.region,
      },
      options,
      async () => {
        this.access.requireUser(options.credentials, 'Imports are made');
        await this.access.requireBasic(
          bedrockModelImportPermission,
          'import models',
          options,
        );
        await checkImportRights(
          this.access,
          this.deps,
          modelName,
          request,
          options,
        );
        const result = await this.inner.importVersion(
          modelName,
          request,
          options,
        );
        return {
          result,
          meta: {
            version: result.version.number,
            created: result.created,
            jobArn: result.version.jobArn ?? null,
          },
        };
      },
    );
  }

  promote(
    input: PointerMoveInput & { version: number },
    options: RegistryCallOptions,
  ) {
    return this.moveGuard.promote(input, options);
  }

  rollback(input: PointerMoveInput, options: RegistryCallOptions) {
    return this.moveGuard.rollback(input, options);
  }

  async retireVersion(
    version: { modelName: string; number: number; reason: string },
    options: RegistryCallOptions,
  ) {
    return this.audited(
      'version-retire',
      'high',
      {
        model: version.modelName,
        version: version.number,
        reason: version.reason,
      },
      options,
      async () => {
        this.access.requireUser(options.credentials, 'Versions are retired');
        await this.access.requireExistingModel(
          version.modelName,
          bedrockModelRetirePermission,
          options,
        );
        const existing = await this.deps.models.getVersion(
          version.modelName,
          version.number,
        );
        if (existing?.createdBy === DISCOVERY_ACTOR) {
          await this.access.requireBasic(
            bedrockModelAdministerPermission,
            `retire version ${version.number} of ${version.modelName}: discovery found it (it was imported outside the portal), so only the portal admins may retire it`,
            options,
          );
        }
        const after = await this.inner.retireVersion(version, options);
        return {
          result: after,
          meta: { before: existing?.status ?? null, after: after.status },
        };
      },
    );
  }
}
