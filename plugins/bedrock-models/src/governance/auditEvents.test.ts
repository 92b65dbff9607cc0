import { anAuditEvent } from '../__testUtils__/attentionFixtures';
import {
  auditPageQuery,
  auditQueryOf,
  describeAuditEvent,
} from './auditEvents';

describe('describeAuditEvent', () => {
  it('says what each kind of event did', () => {
    expect(describeAuditEvent(anAuditEvent())).toBe(
      'promoted production in us-east-1 from v1 to v2',
    );
    expect(
      describeAuditEvent(
        anAuditEvent({
          kind: 'rollback',
          emergency: true,
          fromVersion: 2,
          version: 1,
        }),
      ),
    ).toBe(
      'rolled back production in us-east-1 from v2 to v1 (emergency, without approval)',
    );
    expect(
      describeAuditEvent(
        anAuditEvent({ kind: 'promote', fromVersion: undefined }),
      ),
    ).toBe('promoted production in us-east-1 to v2');
    expect(
      describeAuditEvent(
        anAuditEvent({ kind: 'retire', alias: undefined, version: 1 }),
      ),
    ).toBe('retired version 1 in us-east-1');
    expect(describeAuditEvent(anAuditEvent({ kind: 'import' }))).toBe(
      'imported version 2 in us-east-1',
    );
    expect(
      describeAuditEvent(anAuditEvent({ kind: 'approval-approved' })),
    ).toBe('approved moving production in us-east-1 from v1 to v2');
  });
});

describe('auditQueryOf', () => {
  it('sends the days as the first moment of from and of the day after to, and drops a bad model name', () => {
    expect(
      auditQueryOf({
        from: '2026-11-01',
        to: '2026-11-10',
        model: 'Not A Name',
        actor: 'user:default/ana',
      }),
    ).toEqual({
      from: '2026-11-01T00:00:00.000Z',
      to: '2026-11-11T00:00:00.000Z',
      actor: 'user:default/ana',
    });
    expect(auditPageQuery({ model: 'support-assistant' }, 50, 'c1')).toEqual({
      model: 'support-assistant',
      limit: '50',
      cursor: 'c1',
    });
  });
});
