import type { ModelCostReport } from '@bedrock-portal/backstage-plugin-bedrock-models-common';

/** One version's cost per day, aligned with `days`. */
export type CostSeries = {
  label: string;
  /** Compute plus storage, per day. */
  values: number[];
  compute: number;
  storage: number;
};

/** The chart's data: every day of the period and, per version, that day's cost. */
export function dailyCostByVersion(report: ModelCostReport): {
  days: string[];
  series: CostSeries[];
  /** The largest day's total over all versions, for the chart's scale. */
  maxDayTotal: number;
} {
  const days = [
    ...new Set(report.versions.flatMap(v => v.days.map(d => d.day))),
  ].sort();
  const index = new Map(days.map((day, i) => [day, i]));
  const series = [...report.versions]
    .sort((a, b) => a.version - b.version || a.region.localeCompare(b.region))
    .map(version => {
      const values = days.map(() => 0);
      for (const day of version.days) {
        values[index.get(day.day)!] += day.compute + day.storage;
      }
      return {
        label: `v${version.version} (${version.region})`,
        values,
        compute: version.compute,
        storage: version.storage,
      };
    });
  const maxDayTotal = Math.max(
    0,
    ...days.map((_, i) => series.reduce((sum, s) => sum + s.values[i], 0)),
  );
  return { days, series, maxDayTotal };
}
