import {
  aggregateMetric,
  isServedAtPeriod,
  MetricAggregate,
  mergeAggregate,
  Statistic,
  statisticValue,
} from './aggregateMetric';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
// 2026-01-01T00:00:00Z, aligned to every period used here.
const BASE = Date.UTC(2026, 0, 1);

/** Minute buckets built from raw samples, as recordMetric would build them. */
function bucketsOf(
  samples: Array<[minuteOffset: number, value: number]>,
): Record<string, MetricAggregate> {
  const minutes: Record<string, MetricAggregate> = {};
  for (const [offset, value] of samples) {
    const key = String(BASE + offset * MINUTE);
    const bucket = minutes[key];
    minutes[key] = bucket
      ? mergeAggregate(bucket, [value, 1, value, value])
      : [value, 1, value, value];
  }
  return minutes;
}

// Minute 0: 1 and 3; minute 1: 10; minute 2: 4; minute 5: 7 and 9; minute 11: 5.
const MINUTES = bucketsOf([
  [0, 1],
  [0, 3],
  [1, 10],
  [2, 4],
  [5, 7],
  [5, 9],
  [11, 5],
]);

function run(
  periodSeconds: number,
  statistic: Statistic,
  overrides: Partial<Parameters<typeof aggregateMetric>[0]> = {},
) {
  return aggregateMetric({
    minutes: MINUTES,
    periodSeconds,
    startMs: BASE,
    endMs: BASE + 15 * MINUTE,
    statistic,
    nowMs: BASE + DAY,
    ...overrides,
  }).map(p => [(p.timestampMs - BASE) / MINUTE, p.value]);
}

describe('aggregateMetric', () => {
  it.each<[Statistic, Array<[number, number]>]>([
    [
      'Sum',
      [
        [0, 4],
        [1, 10],
        [2, 4],
        [5, 16],
        [11, 5],
      ],
    ],
    [
      'SampleCount',
      [
        [0, 2],
        [1, 1],
        [2, 1],
        [5, 2],
        [11, 1],
      ],
    ],
    [
      'Average',
      [
        [0, 2],
        [1, 10],
        [2, 4],
        [5, 8],
        [11, 5],
      ],
    ],
    [
      'Minimum',
      [
        [0, 1],
        [1, 10],
        [2, 4],
        [5, 7],
        [11, 5],
      ],
    ],
    [
      'Maximum',
      [
        [0, 3],
        [1, 10],
        [2, 4],
        [5, 9],
        [11, 5],
      ],
    ],
  ])(
    'computes %s per one-minute window, oldest first',
    (statistic, expected) => {
      expect(run(60, statistic)).toEqual(expected);
    },
  );

  it.each<[Statistic, Array<[number, number]>]>([
    [
      'Sum',
      [
        [0, 18],
        [5, 16],
        [10, 5],
      ],
    ],
    [
      'SampleCount',
      [
        [0, 4],
        [5, 2],
        [10, 1],
      ],
    ],
    [
      'Average',
      [
        [0, 4.5],
        [5, 8],
        [10, 5],
      ],
    ],
    [
      'Minimum',
      [
        [0, 1],
        [5, 7],
        [10, 5],
      ],
    ],
    [
      'Maximum',
      [
        [0, 10],
        [5, 9],
        [10, 5],
      ],
    ],
  ])(
    'computes %s per five-minute window aligned to the epoch',
    (statistic, expected) => {
      expect(run(300, statistic)).toEqual(expected);
    },
  );

  it('returns only windows with data', () => {
    expect(run(60, 'Sum').map(([minute]) => minute)).not.toContain(3);
  });

  it('rounds StartTime down to its minute and treats EndTime as exclusive', () => {
    expect(
      run(60, 'Sum', { startMs: BASE + 30_000, endMs: BASE + 5 * MINUTE }),
    ).toEqual([
      [0, 4],
      [1, 10],
      [2, 4],
    ]);
  });

  it('keeps windows aligned to the epoch when StartTime is not', () => {
    // Minute 0 is before StartTime; minutes 1 and 2 still land in the window that starts at 0.
    expect(run(300, 'Sum', { startMs: BASE + MINUTE })).toEqual([
      [0, 14],
      [5, 16],
      [10, 5],
    ]);
  });

  it('aggregates hourly windows', () => {
    expect(run(3600, 'Sum')).toEqual([[0, 39]]);
  });

  it('skips empty buckets', () => {
    const points = aggregateMetric({
      minutes: { [String(BASE)]: [0, 0, Infinity, -Infinity] },
      periodSeconds: 60,
      startMs: BASE,
      endMs: BASE + MINUTE,
      statistic: 'Average',
      nowMs: BASE,
    });
    expect(points).toEqual([]);
  });

  it('refuses a period that is not a multiple of a minute', () => {
    expect(() => run(90, 'Sum')).toThrow(RangeError);
    expect(() => run(30, 'Sum')).toThrow(RangeError);
  });

  it('serves old data only at the coarser periods CloudWatch keeps', () => {
    expect(run(60, 'Sum', { nowMs: BASE + 20 * DAY })).toEqual([]);
    expect(run(300, 'Sum', { nowMs: BASE + 20 * DAY })).toEqual([
      [0, 18],
      [5, 16],
      [10, 5],
    ]);
    expect(run(300, 'Sum', { nowMs: BASE + 70 * DAY })).toEqual([]);
    expect(run(3600, 'Sum', { nowMs: BASE + 70 * DAY })).toEqual([[0, 39]]);
    expect(run(3600, 'Sum', { nowMs: BASE + 500 * DAY })).toEqual([]);
  });
});

describe('isServedAtPeriod', () => {
  it.each([
    [14 * DAY, 60, true],
    [16 * DAY, 60, false],
    [16 * DAY, 300, true],
    [64 * DAY, 300, false],
    [64 * DAY, 7200, true],
    [456 * DAY, 86400, false],
  ])('age %p ms at period %p s: %p', (age, period, expected) => {
    expect(isServedAtPeriod(BASE, period, BASE + age)).toBe(expected);
  });
});

describe('statisticValue and mergeAggregate', () => {
  it('merges sums, counts, minimum and maximum', () => {
    expect(mergeAggregate([4, 2, 1, 3], [10, 1, 10, 10])).toEqual([
      14, 3, 1, 10,
    ]);
  });

  it.each<[Statistic, number]>([
    ['Sum', 14],
    ['SampleCount', 4],
    ['Average', 3.5],
    ['Minimum', -1],
    ['Maximum', 9],
  ])('%s', (statistic, expected) => {
    expect(statisticValue([14, 4, -1, 9], statistic)).toBe(expected);
  });
});
