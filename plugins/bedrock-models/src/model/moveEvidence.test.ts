import { costReport } from '../__testUtils__/costFixtures';
import { anApprovalRequest, aRule } from '../__testUtils__/approvalFixtures';
import { aMove, aPointer } from '../__testUtils__/modelFixtures';
import { approvalNotice, approvalRuleInWords } from './approvalNotice';
import { lastActivity, lastActivityInWords } from './lastActivity';
import { moveOutcome, undoReason } from './moveOutcome';

describe('approvalRuleInWords', () => {
  it('says how many approvals from whom, never the requester, and the expiry', () => {
    expect(approvalRuleInWords(aRule())).toBe(
      "Needs one approval from the model's owners or group:default/ml-governance, someone other than the requester; the request expires 24 h after it is made.",
    );
    expect(
      approvalRuleInWords(
        aRule({
          approvals: 2,
          approvers: ['user:default/gov'],
          expiryHours: 0.5,
        }),
      ),
    ).toBe(
      'Needs 2 approvals from user:default/gov, someone other than the requester; the request expires 30 min after it is made.',
    );
  });

  it('says a request moved nothing yet, and until when it waits', () => {
    expect(approvalNotice(anApprovalRequest())).toBe(
      "Approval requested: the production pointer in us-east-1 moves to version 3 after one approval from the model's owners or group:default/ml-governance (by 2026-11-21 12:00 UTC). Nothing has moved yet.",
    );
  });
});

describe('lastActivity', () => {
  it('is the last day a copy ran, from the cost report', () => {
    expect(lastActivity(costReport(), 2, 'us-east-1')).toEqual({
      kind: 'ran',
      day: '2026-11-20',
    });
    expect(lastActivityInWords({ kind: 'ran', day: '2026-11-20' })).toBe(
      '2026-11-20 (the last UTC day a copy ran, from CloudWatch ModelCopy)',
    );
  });

  it('says when no copy ran in the report, or the report has no figures for the version', () => {
    const report = costReport();
    report.versions[0].days = report.versions[0].days.map(d => ({
      ...d,
      cmuMinutes: 0,
    }));
    expect(lastActivity(report, 1, 'us-east-1')).toEqual({
      kind: 'idle',
      since: '2026-10-21',
    });
    expect(lastActivity(report, 9, 'us-east-1')).toEqual({
      kind: 'unknown',
      reason: 'the cost report has no figures for this version',
    });
    expect(lastActivity(report, 1, 'eu-central-1').kind).toBe('unknown');
  });
});

describe('moveOutcome', () => {
  const moved = {
    move: aMove({
      seq: 3,
      fromVersion: 2,
      toVersion: 3,
      reason: 'fewer refusals',
    }),
    pointer: aPointer('production', 'us-east-1', 3, { rollbackTarget: 2 }),
    published: true,
    dryRun: false,
  };

  it('confirms a move with what callers see and an Undo that rolls it back, with the reason filled in', () => {
    expect(moveOutcome(moved, m => `Version ${m.toVersion} serves.`)).toEqual({
      kind: 'moved',
      summary:
        'Version 3 serves. Callers reading /bedrock-models/support-assistant/production get the new ARN now.',
      undo: {
        alias: 'production',
        region: 'us-east-1',
        reason:
          'Undo of the promote of production in us-east-1 to version 3 (fewer refusals)',
        pointer: moved.pointer,
      },
    });
  });

  it('keeps what the move went ahead despite', () => {
    const warned = {
      ...moved,
      warnings: ['Version 3 has not been evaluated.'],
    };
    expect(moveOutcome(warned, () => 'Moved.')).toMatchObject({
      warnings: ['Version 3 has not been evaluated.'],
    });
    expect(moveOutcome(moved, () => 'Moved.')).not.toHaveProperty('warnings');
  });

  it('offers no Undo when the pointer has nothing to go back to', () => {
    const first = {
      ...moved,
      pointer: aPointer('production', 'us-east-1', 3),
    };
    expect(moveOutcome(first, () => 'Moved.')).not.toHaveProperty('undo');
  });

  it('turns an approval request into what it means, with the request to link to', () => {
    const request = anApprovalRequest();
    expect(
      moveOutcome({ approvalRequest: request }, () => 'never used'),
    ).toEqual({
      kind: 'requested',
      summary: approvalNotice(request),
      requestId: request.id,
    });
  });

  it('keeps an undo reason within the reason limit', () => {
    const reason = undoReason({
      kind: 'rollback',
      alias: 'production',
      region: 'us-east-1',
      toVersion: 1,
      reason: 'x'.repeat(1000),
    });
    expect(reason).toHaveLength(1000);
    expect(reason.startsWith('Undo of the rollback of production')).toBe(true);
    expect(reason.endsWith('…)')).toBe(true);
  });
});
