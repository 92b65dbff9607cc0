import type { CSSProperties } from 'react';
import {
  Cell,
  CellText,
  Column,
  ColumnConfig,
  Flex,
  Table,
  Text,
} from '@backstage/ui';
// core-plugin-api's hook resolves routes in apps on both frontend systems (as catalog-react's own links do).
import { useRouteRef } from '@backstage/core-plugin-api';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import type { GovernanceReportRow } from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { formatDateTime } from '../../format/formatDateTime';
import { formatMoney } from '../../format/formatMoney';
import { PAGE_SIZES, ReportOrder } from '../../governance/governanceUrlState';
import {
  columnOfSort,
  FIXED_COLUMN,
  REPORT_COLUMNS,
  sortOfColumn,
} from '../../governance/reportColumns';
import { AccountNameOf } from '../../names/useAccountNames';
import { DisplayNameOf } from '../../names/useEntityDisplayNames';

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

// The model column stays in place while the table scrolls sideways; it needs the page's background so
// the columns passing under it do not show through, and a rule to show where it ends.
const FIXED: CSSProperties = {
  position: 'sticky',
  left: 0,
  zIndex: 1,
  background: 'var(--bui-bg-app, #fff)',
  boxShadow: 'inset -1px 0 0 var(--bui-border-2, #ddd)',
};

/** A status and what is wrong with the version besides: a Region its class may not use, SSM not published. */
function statusCell(row: GovernanceReportRow) {
  const problems = [
    row.residencyViolation ? 'Region not allowed for its class' : undefined,
    row.publishingFailing ? 'SSM publishing failing' : undefined,
  ].filter((p): p is string => Boolean(p));
  return (
    <Cell>
      <Flex direction="column" gap="0.5">
        <Text variant="body-medium">{row.status}</Text>
        {problems.map(p => (
          <Text key={p} variant="body-x-small" color="danger">
            {p}
          </Text>
        ))}
      </Flex>
    </Cell>
  );
}

function invokedCell(row: GovernanceReportRow) {
  if (row.invocations30d === undefined) {
    return <CellText title="—" description="not read yet" />;
  }
  return (
    <CellText
      title={
        row.lastInvokedAt ? formatDateTime(row.lastInvokedAt) : 'not in 30 days'
      }
      description={`${row.invocations30d.toLocaleString('en-US')} ${
        row.invocations30d === 1 ? 'call' : 'calls'
      } in 30 days`}
    />
  );
}

/**
 * One page of versions, as the backend filtered, sorted and paged them. The model column stays in place
 * while the rest scrolls sideways; every column the backend sorts by is sortable; `columns` are the ones
 * the reviewer chose.
 */
export const GovernanceTable = (props: {
  rows: GovernanceReportRow[] | undefined;
  loading: boolean;
  order: ReportOrder;
  onOrderChange: (order: ReportOrder) => void;
  paging: GovernancePaging;
  columns: string[];
  currency: string;
  /** The configured alias governance calls production (the first one). */
  productionAlias: string;
  displayName: DisplayNameOf;
  accountName: AccountNameOf;
}) => {
  const { currency, paging, displayName, accountName } = props;
  const entityRoute = useRouteRef(entityRouteRef);
  const rows: GovernanceRow[] | undefined = props.rows?.map(row => ({
    ...row,
    id: `${row.model}|${row.accountId}|${row.region}|${row.version}`,
  }));
  const modelHref = (row: GovernanceRow) =>
    entityRoute?.({ kind: 'resource', namespace: 'default', name: row.model });
  const production = capitalized(props.productionAlias);

  const cells: Record<string, (r: GovernanceRow) => JSX.Element> = {
    model: r => <CellText title={r.model} href={modelHref(r)} style={FIXED} />,
    version: r => (
      <CellText
        title={`v${r.version}`}
        description={r.pointers.join(', ') || 'no pointer'}
      />
    ),
    owner: r => <CellText title={displayName(r.owner)} description={r.owner} />,
    cost: r => (
      <CellText title={formatMoney(r.estimatedMonthlyCost, currency)} />
    ),
    production: r => (
      <CellText
        title={
          r.productionVersion === undefined ? 'none' : `v${r.productionVersion}`
        }
        description={
          r.productionVersion === r.version ? 'this version' : undefined
        }
      />
    ),
    lastInvokedAt: invokedCell,
    status: statusCell,
    region: r => (
      <CellText title={r.region} description={accountName(r.accountId)} />
    ),
    classification: r => <CellText title={r.classification} />,
    lastPromotedAt: r => (
      <CellText
        title={r.lastPromotedBy ? displayName(r.lastPromotedBy) : '—'}
        description={
          r.lastPromotedAt ? formatDateTime(r.lastPromotedAt) : undefined
        }
      />
    ),
    managed: r => (
      <CellText
        title={r.managed ? 'yes' : 'no'}
        description={r.managed ? undefined : 'imported outside'}
      />
    ),
    architecture: r => <CellText title={r.architecture ?? '—'} />,
    createdAt: r => (
      <CellText
        title={displayName(r.createdBy)}
        description={formatDateTime(r.createdAt)}
      />
    ),
  };
  // Widths fit each header with its sort arrow and the usual values; what is wider scrolls sideways.
  const widths: Record<string, number> = {
    model: 210,
    version: 110,
    owner: 170,
    cost: 150,
    production: 150,
    lastInvokedAt: 205,
    status: 150,
    region: 140,
    classification: 110,
    lastPromotedAt: 175,
    managed: 120,
    architecture: 135,
    createdAt: 175,
  };

  const columns: ColumnConfig<GovernanceRow>[] = REPORT_COLUMNS.filter(c =>
    props.columns.includes(c.id),
  ).map(c => {
    const label = c.id === 'production' ? production : c.label;
    return {
      id: c.id,
      label,
      isRowHeader: c.id === FIXED_COLUMN,
      isSortable: Boolean(c.sort),
      width: widths[c.id],
      header:
        c.id === FIXED_COLUMN
          ? () => (
              <Column
                id={c.id}
                isRowHeader
                allowsSorting
                width={widths[c.id]}
                style={{ ...FIXED, zIndex: 2 }}
              >
                {label}
              </Column>
            )
          : undefined,
      cell: cells[c.id],
    };
  });

  return (
    <Table
      columnConfig={columns}
      data={rows}
      isPending={props.loading && !rows}
      isStale={props.loading && Boolean(rows)}
      sort={{
        descriptor: {
          column: columnOfSort(props.order.sort) ?? FIXED_COLUMN,
          direction: props.order.order === 'asc' ? 'ascending' : 'descending',
        },
        onSortChange: descriptor => {
          const sort = sortOfColumn(String(descriptor.column));
          if (sort) {
            props.onOrderChange({
              sort,
              order: descriptor.direction === 'ascending' ? 'asc' : 'desc',
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
