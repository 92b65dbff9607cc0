import { CellText, ColumnConfig, Table, Text } from '@backstage/ui';
// core-plugin-api's hook resolves routes in apps on both frontend systems (as catalog-react's own links do).
import { useRouteRef } from '@backstage/core-plugin-api';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { formatDateTime } from '../../format/formatDateTime';
import { entityRefKind, entityRefName } from '../../format/formatEntityRef';
import { formatMoney } from '../../format/formatMoney';
import type { GovernanceReportRow } from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import {
  GovernanceSort,
  GovernanceSortColumn,
  SORTABLE_COLUMNS,
} from '../../governance/reportSort';

/** Page sizes the table offers. */
export const PAGE_SIZES = [25, 50, 100];

type GovernanceRow = GovernanceReportRow & { id: string };

/** Where the table is in the report's pages, and how to move. */
export type GovernancePaging = {
  offset: number;
  pageSize: number;
  totalCount: number;
  hasNextPage: boolean;
  onNextPage: () => void;
  onPreviousPage: () => void;
  onPageSizeChange: (size: number) => void;
};

const sortable = (column: string) => column in SORTABLE_COLUMNS;

/**
 * One page of versions, as the backend filtered, sorted and paged them: owner, place, production, last
 * move, cost. The columns the backend sorts by are sortable.
 */
export const GovernanceTable = (props: {
  rows: GovernanceReportRow[];
  sort: GovernanceSort;
  onSortChange: (sort: GovernanceSort) => void;
  paging: GovernancePaging;
  currency: string;
  /** The configured alias governance calls production (the first one). */
  productionAlias: string;
}) => {
  const { currency, paging } = props;
  const entityRoute = useRouteRef(entityRouteRef);
  const rows: GovernanceRow[] = props.rows.map(row => ({
    ...row,
    id: `${row.model}|${row.accountId}|${row.region}|${row.version}`,
  }));

  const modelHref = (row: GovernanceRow) =>
    entityRoute?.({ kind: 'resource', namespace: 'default', name: row.model });

  // Widths fit each header with its sort button; below about 1,600 px the table scrolls sideways
  // rather than cutting labels short.
  const columns: ColumnConfig<GovernanceRow>[] = [
    {
      id: 'model',
      label: 'Model',
      isRowHeader: true,
      isSortable: true,
      defaultWidth: '3fr',
      minWidth: 170,
      cell: r => <CellText title={r.model} href={modelHref(r)} />,
    },
    {
      id: 'version',
      label: 'Version',
      defaultWidth: 105,
      cell: r => (
        <CellText
          title={`v${r.version}`}
          description={r.pointers.join(', ') || undefined}
        />
      ),
    },
    {
      id: 'status',
      label: 'Status',
      isSortable: true,
      defaultWidth: 100,
      cell: r => <CellText title={r.status} />,
    },
    {
      id: 'owner',
      label: 'Owner',
      isSortable: true,
      defaultWidth: '2fr',
      minWidth: 120,
      cell: r => (
        <CellText
          title={entityRefName(r.owner)}
          description={entityRefKind(r.owner)}
        />
      ),
    },
    {
      id: 'region',
      label: 'Region',
      isSortable: true,
      defaultWidth: '2fr',
      minWidth: 125,
      cell: r => <CellText title={r.region} description={r.accountId} />,
    },
    {
      id: 'architecture',
      label: 'Architecture',
      defaultWidth: '2fr',
      minWidth: 150,
      cell: r => <CellText title={r.architecture ?? '—'} />,
    },
    {
      id: 'classification',
      label: 'Class',
      defaultWidth: '2fr',
      minWidth: 120,
      cell: r => <CellText title={r.classification} />,
    },
    {
      id: 'productionVersion',
      label: capitalized(props.productionAlias),
      defaultWidth: 145,
      cell: r => (
        <CellText
          title={
            r.productionVersion === undefined
              ? 'none'
              : `v${r.productionVersion}`
          }
        />
      ),
    },
    {
      id: 'lastPromotedAt',
      label: 'Last promoted',
      isSortable: true,
      defaultWidth: '2fr',
      minWidth: 150,
      cell: r => (
        <CellText
          title={r.lastPromotedBy ? entityRefName(r.lastPromotedBy) : '—'}
          description={
            r.lastPromotedAt ? formatDateTime(r.lastPromotedAt) : undefined
          }
        />
      ),
    },
    {
      id: 'managed',
      label: 'Managed',
      defaultWidth: 130,
      cell: r => <CellText title={r.managed ? 'yes' : 'no'} />,
    },
    {
      id: 'estimatedMonthlyCost',
      label: 'Cost / month',
      isSortable: true,
      defaultWidth: 155,
      cell: r => (
        <CellText title={formatMoney(r.estimatedMonthlyCost, currency)} />
      ),
    },
  ];

  return (
    <Table
      columnConfig={columns}
      data={rows}
      sort={{
        descriptor: {
          column: props.sort.column,
          direction: props.sort.direction,
        },
        onSortChange: descriptor => {
          const column = String(descriptor.column);
          if (sortable(column)) {
            props.onSortChange({
              column: column as GovernanceSortColumn,
              direction: descriptor.direction,
            });
          }
        },
      }}
      pagination={{
        type: 'page',
        pageSize: paging.pageSize,
        pageSizeOptions: PAGE_SIZES,
        offset: paging.offset,
        totalCount: paging.totalCount,
        hasNextPage: paging.hasNextPage,
        hasPreviousPage: paging.offset > 0,
        onNextPage: paging.onNextPage,
        onPreviousPage: paging.onPreviousPage,
        onPageSizeChange: paging.onPageSizeChange,
      }}
      emptyState={<Text>No version matches the filters.</Text>}
    />
  );
};

/** "production" as a column title: "Production". */
function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
