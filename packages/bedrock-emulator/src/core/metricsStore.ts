import { EmulatorContext } from './EmulatorService';

/** One metric series' data, bucketed per whole minute: [sum, sampleCount, minimum, maximum]. */
export type MetricSeries = {
  namespace: string;
  metricName: string;
  dimensions: Record<string, string>;
  /** Keyed by the minute's start in epoch milliseconds. */
  minutes: Record<string, [number, number, number, number]>;
};

/** Per account and Region (service `cloudwatch`): series keyed by `seriesKey`. */
export type MetricsData = { series: Record<string, MetricSeries> };

/** Identifies a series by namespace, metric name and its dimensions in name order. */
export function seriesKey(
  namespace: string,
  metricName: string,
  dimensions: Record<string, string>,
): string {
  const dims = Object.keys(dimensions)
    .sort()
    .map(name => `${name}=${dimensions[name]}`)
    .join(',');
  return `${namespace}|${metricName}|${dims}`;
}

/** The regional slot of the metrics data. */
export function metricsData(
  context: EmulatorContext,
  accountId: string,
  region: string,
): MetricsData {
  return context.state.regional<MetricsData>(
    'cloudwatch',
    accountId,
    region,
    () => ({ series: {} }),
  );
}

/** A minute bucket's statistics: [sum, sampleCount, minimum, maximum]. */
export type MinuteAggregate = [number, number, number, number];

/** Records samples already aggregated for one minute (PutMetricData's StatisticValues, or Values with Counts). */
export function recordAggregate(
  context: EmulatorContext,
  sample: {
    accountId: string;
    region: string;
    namespace: string;
    metricName: string;
    dimensions: Record<string, string>;
    timestampMs: number;
    aggregate: MinuteAggregate;
  },
): void {
  const data = metricsData(context, sample.accountId, sample.region);
  const key = seriesKey(sample.namespace, sample.metricName, sample.dimensions);
  const series = (data.series[key] ??= {
    namespace: sample.namespace,
    metricName: sample.metricName,
    dimensions: { ...sample.dimensions },
    minutes: {},
  });
  const minute = String(Math.floor(sample.timestampMs / 60_000) * 60_000);
  const bucket = series.minutes[minute];
  const [sum, count, min, max] = sample.aggregate;
  if (bucket) {
    bucket[0] += sum;
    bucket[1] += count;
    bucket[2] = Math.min(bucket[2], min);
    bucket[3] = Math.max(bucket[3], max);
  } else {
    series.minutes[minute] = [sum, count, min, max];
  }
}

/** Records one sample, as the runtime does for invocations and the seed for history. */
export function recordMetric(
  context: EmulatorContext,
  sample: {
    accountId: string;
    region: string;
    namespace: string;
    metricName: string;
    dimensions: Record<string, string>;
    timestampMs: number;
    value: number;
  },
): void {
  const { value, ...where } = sample;
  recordAggregate(context, { ...where, aggregate: [value, 1, value, value] });
}

/**
 * Adds `by` to a gauge's one sample in a minute: the minute then holds a single data point whose
 * value is the running total (e.g. ModelCopy: the copies billed in a window), so Sum, Maximum and
 * Average over it all give that total.
 */
export function incrementGauge(
  context: EmulatorContext,
  sample: {
    accountId: string;
    region: string;
    namespace: string;
    metricName: string;
    dimensions: Record<string, string>;
    timestampMs: number;
    by: number;
  },
): void {
  const data = metricsData(context, sample.accountId, sample.region);
  const key = seriesKey(sample.namespace, sample.metricName, sample.dimensions);
  const series = (data.series[key] ??= {
    namespace: sample.namespace,
    metricName: sample.metricName,
    dimensions: { ...sample.dimensions },
    minutes: {},
  });
  const minute = String(Math.floor(sample.timestampMs / 60_000) * 60_000);
  const value = (series.minutes[minute]?.[0] ?? 0) + sample.by;
  series.minutes[minute] = [value, 1, value, value];
}
