import {
  describeColdStartItem,
  describeColdStarts,
  describeDays,
  describeEstimate,
  describeHeartbeat,
  describePolicy,
  describeWindow,
} from './keepWarmText';

describe('keep-warm in words', () => {
  it('reads days as runs, windows as hours', () => {
    expect(describeDays(['mon', 'tue', 'wed', 'thu', 'fri'])).toBe('Mon–Fri');
    expect(describeDays(['sat', 'mon', 'wed', 'sun'])).toBe(
      'Mon, Wed, Sat, Sun',
    );
    expect(describeDays(['mon', 'tue', 'thu'])).toBe('Mon, Tue, Thu');
    expect(
      describeDays(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']),
    ).toBe('every day');
    expect(
      describeWindow({ days: ['sat', 'sun'], startHour: 0, endHour: 24 }),
    ).toBe('Sat, Sun 00:00–24:00');
  });

  it('says what a policy keeps warm', () => {
    expect(
      describePolicy({
        mode: 'windows',
        intervalMinutes: 14,
        timeZone: 'Europe/Berlin',
        windows: [
          {
            days: ['mon', 'tue', 'wed', 'thu', 'fri'],
            startHour: 9,
            endHour: 17,
          },
        ],
      }),
    ).toBe(
      'Business hours: Mon–Fri 09:00–17:00 (Europe/Berlin), a heartbeat every 14 minutes.',
    );
    expect(
      describePolicy({
        mode: 'windows',
        intervalMinutes: 10,
        timeZone: 'UTC',
        windows: [
          { days: ['sat'], startHour: 6, endHour: 12 },
          { days: ['sun'], startHour: 6, endHour: 8 },
        ],
      }),
    ).toBe(
      'Warm: Sat 06:00–12:00; Sun 06:00–08:00 (UTC), a heartbeat every 10 minutes.',
    );
    expect(
      describePolicy({ mode: 'always', intervalMinutes: 14, windows: [] }),
    ).toBe('Always warm, a heartbeat every 14 minutes.');
    expect(
      describePolicy({ mode: 'off', intervalMinutes: 14, windows: [] }),
    ).toBe('Off: the first call after an idle hour waits while a copy loads.');
  });

  it('says what a policy costs, and what it cannot price', () => {
    expect(
      describeEstimate({
        windowsPerMonth: 2314.2857,
        cmusPerCopy: 2,
        pricePerCmuMinute: 0.05718,
        monthlyCost: 1323.3,
        currency: 'USD',
        notes: [],
      }),
    ).toBe(
      'About $1,323.30 a month: 2,314 five-minute windows × 2 CMUs × 5 minutes × $0.0572 per CMU-minute.',
    );
    expect(
      describeEstimate({ windowsPerMonth: 8640, currency: 'USD', notes: [] }),
    ).toBe(
      'A copy kept loaded 8,640 five-minute windows a month (not priced).',
    );
    expect(
      describeEstimate({
        windowsPerMonth: 0,
        monthlyCost: 0,
        currency: 'USD',
        notes: [],
      }),
    ).toBe('Costs nothing to keep warm.');
  });

  it('says what the last heartbeat met', () => {
    const beat = {
      at: '2026-11-30T07:52:00.000Z',
      version: 3,
      latencyMs: 120,
      coldCopy: true,
    };
    expect(describeHeartbeat({ ...beat, outcome: 'served' })).toBe(
      'Last heartbeat 2026-11-30 07:52 UTC to version 3: served in 120 ms, after a cold start.',
    );
    expect(describeHeartbeat({ ...beat, outcome: 'not-ready' })).toMatch(
      /met a copy still loading \(ModelNotReadyException\)/,
    );
    expect(
      describeHeartbeat({
        ...beat,
        outcome: 'error',
        error: 'AccessDeniedException (log reference ab12cd34)',
      }),
    ).toBe(
      'Last heartbeat 2026-11-30 07:52 UTC to version 3 failed: AccessDeniedException (log reference ab12cd34).',
    );
  });

  it('sums up cold starts next to the hours a policy keeps warm', () => {
    const stats = {
      modelName: 'm',
      alias: 'production',
      region: 'us-east-1',
      days: 30,
      count: 3,
      p95WaitedMs: 95_400,
      insidePolicy: 2,
      last: {
        at: '2026-11-27T07:50:00.000Z',
        modelName: 'm',
        version: 3,
        region: 'us-east-1',
        source: 'heartbeat' as const,
        waitedMs: 120_000,
        served: true,
      },
      items: [],
    };
    expect(describeColdStarts(stats, 'windows')).toBe(
      '3 cold starts in the last 30 days · p95 95 s · last 2026-11-27 07:50 UTC (heartbeat, waited 120 s). 2 fell in the hours this policy keeps warm.',
    );
    expect(describeColdStarts(stats, 'off')).toBe(
      '3 cold starts in the last 30 days · p95 95 s · last 2026-11-27 07:50 UTC (heartbeat, waited 120 s).',
    );
    expect(
      describeColdStarts({ ...stats, count: 0, last: undefined }, 'off'),
    ).toBe('No cold start measured in the last 30 days.');
  });

  it('says which models met cold starts, how often, and what their pointers do about it', () => {
    const item = {
      modelName: 'm',
      owner: 'group:default/a',
      region: 'us-east-1',
      count: 3,
      lastAt: '2026-11-27T07:50:00.000Z',
      p95WaitedMs: 41_000,
      pointers: [
        { alias: 'production', keepWarm: 'off' as const },
        { alias: 'staging', keepWarm: 'always' as const },
      ],
    };
    expect(describeColdStartItem(item, 7)).toEqual({
      summary:
        '3 cold starts in the last 7 days · p95 wait 41 s · last 2026-11-27 07:50 UTC',
      pointers:
        'Callers of production (not kept warm), staging (kept warm always).',
    });
    expect(
      describeColdStartItem(
        { ...item, count: 1, p95WaitedMs: undefined, pointers: [] },
        30,
      ),
    ).toEqual({
      summary: '1 cold start in the last 30 days · last 2026-11-27 07:50 UTC',
      pointers:
        'No pointer named the version while it was cold (a warm-up or an evaluation met it).',
    });
  });
});
