import { GovernanceRow, servesProduction } from './governanceRows';

/** The filters of the governance table; an unset filter lets every row through. */
export type GovernanceFilters = {
  search: string;
  owner?: string;
  region?: string;
  accountId?: string;
  architecture?: string;
  classification?: string;
  status?: string;
  managed?: 'managed' | 'unmanaged';
  production?: 'serving' | 'not-serving';
};

/** The fields a value filter can pick from, and their labels. */
export const VALUE_FILTERS = [
  { key: 'owner', label: 'Owner' },
  { key: 'region', label: 'Region' },
  { key: 'accountId', label: 'Account' },
  { key: 'architecture', label: 'Architecture' },
  { key: 'classification', label: 'Classification' },
  { key: 'status', label: 'Status' },
] as const;

/** A field a value filter picks from. */
export type ValueFilterKey = (typeof VALUE_FILTERS)[number]['key'];

/** The values each value filter offers: those present in the rows, sorted. */
export function filterOptions(
  rows: GovernanceRow[],
): Record<ValueFilterKey, string[]> {
  const options = {} as Record<ValueFilterKey, string[]>;
  for (const { key } of VALUE_FILTERS) {
    const values = new Set<string>();
    for (const row of rows) {
      const value = row[key];
      if (value) values.add(value);
    }
    options[key] = [...values].sort();
  }
  return options;
}

/** The rows the filters and the search let through; search matches model, owner, ARN and people. */
export function filterGovernanceRows(
  rows: GovernanceRow[],
  filters: GovernanceFilters,
): GovernanceRow[] {
  const needle = filters.search.trim().toLowerCase();
  return rows.filter(row => {
    for (const { key } of VALUE_FILTERS) {
      const wanted = filters[key];
      if (wanted && row[key] !== wanted) return false;
    }
    if (filters.managed && row.managed !== (filters.managed === 'managed')) {
      return false;
    }
    if (
      filters.production &&
      servesProduction(row) !== (filters.production === 'serving')
    ) {
      return false;
    }
    if (!needle) return true;
    return [
      row.model,
      row.owner,
      row.importedModelArn,
      row.createdBy,
      row.lastPromotedBy,
      row.accountId,
      row.region,
    ].some(value => value?.toLowerCase().includes(needle));
  });
}
