import { GovernanceRow } from './governanceRows';

/** Columns the governance table sorts by. */
export type GovernanceSortColumn =
  | 'model'
  | 'version'
  | 'owner'
  | 'region'
  | 'accountId'
  | 'architecture'
  | 'classification'
  | 'status'
  | 'productionVersion'
  | 'lastPromotedAt'
  | 'managed'
  | 'estimatedMonthlyCost';

/** A sort column and direction. */
export type GovernanceSort = {
  column: GovernanceSortColumn;
  direction: 'ascending' | 'descending';
};

function compareValues(
  a: string | number | boolean | undefined,
  b: string | number | boolean | undefined,
): number {
  if (a === b) return 0;
  if (a === undefined) return 1;
  if (b === undefined) return -1;
  if (typeof a === 'string' && typeof b === 'string') {
    return a.localeCompare(b);
  }
  return Number(a) - Number(b);
}

/**
 * The rows in the sort's order; rows without a value go last either way (an unknown cost is not the
 * cheapest), and ties fall back to model then version so the order is stable.
 */
export function sortGovernanceRows(
  rows: GovernanceRow[],
  sort: GovernanceSort,
): GovernanceRow[] {
  const sign = sort.direction === 'ascending' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const av = a[sort.column];
    const bv = b[sort.column];
    if (av === undefined || bv === undefined) {
      const missing = compareValues(av, bv);
      if (missing !== 0) return missing;
    } else {
      const primary = compareValues(av, bv) * sign;
      if (primary !== 0) return primary;
    }
    return a.model.localeCompare(b.model) || a.version - b.version;
  });
}
