import { GovernanceRow, servesProduction } from './governanceRows';

/** Totals of one team or one Region. */
export type GovernanceTotal = {
  key: string;
  models: number;
  liveVersions: number;
  inProduction: number;
  estimatedMonthlyCost: number;
  /** Versions whose cost is unknown, so the sum is a floor. */
  versionsWithoutCost: number;
};

function totalsBy(
  rows: GovernanceRow[],
  keyOf: (row: GovernanceRow) => string,
): GovernanceTotal[] {
  const groups = new Map<
    string,
    GovernanceTotal & { modelNames: Set<string> }
  >();
  for (const row of rows) {
    const key = keyOf(row);
    const total = groups.get(key) ?? {
      key,
      models: 0,
      liveVersions: 0,
      inProduction: 0,
      estimatedMonthlyCost: 0,
      versionsWithoutCost: 0,
      modelNames: new Set<string>(),
    };
    groups.set(key, total);
    total.modelNames.add(row.model);
    if (row.status === 'ready' || row.status === 'importing') {
      total.liveVersions += 1;
    }
    if (servesProduction(row)) total.inProduction += 1;
    if (row.estimatedMonthlyCost === undefined) {
      // Retired and deleted versions cost nothing any more; only a live one without a figure is unknown.
      if (row.status === 'ready') total.versionsWithoutCost += 1;
    } else {
      total.estimatedMonthlyCost += row.estimatedMonthlyCost;
    }
  }
  return [...groups.values()]
    .map(({ modelNames, ...total }) => ({ ...total, models: modelNames.size }))
    .sort((a, b) => a.key.localeCompare(b.key));
}

/** Totals per owning team and per Region, over the rows given (the filtered ones). */
export function governanceTotals(rows: GovernanceRow[]): {
  byTeam: GovernanceTotal[];
  byRegion: GovernanceTotal[];
  overall: GovernanceTotal;
} {
  return {
    byTeam: totalsBy(rows, row => row.owner),
    byRegion: totalsBy(rows, row => row.region),
    overall: totalsBy(rows, () => 'all')[0] ?? {
      key: 'all',
      models: 0,
      liveVersions: 0,
      inProduction: 0,
      estimatedMonthlyCost: 0,
      versionsWithoutCost: 0,
    },
  };
}
