import type { ApprovalRule } from '../schema/openapi/generated';
import {
  approvalRuleFor,
  checkApprover,
  isSatisfied,
  moveGate,
} from './approvalRules';

const rule: ApprovalRule = {
  aliases: ['production'],
  classifications: ['confidential', 'phi'],
  approvals: 1,
  approvers: ['owners', 'group:default/ml-governance'],
  allowEmergencyRollback: true,
  expiryHours: 24,
};

describe('approval rules', () => {
  it('applies the first rule covering the alias and the classification', () => {
    const everything = {
      ...rule,
      aliases: [],
      classifications: [],
      approvals: 2,
    };
    expect(
      approvalRuleFor([rule, everything], {
        alias: 'production',
        classification: 'phi',
      }),
    ).toBe(rule);
    expect(
      approvalRuleFor([rule, everything], {
        alias: 'staging',
        classification: 'phi',
      }),
    ).toBe(everything);
    expect(
      approvalRuleFor([rule], {
        alias: 'production',
        classification: 'internal',
      }),
    ).toBeUndefined();
  });

  it('moves at once without a rule, lets owners roll back as an emergency, and asks for approval otherwise', () => {
    expect(moveGate({ kind: 'promote', callerOwnsModel: true })).toEqual({
      kind: 'direct',
    });
    expect(moveGate({ rule, kind: 'rollback', callerOwnsModel: true })).toEqual(
      {
        kind: 'emergency',
        rule,
      },
    );
    expect(
      moveGate({ rule, kind: 'rollback', callerOwnsModel: false }),
    ).toEqual({
      kind: 'approval',
      rule,
    });
    expect(
      moveGate({
        rule: { ...rule, allowEmergencyRollback: false },
        kind: 'rollback',
        callerOwnsModel: true,
      }).kind,
    ).toBe('approval');
    expect(
      moveGate({ rule, kind: 'promote', callerOwnsModel: true }).kind,
    ).toBe('approval');
  });

  it('never lets the requester approve, and only the rule\u2019s approvers', () => {
    const base = {
      rule,
      requestedBy: 'user:default/ana',
      modelOwner: 'group:default/support-ml',
    };
    expect(
      checkApprover({
        ...base,
        approver: 'user:default/ana',
        approverOwnershipRefs: ['user:default/ana', 'group:default/support-ml'],
      }),
    ).toBe('You asked for this move, so someone else must approve it.');
    expect(
      checkApprover({
        ...base,
        approver: 'user:default/cy',
        approverOwnershipRefs: ['user:default/cy', 'group:default/support-ml'],
      }),
    ).toBeUndefined();
    expect(
      checkApprover({
        ...base,
        approver: 'user:default/gov',
        approverOwnershipRefs: [
          'user:default/gov',
          'group:default/ml-governance',
        ],
      }),
    ).toBeUndefined();
    expect(
      checkApprover({
        ...base,
        approver: 'user:default/bo',
        approverOwnershipRefs: ['user:default/bo', 'group:default/other'],
      }),
    ).toBe(
      'Only the owners (group:default/support-ml) or group:default/ml-governance may approve this move.',
    );
  });

  it('is satisfied by enough distinct approvers', () => {
    expect(isSatisfied({ ...rule, approvals: 2 }, ['a', 'a'])).toBe(false);
    expect(isSatisfied({ ...rule, approvals: 2 }, ['a', 'b'])).toBe(true);
  });
});
