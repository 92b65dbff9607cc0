import type { GovernanceReportQuery } from '@bedrock-portal/backstage-plugin-bedrock-models-common';

/** The table's columns the backend sorts by, with the backend's name for each. */
export const SORTABLE_COLUMNS = {
  model: 'model',
  owner: 'owner',
  region: 'region',
  status: 'status',
  lastPromotedAt: 'lastPromotedAt',
  estimatedMonthlyCost: 'cost',
} as const satisfies Record<string, GovernanceReportQuery['sort']>;

/** A column the governance table sorts by. */
export type GovernanceSortColumn = keyof typeof SORTABLE_COLUMNS;

/** A sort column and direction, as the table shows them. */
export type GovernanceSort = {
  column: GovernanceSortColumn;
  direction: 'ascending' | 'descending';
};

/** The table's sort as the report's query asks for it. */
export function reportSortQuery(
  sort: GovernanceSort,
): Pick<GovernanceReportQuery, 'sort' | 'order'> {
  return {
    sort: SORTABLE_COLUMNS[sort.column],
    order: sort.direction === 'ascending' ? 'asc' : 'desc',
  };
}
