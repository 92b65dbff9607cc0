import {
  checkPointerMove,
  checkRetirement,
  currentVersion,
  rollbackTarget,
  versionAt,
} from './aliasRules';
import { AliasMove } from './registryTypes';

const ready = { number: 2, region: 'us-east-1', status: 'ready' as const };

function moves(...steps: Array<[number | null, number, string]>): AliasMove[] {
  return steps.map(([fromVersion, toVersion, at]) => ({
    kind: 'promote',
    fromVersion,
    toVersion,
    at,
    actor: 'user:default/ana',
    reason: 'test',
  }));
}

describe('checkPointerMove', () => {
  const base = {
    version: ready,
    pointerRegion: 'us-east-1',
    alias: 'production',
    current: 1,
    reason: 'better evals',
  };

  it('allows a ready version of the same Region that the caller saw as current', () => {
    expect(checkPointerMove({ ...base, believedCurrent: 1 })).toEqual({
      kind: 'ok',
    });
    expect(
      checkPointerMove({ ...base, current: null, believedCurrent: null }),
    ).toEqual({ kind: 'ok' });
  });

  it('answers a conflict naming the current version when the caller is stale', () => {
    expect(
      checkPointerMove({ ...base, current: 3, believedCurrent: 1 }),
    ).toEqual({
      kind: 'conflict',
      current: 3,
      message:
        'The production pointer in us-east-1 now names version 3, not version 1: someone moved it. Reload and try again.',
    });
    expect(
      checkPointerMove({
        ...base,
        current: 3,
        believedCurrent: 1,
        lastMove: { actor: 'user:default/bo', at: '2026-11-22T10:00:00.000Z' },
      }),
    ).toMatchObject({
      message:
        'The production pointer in us-east-1 now names version 3, not version 1: user:default/bo moved it at 2026-11-22T10:00:00.000Z. Reload and try again.',
    });
  });

  it('reports every problem at once', () => {
    const result = checkPointerMove({
      ...base,
      version: { number: 1, region: 'eu-central-1', status: 'importing' },
      reason: 'x'.repeat(1001),
    });
    expect(result).toEqual({
      kind: 'invalid',
      problems: [
        expect.stringContaining(
          'imported into eu-central-1, so it cannot serve the production pointer in us-east-1',
        ),
        'Version 1 is importing, not ready: only a ready version can be promoted.',
        'The production pointer in us-east-1 already names version 1.',
        'The reason is 1001 characters long: use at most 1000.',
      ],
    });
  });

  it('requires a reason', () => {
    expect(checkPointerMove({ ...base, reason: '  ' })).toEqual({
      kind: 'invalid',
      problems: ['Give a reason for the move; it is kept in the history.'],
    });
  });
});

describe('pointer history', () => {
  const history = moves(
    [null, 1, '2026-01-01T00:00:00Z'],
    [1, 2, '2026-02-01T00:00:00Z'],
    [2, 3, '2026-03-01T00:00:00Z'],
  );

  it('knows the current version', () => {
    expect(currentVersion(history)).toBe(3);
    expect(currentVersion([])).toBeNull();
  });

  it('rolls back to the previous distinct version, and back again', () => {
    expect(rollbackTarget(history)).toBe(2);
    const afterRollback = [
      ...history,
      ...moves([3, 2, '2026-03-02T00:00:00Z']),
    ];
    expect(rollbackTarget(afterRollback)).toBe(3);
    expect(
      rollbackTarget(moves([null, 1, '2026-01-01T00:00:00Z'])),
    ).toBeUndefined();
    expect(rollbackTarget([])).toBeUndefined();
  });

  it('answers what the pointer named at a point in time', () => {
    expect(versionAt(history, new Date('2025-12-31T00:00:00Z'))).toBeNull();
    expect(versionAt(history, new Date('2026-01-01T00:00:00Z'))).toBe(1);
    expect(versionAt(history, new Date('2026-02-15T00:00:00Z'))).toBe(2);
    expect(versionAt(history, new Date('2027-01-01T00:00:00Z'))).toBe(3);
  });
});

describe('checkRetirement', () => {
  it('refuses while a pointer names the version, naming the pointers', () => {
    expect(
      checkRetirement({
        version: ready,
        pointersNamingIt: [{ alias: 'production', region: 'us-east-1' }],
      }),
    ).toEqual({
      kind: 'conflict',
      current: 2,
      message:
        'Version 2 cannot be retired while production in us-east-1 names it: promote another version first.',
    });
  });

  it('allows a ready version no pointer names, and refuses one that is not ready', () => {
    expect(checkRetirement({ version: ready, pointersNamingIt: [] })).toEqual({
      kind: 'ok',
    });
    expect(
      checkRetirement({
        version: { ...ready, status: 'failed' },
        pointersNamingIt: [],
      }),
    ).toEqual({
      kind: 'invalid',
      problems: ['Version 2 is failed: only a ready version can be retired.'],
    });
  });
});
