import type {
  ApprovalRequest,
  ApprovalRule,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { formatDateTime } from '../format/formatDateTime';

/** A group's or user's name for people (the catalog's display name); by default the ref itself. */
export type NameOf = (entityRef: string) => string;

const refItself: NameOf = ref => ref;

/** Who may approve under a rule, in words: the model's owners and the named groups or users. */
export function approversInWords(
  approvers: string[],
  nameOf: NameOf = refItself,
): string {
  return approvers
    .map(a => (a === 'owners' ? "the model's owners" : nameOf(a)))
    .join(' or ');
}

/** The groups and users a rule names (its approvers other than the model's owners), to look their names up. */
export function namedApprovers(approvers: string[]): string[] {
  return approvers.filter(a => a !== 'owners');
}

/** "one approval" or "2 approvals". */
function approvalsInWords(count: number): string {
  return count === 1 ? 'one approval' : `${count} approvals`;
}

/** How long a request stays open, in words ("24 h", "90 min"). */
function expiryInWords(hours: number): string {
  return hours >= 1 ? `${hours} h` : `${Math.round(hours * 60)} min`;
}

/**
 * What a rule asks of a move, in one sentence: how many approvals from whom (never the requester),
 * and how long the request stays open.
 */
export function approvalRuleInWords(
  rule: ApprovalRule,
  nameOf: NameOf = refItself,
): string {
  return `Needs ${approvalsInWords(rule.approvals)} from ${approversInWords(
    rule.approvers,
    nameOf,
  )}, someone other than the requester; the request expires ${expiryInWords(
    rule.expiryHours,
  )} after it is made.`;
}

/**
 * What a promote or rollback that became an approval request means: nothing moved yet, how many
 * approvals it needs from whom, and until when.
 */
export function approvalNotice(
  request: ApprovalRequest,
  nameOf: NameOf = refItself,
): string {
  const { rule } = request;
  return `Approval requested: the ${request.alias} pointer in ${
    request.region
  } moves to version ${request.targetVersion} after ${approvalsInWords(
    rule.approvals,
  )} from ${approversInWords(rule.approvers, nameOf)} (by ${formatDateTime(
    request.expiresAt,
  )}). Nothing has moved yet.`;
}
