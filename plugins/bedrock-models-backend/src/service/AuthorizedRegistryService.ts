import {
  AuditorService,
  AuthService,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  bedrockModelAdministerPermission,
  bedrockModelImportPermission,
  bedrockModelPromotePermission,
  bedrockModelReadPermission,
  bedrockModelRetirePermission,
  checkNewModelOwner,
  checkVersionClassification,
  ImportVersionRequest,
  ReportFilters,
  ValidateArtifactsRequest,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { JsonObject } from '@backstage/types';
import { RegistryConfig } from '../config/readRegistryConfig';
import { auditedChange } from './auditedChange';
import { RegistryAccess } from './RegistryAccess';
import { ReportPaging } from './GovernanceReportService';
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

  constructor(
    private readonly inner: RegistryService,
    private readonly deps: {
      permissions: PermissionsService;
      auth: AuthService;
      userInfo: UserInfoService;
      auditor: AuditorService;
      models: ModelStore;
      config: RegistryConfig;
    },
  ) {
    this.access = new RegistryAccess(deps);
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
    filters: ReportFilters,
    write: (chunk: string) => Promise<void>,
    options: RegistryCallOptions,
  ) {
    await this.access.requireOnModel(bedrockModelReadPermission, '*', options);
    return this.inner.exportReportCsv(filters, write, options);
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
        await this.checkImportRights(modelName, request, options);
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

  async promote(
    input: PointerMoveInput & { version: number },
    options: RegistryCallOptions,
  ) {
    return this.move(
      'alias-promote',
      input,
      String(input.version),
      options,
      () => this.inner.promote(input, options),
    );
  }

  async rollback(input: PointerMoveInput, options: RegistryCallOptions) {
    return this.move('alias-rollback', input, 'previous', options, () =>
      this.inner.rollback(input, options),
    );
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

  private async move<
    T extends {
      move: { fromVersion: number | null; toVersion: number; seq: number };
    },
  >(
    eventId: string,
    input: PointerMoveInput,
    requested: string,
    options: RegistryCallOptions,
    call: () => Promise<T & { published: boolean; dryRun: boolean }>,
  ) {
    return this.audited(
      eventId,
      input.dryRun ? 'low' : 'medium',
      {
        model: input.modelName,
        alias: input.alias,
        region: input.region,
        requested,
        dryRun: Boolean(input.dryRun),
      },
      options,
      async () => {
        // Backstage trusts service credentials in permission checks; moving a pointer needs a person
        // to answer for it, so services (pipelines, the scaffolder) call on behalf of a user.
        this.access.requireUser(options.credentials, 'Pointers are moved');
        await this.access.requireExistingModel(
          input.modelName,
          bedrockModelPromotePermission,
          options,
        );
        const result = await call();
        return {
          result,
          meta: {
            before: result.move.fromVersion,
            after: result.move.toVersion,
            seq: result.move.seq,
            published: result.published,
          },
        };
      },
    );
  }

  /**
   * Who may create what: a version of an existing model is for those who may move its pointers, and
   * may raise its classification only as an admin; a new model is owned by the caller or a group they
   * belong to, unless an admin creates it for another team.
   */
  private async checkImportRights(
    modelName: string,
    request: ImportVersionRequest,
    options: RegistryCallOptions,
  ) {
    const model = await this.deps.models.getModel(modelName);
    if (model) {
      await this.access.requireOnModel(
        bedrockModelPromotePermission,
        modelName,
        options,
        `add versions to model ${modelName}`,
      );
      const check = checkVersionClassification({
        modelName,
        model: model.classification,
        requested: request.classification,
        order: this.deps.config.classifications,
      });
      if (
        check.kind === 'raise' &&
        !(await this.access.allowed(bedrockModelAdministerPermission, options))
      ) {
        throw new NotAllowedError(check.message);
      }
      return;
    }
    if (!request.owner) return; // The service answers 400: a new model needs an owner.
    const { ownershipEntityRefs } = await this.deps.userInfo.getUserInfo(
      options.credentials,
    );
    const refusal = checkNewModelOwner({
      owner: request.owner,
      callerOwnershipRefs: ownershipEntityRefs,
      isAdmin: await this.access.allowed(
        bedrockModelAdministerPermission,
        options,
      ),
    });
    if (refusal) throw new NotAllowedError(refusal);
  }
}
