import type { GovernanceReportRow } from '../schema/openapi/generated';

/**
 * The governance page's filters; an unset filter lets every row through.
 *
 * @public
 */
export type ReportFilters = {
  /** Matches model, owner, ARN, account, Region, creator and last promoter, case-insensitively. */
  q?: string;
  owner?: string;
  region?: string;
  accountId?: string;
  architecture?: string;
  classification?: string;
  status?: string;
  managed?: 'managed' | 'unmanaged';
  /** Whether the version is what the production (first) alias names in its Region. */
  production?: 'serving' | 'not-serving';
};

const VALUE_FILTERS = [
  'owner',
  'region',
  'accountId',
  'architecture',
  'classification',
  'status',
] as const;

/**
 * Whether a report row is the version its Region's production pointer names.
 *
 * @public
 */
export function servesProduction(row: GovernanceReportRow): boolean {
  return row.productionVersion === row.version;
}

/**
 * Whether a report row passes the filters.
 *
 * @public
 */
export function matchesReportFilters(
  row: GovernanceReportRow,
  filters: ReportFilters,
): boolean {
  for (const key of VALUE_FILTERS) {
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
  const needle = filters.q?.trim().toLowerCase();
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
}
