import type { ApprovalRequest } from '@bedrock-portal/backstage-plugin-bedrock-models-common';

/** Who may approve under a rule, in words: the model's owners and the named groups or users. */
export function approversInWords(approvers: string[]): string {
  return approvers
    .map(a => (a === 'owners' ? "the model's owners" : a))
    .join(' or ');
}

/**
 * What a promote or rollback that became an approval request means: nothing moved yet, how many
 * approvals it needs from whom, and until when.
 */
export function approvalNotice(request: ApprovalRequest): string {
  const { rule } = request;
  const count =
    rule.approvals === 1 ? 'one approval' : `${rule.approvals} approvals`;
  return `Approval requested: the ${request.alias} pointer in ${
    request.region
  } moves to version ${
    request.targetVersion
  } after ${count} from ${approversInWords(rule.approvers)} (by ${new Date(
    request.expiresAt,
  ).toUTCString()}). Nothing has moved yet.`;
}
