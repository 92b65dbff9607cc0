import type {
  ApprovalRequest,
  ApprovalRequestsQuery,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';

/** The Approvals page's tabs. */
export type ApprovalsTab = 'decide' | 'requested' | 'all';

export const APPROVALS_TABS: Array<{ id: ApprovalsTab; label: string }> = [
  { id: 'decide', label: 'To decide' },
  { id: 'requested', label: 'Requested by me' },
  { id: 'all', label: 'All' },
];

/** A request's statuses, as the filter offers them. */
export const APPROVAL_STATUSES: Array<ApprovalRequest['status']> = [
  'pending',
  'approved',
  'rejected',
  'expired',
  'cancelled',
  'stale',
];

/** Where the Approvals page is; notifications link here too. */
export const APPROVALS_PATH = '/bedrock-models/approvals';

/** The Approvals page showing one request first. */
export function approvalRequestPath(id: string): string {
  return `${APPROVALS_PATH}?request=${encodeURIComponent(id)}`;
}

/** `GET /approvals` for a tab and status filter (`any` for every status). */
export function approvalsQuery(
  tab: ApprovalsTab,
  status: ApprovalRequest['status'] | 'any',
): ApprovalRequestsQuery {
  return {
    ...(tab === 'all' ? {} : { mine: tab }),
    ...(status === 'any' ? {} : { status }),
  };
}

/** "production in us-east-1: from version 2 to version 3" of a request. */
export function requestedMove(request: ApprovalRequest): string {
  const from =
    request.fromVersion === null
      ? 'no version'
      : `version ${request.fromVersion}`;
  return `${request.kind === 'rollback' ? 'Roll back' : 'Promote'} ${
    request.alias
  } in ${request.region} from ${from} to version ${request.targetVersion}`;
}

/** Why someone cannot decide on a pending request, as far as the page can tell. */
export function whyNotDecide(
  request: ApprovalRequest,
  me: string | undefined,
): string | undefined {
  if (request.status !== 'pending' || request.mayDecide) return undefined;
  if (me !== undefined && request.requestedBy === me) {
    return 'You asked for this move, so someone else must approve it.';
  }
  return 'You are not one of the approvers its rule names.';
}

/** "1 of 2 approvals" so far. */
export function approvalsSoFar(request: ApprovalRequest): string {
  const approvals = new Set(
    request.decisions.filter(d => d.decision === 'approve').map(d => d.actor),
  ).size;
  return `${approvals} of ${request.rule.approvals} ${
    request.rule.approvals === 1 ? 'approval' : 'approvals'
  }`;
}
