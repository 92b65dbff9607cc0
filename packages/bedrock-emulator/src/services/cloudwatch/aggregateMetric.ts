/** One minute's (or one window's) aggregate: [sum, sampleCount, minimum, maximum]. */
export type MetricAggregate = [number, number, number, number];

/** The statistics the emulator computes; percentiles and other extended statistics need raw samples. */
export const SUPPORTED_STATISTICS = [
  'SampleCount',
  'Average',
  'Sum',
  'Minimum',
  'Maximum',
] as const;

/** One of the supported statistics. */
export type Statistic = (typeof SUPPORTED_STATISTICS)[number];

/** One returned data point: the window's start and the statistic's value over it. */
export type Datapoint = { timestampMs: number; value: number };

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;

/** Is `value` one of the supported statistics? */
export function isSupportedStatistic(value: string): value is Statistic {
  return (SUPPORTED_STATISTICS as readonly string[]).includes(value);
}

/** Adds one aggregate into another (in place) and returns it. */
export function mergeAggregate(
  into: MetricAggregate,
  add: MetricAggregate,
): MetricAggregate {
  into[0] += add[0];
  into[1] += add[1];
  into[2] = Math.min(into[2], add[2]);
  into[3] = Math.max(into[3], add[3]);
  return into;
}

/** The value of a statistic over an aggregate. */
export function statisticValue(
  aggregate: MetricAggregate,
  statistic: Statistic,
): number {
  const [sum, count, minimum, maximum] = aggregate;
  switch (statistic) {
    case 'Sum':
      return sum;
    case 'SampleCount':
      return count;
    case 'Average':
      return sum / count;
    case 'Minimum':
      return minimum;
    case 'Maximum':
      return maximum;
    default:
      throw new RangeError(`Unsupported statistic ${String(statistic)}`);
  }
}

/**
 * Whether CloudWatch still serves a window of this age at this period. It keeps one-minute data
 * for 15 days, five-minute data for 63 days and one-hour data for 455 days; older windows asked
 * for at a finer period come back without data points, as in AWS.
 */
export function isServedAtPeriod(
  windowStartMs: number,
  periodSeconds: number,
  nowMs: number,
): boolean {
  const ageMs = nowMs - windowStartMs;
  if (ageMs > 455 * DAY_MS) {
    return false;
  }
  if (ageMs > 63 * DAY_MS) {
    return periodSeconds % 3600 === 0;
  }
  if (ageMs > 15 * DAY_MS) {
    return periodSeconds % 300 === 0;
  }
  return true;
}

/**
 * Aggregates one series' per-minute buckets into windows of `periodSeconds` (a multiple of 60),
 * aligned to the period from the epoch. Minutes from StartTime (rounded down to its minute, as
 * CloudWatch does) up to EndTime (exclusive) count; only windows with data are returned, oldest
 * first.
 */
export function aggregateMetric(options: {
  minutes: Record<string, MetricAggregate>;
  periodSeconds: number;
  startMs: number;
  endMs: number;
  statistic: Statistic;
  nowMs: number;
}): Datapoint[] {
  const { minutes, periodSeconds, startMs, endMs, statistic, nowMs } = options;
  if (
    !Number.isInteger(periodSeconds) ||
    periodSeconds <= 0 ||
    periodSeconds % 60 !== 0
  ) {
    throw new RangeError(
      `The period must be a positive multiple of 60 seconds, got ${periodSeconds}`,
    );
  }
  const periodMs = periodSeconds * 1000;
  const firstMinuteMs = Math.floor(startMs / MINUTE_MS) * MINUTE_MS;
  const windows = new Map<number, MetricAggregate>();
  for (const [key, bucket] of Object.entries(minutes)) {
    const minuteMs = Number(key);
    if (minuteMs < firstMinuteMs || minuteMs >= endMs || bucket[1] <= 0) {
      continue;
    }
    const windowStartMs = Math.floor(minuteMs / periodMs) * periodMs;
    const window = windows.get(windowStartMs);
    if (window) {
      mergeAggregate(window, bucket);
    } else {
      windows.set(windowStartMs, [...bucket]);
    }
  }
  return [...windows.entries()]
    .filter(([windowStartMs]) =>
      isServedAtPeriod(windowStartMs, periodSeconds, nowMs),
    )
    .sort(([a], [b]) => a - b)
    .map(([timestampMs, aggregate]) => ({
      timestampMs,
      value: statisticValue(aggregate, statistic),
    }));
}
