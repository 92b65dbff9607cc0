import type {
  BedrockModelsApi,
  GovernanceReportFilters,
  GovernanceReportRow,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';

/** Rows per request when every row is needed: the most the backend gives in one page. */
const ALL_ROWS_PAGE_SIZE = 500;

/** Every row of the report that passes the filters, read a page at a time (for views over all of them). */
export async function readAllReportRows(
  api: Pick<BedrockModelsApi, 'getGovernanceReport'>,
  filters: GovernanceReportFilters,
): Promise<GovernanceReportRow[]> {
  const rows: GovernanceReportRow[] = [];
  let cursor: string | undefined;
  do {
    const page = await api.getGovernanceReport({
      ...filters,
      limit: String(ALL_ROWS_PAGE_SIZE),
      cursor,
    });
    rows.push(...page.rows);
    cursor = page.nextCursor;
  } while (cursor);
  return rows;
}
