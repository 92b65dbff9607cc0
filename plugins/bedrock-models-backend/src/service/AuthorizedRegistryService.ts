import {
  AuditorService,
  AuthService,
  BackstageCredentials,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  BEDROCK_MODEL_RESOURCE_TYPE,
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
import { ModelSearch, ModelStore } from '../database/ModelStore';
import {
  PointerMoveInput,
  RegistryCallOptions,
  RegistryService,
} from './RegistryService';

type ModelPermission = ResourcePermission<typeof BEDROCK_MODEL_RESOURCE_TYPE>;

/** Who created the versions discovery recorded (imported outside the portal). */
export const DISCOVERY_ACTOR = 'bedrock-models:discovery';

/**
 * The registry as callers may use it: every call is checked against the permission policy (owners and
 * admins change a model; services act only on behalf of a user), the rules about who may own what are
 * applied, and every change is audited, refusals included. Wraps the service that does the work, as
 * catalog-backend's AuthorizedLocationService wraps DefaultLocationService.
 */
export class AuthorizedRegistryService implements RegistryService {
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
  ) {}

  async getSettings(options: RegistryCallOptions) {
    return this.inner.getSettings(options);
  }

  async searchModels(search: ModelSearch, options: RegistryCallOptions) {
    await this.requireOnModel(bedrockModelReadPermission, '*', options);
    return this.inner.searchModels(search, options);
  }

  async getModel(modelName: string, options: RegistryCallOptions) {
    await this.requireExistingModel(
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
    await this.requireExistingModel(
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
    await this.requireExistingModel(
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
    await this.requireExistingModel(
      pointer.modelName,
      bedrockModelReadPermission,
      options,
    );
    return this.inner.getPointerAt(pointer, options);
  }

  async getInventory(options: RegistryCallOptions) {
    await this.requireOnModel(bedrockModelReadPermission, '*', options);
    return this.inner.getInventory(options);
  }

  async getModelCost(
    modelName: string,
    period: { from: Date; to: Date },
    options: RegistryCallOptions,
  ) {
    await this.requireExistingModel(
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
    await this.requireOnModel(bedrockModelReadPermission, '*', options);
    return this.inner.getQuotas(accountId, region, options);
  }

  async getReport(filters: ReportFilters, options: RegistryCallOptions) {
    await this.requireOnModel(bedrockModelReadPermission, '*', options);
    return this.inner.getReport(filters, options);
  }

  async validateArtifacts(
    request: ValidateArtifactsRequest,
    options: RegistryCallOptions,
  ) {
    await this.requireBasic(
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
        this.requireUser(options.credentials, 'Imports are made');
        await this.requireBasic(
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
        this.requireUser(options.credentials, 'Versions are retired');
        await this.requireExistingModel(
          version.modelName,
          bedrockModelRetirePermission,
          options,
        );
        const existing = await this.deps.models.getVersion(
          version.modelName,
          version.number,
        );
        if (existing?.createdBy === DISCOVERY_ACTOR) {
          await this.requireBasic(
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
        this.requireUser(options.credentials, 'Pointers are moved');
        await this.requireExistingModel(
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
      await this.requireOnModel(
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
        !(await this.allowed(bedrockModelAdministerPermission, options))
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
      isAdmin: await this.allowed(bedrockModelAdministerPermission, options),
    });
    if (refusal) throw new NotAllowedError(refusal);
  }

  private requireUser(credentials: BackstageCredentials, what: string) {
    if (!this.deps.auth.isPrincipal(credentials, 'user')) {
      throw new NotAllowedError(
        `${what} on behalf of a user: call with a user token (or on behalf of one), not service credentials alone.`,
      );
    }
  }

  private async requireExistingModel(
    modelName: string,
    permission: ModelPermission,
    options: RegistryCallOptions,
  ) {
    // An unknown model is a 404 for everyone: model names are not what permissions protect here.
    if (!(await this.deps.models.getModel(modelName))) {
      throw new NotFoundError(`There is no model named ${modelName}.`);
    }
    await this.requireOnModel(permission, modelName, options);
  }

  private async requireOnModel(
    permission: ModelPermission,
    modelName: string,
    options: RegistryCallOptions,
    what?: string,
  ) {
    const [decision] = await this.deps.permissions.authorize(
      [{ permission, resourceRef: modelName }],
      { credentials: options.credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      const verbs: Record<string, string> = {
        read: 'read',
        update: 'move the pointers of',
        delete: 'retire versions of',
      };
      const action =
        what ??
        `${verbs[permission.attributes.action ?? 'read']} model ${modelName}`;
      throw new NotAllowedError(
        `You may not ${action}: only its owners and the portal admins may.`,
      );
    }
  }

  private async allowed(
    permission: BasicPermission,
    options: RegistryCallOptions,
  ) {
    const [decision] = await this.deps.permissions.authorize([{ permission }], {
      credentials: options.credentials,
    });
    return decision.result === AuthorizeResult.ALLOW;
  }

  private async requireBasic(
    permission: BasicPermission,
    what: string,
    options: RegistryCallOptions,
  ) {
    if (!(await this.allowed(permission, options))) {
      throw new NotAllowedError(`You may not ${what}.`);
    }
  }

  /** Runs a change as an audit event: who asked for what, and how it ended (refusals included). */
  private async audited<T>(
    eventId: string,
    severityLevel: 'low' | 'medium' | 'high',
    meta: JsonObject,
    options: RegistryCallOptions,
    change: () => Promise<{ result: T; meta: JsonObject }>,
  ): Promise<T> {
    const principal = options.credentials.principal as {
      userEntityRef?: string;
      subject?: string;
    };
    const event = await this.deps.auditor.createEvent({
      eventId,
      severityLevel,
      request: options.request,
      meta: {
        ...meta,
        actor: principal.userEntityRef ?? principal.subject ?? 'unknown',
      },
    });
    try {
      const { result, meta: outcome } = await change();
      await event.success({ meta: outcome });
      return result;
    } catch (error) {
      await event.fail({ error: error as Error });
      throw error;
    }
  }
}
