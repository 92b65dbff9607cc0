import { AuditorService } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import {
  bedrockModelAdministerPermission,
  bedrockModelApprovePermission,
  bedrockModelReadPermission,
  DecisionResponse,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { ApprovalStore } from '../database/ApprovalStore';
import { auditedChange } from './auditedChange';
import { RegistryAccess } from './RegistryAccess';
import { RegistryCallOptions, RegistryService } from './RegistryService';

/**
 * Who may see and decide approval requests: readers see them; deciding needs the approve permission on
 * the request's model (the rule's own approvers are checked by the service, and never the requester);
 * cancelling is for the requester or an admin. Every decision is audited, refusals included.
 */
export class AuthorizedApprovals {
  constructor(
    private readonly inner: RegistryService,
    private readonly access: RegistryAccess,
    private readonly deps: {
      approvals: ApprovalStore;
      auditor: AuditorService;
    },
  ) {}

  async list(
    filter: Parameters<RegistryService['listApprovals']>[0],
    options: RegistryCallOptions,
  ) {
    await this.access.requireOnModel(bedrockModelReadPermission, '*', options);
    this.access.requireUser(options.credentials, 'Approval requests are read');
    return this.inner.listApprovals(filter, options);
  }

  async get(id: string, options: RegistryCallOptions) {
    await this.access.requireOnModel(bedrockModelReadPermission, '*', options);
    this.access.requireUser(options.credentials, 'Approval requests are read');
    return this.inner.getApproval(id, options);
  }

  async approve(id: string, reason: string, options: RegistryCallOptions) {
    return this.decide('approval-approve', id, reason, options, () =>
      this.inner.approve(id, reason, options),
    );
  }

  async reject(id: string, reason: string, options: RegistryCallOptions) {
    return this.decide('approval-reject', id, reason, options, () =>
      this.inner.reject(id, reason, options),
    );
  }

  async cancel(id: string, reason: string, options: RegistryCallOptions) {
    return auditedChange(
      this.deps.auditor,
      {
        eventId: 'approval-cancel',
        severityLevel: 'medium',
        meta: { request: id, reason },
      },
      options,
      async () => {
        this.access.requireUser(options.credentials, 'Requests are cancelled');
        const isAdmin = await this.access.allowed(
          bedrockModelAdministerPermission,
          options,
        );
        const result = await this.inner.cancelApproval(id, reason, {
          ...options,
          isAdmin,
        });
        return { result, meta: { status: result.approvalRequest.status } };
      },
    );
  }

  private async decide(
    eventId: string,
    id: string,
    reason: string,
    options: RegistryCallOptions,
    call: () => Promise<DecisionResponse>,
  ) {
    return auditedChange(
      this.deps.auditor,
      { eventId, severityLevel: 'high', meta: { request: id, reason } },
      options,
      async () => {
        this.access.requireUser(options.credentials, 'Requests are decided');
        const request = await this.deps.approvals.get(id);
        if (!request)
          throw new NotFoundError(`There is no approval request ${id}.`);
        await this.access.requireOnModel(
          bedrockModelApprovePermission,
          request.modelName,
          options,
          `decide on moves of model ${request.modelName}`,
        );
        const result = await call();
        return {
          result,
          meta: {
            status: result.approvalRequest.status,
            moved: result.move ? result.move.move.toVersion : null,
          },
        };
      },
    );
  }
}
