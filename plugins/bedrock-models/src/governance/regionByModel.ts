import {
  GovernanceReportRow,
  servesProduction,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';

/** What one model has in one Region. */
export type RegionCell = {
  /** Versions there that are not retired or deleted. */
  liveVersions: number[];
  productionVersion?: number;
};

/** One model's line of the Region-by-model view. */
export type ModelRegions = {
  model: string;
  owner: string;
  cells: Record<string, RegionCell>;
};

/** Answers "which fine-tunes run where": per model, per Region, the live versions and production's. */
export function regionByModel(rows: GovernanceReportRow[]): {
  regions: string[];
  models: ModelRegions[];
} {
  const regions = new Set<string>();
  const models = new Map<string, ModelRegions>();
  for (const row of rows) {
    if (row.status === 'retired' || row.status === 'deleted') continue;
    regions.add(row.region);
    const entry = models.get(row.model) ?? {
      model: row.model,
      owner: row.owner,
      cells: {},
    };
    models.set(row.model, entry);
    const cell = (entry.cells[row.region] ??= { liveVersions: [] });
    cell.liveVersions.push(row.version);
    cell.liveVersions.sort((a, b) => a - b);
    if (servesProduction(row)) cell.productionVersion = row.version;
  }
  return {
    regions: [...regions].sort(),
    models: [...models.values()].sort((a, b) => a.model.localeCompare(b.model)),
  };
}
