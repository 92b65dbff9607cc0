import {
  AuthService,
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  BEDROCK_MODEL_RESOURCE_TYPE,
  notOwnerRefusal,
  serviceAloneRefusal,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { ModelStore } from '../database/ModelStore';
import { RegistryCallOptions } from './RegistryService';

/** A permission on one model. */
export type ModelPermission = ResourcePermission<
  typeof BEDROCK_MODEL_RESOURCE_TYPE
>;

/** How a refused model permission reads, by its action. */
const VERBS: Record<string, string> = {
  read: 'read',
  update: 'move the pointers of',
  delete: 'retire versions of',
};

/**
 * The permission questions the registry asks, answered by the portal's permission policy, each refusal
 * phrased as what the caller may not do and who may.
 */
export class RegistryAccess {
  constructor(
    private readonly deps: {
      permissions: PermissionsService;
      auth: AuthService;
      models: ModelStore;
    },
  ) {}

  /** Refuses services acting alone: a change needs a person to answer for it. */
  requireUser(credentials: BackstageCredentials, what: string): void {
    if (!this.deps.auth.isPrincipal(credentials, 'user')) {
      throw new NotAllowedError(serviceAloneRefusal(what));
    }
  }

  /** 404 for an unknown model (for everyone), then the permission on it. */
  async requireExistingModel(
    modelName: string,
    permission: ModelPermission,
    options: RegistryCallOptions,
  ): Promise<void> {
    if (!(await this.deps.models.getModel(modelName))) {
      throw new NotFoundError(`There is no model named ${modelName}.`);
    }
    await this.requireOnModel(permission, modelName, options);
  }

  /** Refuses with 403 and why, unless the policy allows the permission on the model ('*': any). */
  async requireOnModel(
    permission: ModelPermission,
    modelName: string,
    options: RegistryCallOptions,
    what?: string,
  ): Promise<void> {
    const [decision] = await this.deps.permissions.authorize(
      [{ permission, resourceRef: modelName }],
      { credentials: options.credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      const action =
        what ??
        `${VERBS[permission.attributes.action ?? 'read']} model ${modelName}`;
      throw new NotAllowedError(notOwnerRefusal(action));
    }
  }

  /** Whether the policy allows a permission that names no model. */
  async allowed(
    permission: BasicPermission,
    options: RegistryCallOptions,
  ): Promise<boolean> {
    const [decision] = await this.deps.permissions.authorize([{ permission }], {
      credentials: options.credentials,
    });
    return decision.result === AuthorizeResult.ALLOW;
  }

  /** Refuses with 403 (`You may not <what>.`) unless the policy allows the permission. */
  async requireBasic(
    permission: BasicPermission,
    what: string,
    options: RegistryCallOptions,
  ): Promise<void> {
    if (!(await this.allowed(permission, options))) {
      throw new NotAllowedError(`You may not ${what}.`);
    }
  }
}
