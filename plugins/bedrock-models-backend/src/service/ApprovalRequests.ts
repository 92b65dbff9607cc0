import { ApprovalRequest } from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { ApprovalStore, NewApprovalRequest } from '../database/ApprovalStore';
import { RegistryNotifier } from './RegistryNotifier';

/** Opens approval requests: records one, and tells those who may approve it. */
export class ApprovalRequests {
  constructor(
    private readonly deps: {
      approvals: ApprovalStore;
      notifier: RegistryNotifier;
      now?: () => Date;
    },
  ) {}

  async open(
    request: Omit<NewApprovalRequest, 'expiresAt'>,
  ): Promise<ApprovalRequest> {
    const now = this.deps.now?.() ?? new Date();
    const created = await this.deps.approvals.create({
      ...request,
      expiresAt: new Date(now.getTime() + request.rule.expiryHours * 3600_000),
    });
    void this.deps.notifier.approvalRequested(created);
    // Whoever opens a request is its requester, who may never decide on it.
    return { ...created, mayDecide: false };
  }
}
