import { aMove, aPointer } from '../__testUtils__/modelFixtures';
import { anApprovalRequest } from '../__testUtils__/approvalFixtures';
import {
  approvalRequestPath,
  approvalsQuery,
  approvalsSoFar,
  requestedMove,
  whyNotDecide,
} from './approvalViews';
import { decisionOutcome } from './decisionOutcome';

describe('approval views', () => {
  it('asks the backend for what each tab shows', () => {
    expect(approvalsQuery('decide', 'any')).toEqual({ mine: 'decide' });
    expect(approvalsQuery('requested', 'pending')).toEqual({
      mine: 'requested',
      status: 'pending',
    });
    expect(approvalsQuery('all', 'expired')).toEqual({ status: 'expired' });
    expect(approvalRequestPath('a b')).toBe(
      '/bedrock-models/approvals?request=a%20b',
    );
  });

  it('says what a request would move, and how far its approvals are', () => {
    const request = anApprovalRequest({
      rule: { ...anApprovalRequest().rule, approvals: 2 },
      decisions: [
        {
          actor: 'user:default/gov',
          decision: 'approve',
          reason: 'ok',
          at: '2026-11-20T13:00:00.000Z',
        },
      ],
    });
    expect(requestedMove(request)).toBe(
      'Promote production in us-east-1 from version 2 to version 3',
    );
    expect(
      requestedMove(anApprovalRequest({ kind: 'rollback', fromVersion: null })),
    ).toBe('Roll back production in us-east-1 from no version to version 3');
    expect(approvalsSoFar(request)).toBe('1 of 2 approvals');
  });

  it('says why someone cannot decide: their own request, or not an approver', () => {
    const request = anApprovalRequest({ mayDecide: false });
    expect(whyNotDecide(request, 'user:default/ana')).toBe(
      'You asked for this move, so someone else must approve it.',
    );
    expect(whyNotDecide(request, 'user:default/bo')).toBe(
      'You are not one of the approvers its rule names.',
    );
    expect(
      whyNotDecide(anApprovalRequest(), 'user:default/bo'),
    ).toBeUndefined();
    expect(
      whyNotDecide(
        anApprovalRequest({ status: 'approved', mayDecide: false }),
        'x',
      ),
    ).toBeUndefined();
  });

  it('confirms a decision: the move an approval made, a recorded approval, a rejection or cancellation', () => {
    const approved = anApprovalRequest({ status: 'approved' });
    expect(
      decisionOutcome('approve', {
        approvalRequest: approved,
        move: {
          move: aMove({ toVersion: 3 }),
          pointer: aPointer('production', 'us-east-1', 3),
          published: true,
          dryRun: false,
        },
      }),
    ).toBe(
      'Approved: version 3 of support-assistant now serves production in us-east-1. Callers reading /bedrock-models/support-assistant/production get the new ARN now.',
    );
    expect(
      decisionOutcome('approve', {
        approvalRequest: anApprovalRequest({
          rule: { ...approved.rule, approvals: 2 },
          decisions: [
            {
              actor: 'g',
              decision: 'approve',
              reason: 'ok',
              at: approved.createdAt,
            },
          ],
        }),
      }),
    ).toBe(
      'Your approval is recorded (1 of 2 approvals); the pointer moves when the rule has them all.',
    );
    expect(decisionOutcome('reject', { approvalRequest: approved })).toBe(
      'Rejected: the production pointer of support-assistant in us-east-1 stays where it is.',
    );
  });
});
