import type { ApprovalRule } from '../schema/openapi/generated';

/**
 * Who may approve under a rule: the model's owners, and members of named groups.
 *
 * @public
 */
export const MODEL_OWNERS = 'owners';

/**
 * The first rule that covers a move of `alias` on a model classified `classification`.
 *
 * @public
 */
export function approvalRuleFor(
  rules: ApprovalRule[],
  move: { alias: string; classification: string },
): ApprovalRule | undefined {
  return rules.find(
    rule =>
      (rule.aliases.length === 0 || rule.aliases.includes(move.alias)) &&
      (rule.classifications.length === 0 ||
        rule.classifications.includes(move.classification)),
  );
}

/**
 * What a move asked for now must go through.
 *
 * @public
 */
export type MoveGate =
  | { kind: 'direct' }
  /** An owner rolls back under a rule that allows emergencies: it moves now, recorded as such. */
  | { kind: 'emergency'; rule: ApprovalRule }
  | { kind: 'approval'; rule: ApprovalRule };

/**
 * Whether a promote or rollback moves now, moves now as an emergency, or becomes a request.
 *
 * @public
 */
export function moveGate(input: {
  rule?: ApprovalRule;
  kind: 'promote' | 'rollback';
  /** Whether the caller owns the model (directly or through a group). */
  callerOwnsModel: boolean;
}): MoveGate {
  const { rule } = input;
  if (!rule) return { kind: 'direct' };
  if (
    input.kind === 'rollback' &&
    rule.allowEmergencyRollback &&
    input.callerOwnsModel
  ) {
    return { kind: 'emergency', rule };
  }
  return { kind: 'approval', rule };
}

/**
 * Whether someone may decide on a request: never its requester (whatever the policy says), and only
 * the rule's approvers: the model's owners (through `owners`) or members of the listed groups.
 * Answers why not, when not.
 *
 * @public
 */
export function checkApprover(input: {
  rule: ApprovalRule;
  requestedBy: string;
  approver: string;
  /** The approver and the groups they belong to. */
  approverOwnershipRefs: string[];
  modelOwner: string;
}): string | undefined {
  const { rule, requestedBy, approver, approverOwnershipRefs, modelOwner } =
    input;
  if (approver === requestedBy) {
    return 'You asked for this move, so someone else must approve it.';
  }
  const allowed = rule.approvers.some(ref =>
    ref === MODEL_OWNERS
      ? approverOwnershipRefs.includes(modelOwner)
      : approverOwnershipRefs.includes(ref),
  );
  if (!allowed) {
    return `Only ${rule.approvers
      .map(ref => (ref === MODEL_OWNERS ? `the owners (${modelOwner})` : ref))
      .join(' or ')} may approve this move.`;
  }
  return undefined;
}

/**
 * Whether enough distinct people approved.
 *
 * @public
 */
export function isSatisfied(rule: ApprovalRule, approvedBy: string[]): boolean {
  return new Set(approvedBy).size >= rule.approvals;
}
