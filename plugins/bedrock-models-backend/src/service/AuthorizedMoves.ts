import { AuditorService } from '@backstage/backend-plugin-api';
import {
  ApprovalRequestResponse,
  bedrockModelPromotePermission,
  PointerMoveResponse,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { auditedChange } from './auditedChange';
import { RegistryAccess } from './RegistryAccess';
import {
  PointerMoveInput,
  RegistryCallOptions,
  RegistryService,
} from './RegistryService';

/**
 * Who may move a pointer: a user (services act on behalf of one) allowed to promote the model, its
 * owners and the admins. Every move is audited, refusals included; one that opens an approval request
 * says so.
 */
export class AuthorizedMoves {
  constructor(
    private readonly inner: RegistryService,
    private readonly access: RegistryAccess,
    private readonly deps: { auditor: AuditorService },
  ) {}

  promote(
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

  rollback(input: PointerMoveInput, options: RegistryCallOptions) {
    return this.move('alias-rollback', input, 'previous', options, () =>
      this.inner.rollback(input, options),
    );
  }

  private move(
    eventId: string,
    input: PointerMoveInput,
    requested: string,
    options: RegistryCallOptions,
    call: () => Promise<PointerMoveResponse | ApprovalRequestResponse>,
  ) {
    return auditedChange<PointerMoveResponse | ApprovalRequestResponse>(
      this.deps.auditor,
      {
        eventId,
        severityLevel: input.dryRun ? 'low' : 'medium',
        meta: {
          model: input.modelName,
          alias: input.alias,
          region: input.region,
          requested,
          dryRun: Boolean(input.dryRun),
        },
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
        if ('approvalRequest' in result) {
          return {
            result,
            meta: { approvalRequest: result.approvalRequest.id, moved: false },
          };
        }
        return {
          result,
          meta: {
            before: result.move.fromVersion,
            after: result.move.toVersion,
            seq: result.move.seq,
            published: result.published,
            emergency: result.move.emergency ?? false,
          },
        };
      },
    );
  }
}
