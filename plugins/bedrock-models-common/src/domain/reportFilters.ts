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
  /** Whether any pointer (of any alias) names the version. */
  named?: 'named' | 'unnamed';
  /** Live versions no caller invoked in the last N days (by CloudWatch Invocations). */
  idleDays?: number;
  /** Versions in a Region the residency policy does not allow for their model's classification. */
  residency?: 'violates';
  /** Versions named by a pointer whose SSM parameter is not published. */
  publishing?: 'failing';
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
 * Whether a live version went uncalled for `days`: its last invocation (read with the cost estimates)
 * is older, or there was none in the 30 days read. Unread versions are not called idle.
 *
 * @public
 */
export function isIdle(
  row: Pick<GovernanceReportRow, 'status' | 'lastInvokedAt' | 'invocations30d'>,
  days: number,
  now: Date = new Date(),
): boolean {
  if (row.status !== 'ready' || row.invocations30d === undefined) return false;
  if (!row.lastInvokedAt) return true;
  return Date.parse(row.lastInvokedAt) < now.getTime() - days * 86_400_000;
}

/**
 * Whether a report row passes the filters (`now` decides what counts as idle).
 *
 * @public
 */
export function matchesReportFilters(
  row: GovernanceReportRow,
  filters: ReportFilters,
  now: Date = new Date(),
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
  if (
    filters.named &&
    row.pointers.length > 0 !== (filters.named === 'named')
  ) {
    return false;
  }
  if (filters.idleDays !== undefined && !isIdle(row, filters.idleDays, now)) {
    return false;
  }
  if (filters.residency && !row.residencyViolation) return false;
  if (filters.publishing && !row.publishingFailing) return false;
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
