import { useState } from 'react';
import { CellText, ColumnConfig, Table, Text } from '@backstage/ui';
// core-plugin-api's hook resolves routes in apps on both frontend systems (as catalog-react's own links do).
import { useRouteRef } from '@backstage/core-plugin-api';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { formatDateTime } from '../../format/formatDateTime';
import { entityRefKind, entityRefName } from '../../format/formatEntityRef';
import { formatMoney } from '../../format/formatMoney';
import type { GovernanceRow } from '../../governance/governanceRows';
import type {
  GovernanceSort,
  GovernanceSortColumn,
} from '../../governance/sortGovernanceRows';

const PAGE_SIZES = [25, 50, 100];

/** Every version (already filtered and sorted) with owner, place, production, last move, cost; sortable, paged. */
export const GovernanceTable = (props: {
  rows: GovernanceRow[];
  sort: GovernanceSort;
  onSortChange: (sort: GovernanceSort) => void;
  currency: string;
}) => {
  const { rows, currency } = props;
  const [offset, setOffset] = useState(0);
  const [pageSize, setPageSize] = useState(PAGE_SIZES[0]);
  const entityRoute = useRouteRef(entityRouteRef);
  // Filters can shrink the rows below the current page.
  const start = offset < rows.length ? offset : 0;
  const page = rows.slice(start, start + pageSize);

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
      isSortable: true,
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
      isSortable: true,
      defaultWidth: '2fr',
      minWidth: 150,
      cell: r => <CellText title={r.architecture ?? '—'} />,
    },
    {
      id: 'classification',
      label: 'Class',
      isSortable: true,
      defaultWidth: '2fr',
      minWidth: 120,
      cell: r => <CellText title={r.classification} />,
    },
    {
      id: 'productionVersion',
      label: 'Production',
      isSortable: true,
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
      isSortable: true,
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
      data={page}
      sort={{
        descriptor: {
          column: props.sort.column,
          direction: props.sort.direction,
        },
        onSortChange: descriptor =>
          props.onSortChange({
            column: descriptor.column as GovernanceSortColumn,
            direction: descriptor.direction,
          }),
      }}
      pagination={{
        type: 'page',
        pageSize,
        pageSizeOptions: PAGE_SIZES,
        offset: start,
        totalCount: rows.length,
        hasNextPage: start + pageSize < rows.length,
        hasPreviousPage: start > 0,
        onNextPage: () => setOffset(start + pageSize),
        onPreviousPage: () => setOffset(Math.max(0, start - pageSize)),
        onPageSizeChange: size => {
          setPageSize(size);
          setOffset(0);
        },
      }}
      emptyState={<Text>No version matches the filters.</Text>}
    />
  );
};
