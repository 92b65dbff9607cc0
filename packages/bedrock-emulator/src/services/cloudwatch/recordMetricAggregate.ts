import { EmulatorContext } from '../../core/EmulatorService';
import { metricsData, seriesKey } from '../../core/metricsStore';
import { MetricAggregate, mergeAggregate } from './aggregateMetric';

/**
 * Records an already-aggregated set of samples (PutMetricData's StatisticValues, or Values with
 * Counts) into the series' minute bucket, the way `recordMetric` records a single sample.
 */
export function recordMetricAggregate(
  context: EmulatorContext,
  sample: {
    accountId: string;
    region: string;
    namespace: string;
    metricName: string;
    dimensions: Record<string, string>;
    timestampMs: number;
    aggregate: MetricAggregate;
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
  if (bucket) {
    mergeAggregate(bucket, sample.aggregate);
  } else {
    series.minutes[minute] = [...sample.aggregate];
  }
}
