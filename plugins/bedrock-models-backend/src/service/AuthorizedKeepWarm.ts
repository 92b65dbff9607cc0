import { AuditorService } from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  bedrockModelPromotePermission,
  bedrockModelReadPermission,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { PointerKey } from '../database/PointerStore';
import { auditedChange } from './auditedChange';
import { KeepWarmInput } from './KeepWarmService';
import { RegistryAccess } from './RegistryAccess';
import { RegistryCallOptions, RegistryService } from './RegistryService';

/**
 * Who may keep a pointer warm: readers of a model read its policies and cold starts; those who may move
 * its pointers (its owners and the admins, on behalf of a user, as for moves) set a policy, audited.
 * Reading the cold starts across models is for anyone who may read every model.
 */
export class AuthorizedKeepWarm {
  constructor(
    private readonly inner: RegistryService,
    private readonly access: RegistryAccess,
    private readonly deps: { auditor: AuditorService },
  ) {}

  async get(key: PointerKey, options: RegistryCallOptions) {
    await this.access.requireExistingModel(
      key.modelName,
      bedrockModelReadPermission,
      options,
    );
    const view = await this.inner.getKeepWarm(key, options);
    return { ...view, canEdit: await this.mayEdit(key.modelName, options) };
  }

  /** Whether the caller may set the model's policies: a user whom the policy lets move its pointers. */
  private async mayEdit(modelName: string, options: RegistryCallOptions) {
    try {
      this.access.requireUser(
        options.credentials,
        'Keep-warm policies are set',
      );
      await this.access.requireOnModel(
        bedrockModelPromotePermission,
        modelName,
        options,
      );
      return true;
    } catch (error) {
      if (error instanceof NotAllowedError) return false;
      throw error;
    }
  }

  async put(
    key: PointerKey,
    input: KeepWarmInput,
    options: RegistryCallOptions,
  ) {
    return auditedChange(
      this.deps.auditor,
      {
        eventId: 'keep-warm-policy-update',
        severityLevel: 'medium',
        meta: {
          model: key.modelName,
          alias: key.alias,
          region: key.region,
          mode: input.mode,
          reason: input.reason,
        },
      },
      options,
      async () => {
        // A policy commits money every month: a person answers for it, as for a move.
        this.access.requireUser(
          options.credentials,
          'Keep-warm policies are set',
        );
        await this.access.requireExistingModel(
          key.modelName,
          bedrockModelPromotePermission,
          options,
        );
        const before = await this.inner.getKeepWarm(key, options);
        const result = await this.inner.putKeepWarm(key, input, options);
        return {
          result: { ...result, canEdit: true },
          meta: {
            before: { ...before.policy },
            after: { ...result.policy },
            monthlyCost: result.estimate.monthlyCost ?? null,
          },
        };
      },
    );
  }

  async coldStarts(
    key: PointerKey,
    days: number,
    options: RegistryCallOptions,
  ) {
    await this.access.requireExistingModel(
      key.modelName,
      bedrockModelReadPermission,
      options,
    );
    return this.inner.getColdStarts(key, days, options);
  }

  async attention(days: number, options: RegistryCallOptions) {
    await this.access.requireOnModel(bedrockModelReadPermission, '*', options);
    return this.inner.listColdStartAttention(days, options);
  }
}
