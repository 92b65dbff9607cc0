import { CellText, ColumnConfig, Flex, Grid, Table, Text } from '@backstage/ui';
import type { ReportTotals } from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { formatMoney } from '../../format/formatMoney';
import { formatShare } from '../../format/formatShare';
import { DisplayNameOf } from '../../names/useEntityDisplayNames';

type CostLine = {
  id: string;
  label: string;
  description?: string;
  cost: number;
};

const Figure = (props: { label: string; value: string }) => (
  <Flex direction="column" gap="0.5">
    <Text variant="body-x-small" color="secondary">
      {props.label}
    </Text>
    <Text variant="title-small" aria-label={props.label}>
      {props.value}
    </Text>
  </Flex>
);

const CostTable = (props: {
  title: string;
  what: string;
  lines: CostLine[];
  total: number;
  currency: string;
}) => {
  const columns: ColumnConfig<CostLine>[] = [
    {
      id: 'label',
      label: props.what,
      isRowHeader: true,
      cell: l => <CellText title={l.label} description={l.description} />,
    },
    {
      id: 'cost',
      label: 'Est. monthly cost',
      cell: l => <CellText title={formatMoney(l.cost, props.currency)} />,
    },
    {
      id: 'share',
      label: 'Share',
      cell: l => (
        <CellText
          title={props.total > 0 ? formatShare(l.cost / props.total) : '—'}
        />
      ),
    },
  ];
  return (
    <Flex direction="column" gap="1" aria-label={props.title} role="group">
      <Text as="h3" variant="title-x-small">
        {props.title}
      </Text>
      <Table
        columnConfig={columns}
        data={props.lines}
        pagination={{ type: 'none' }}
        emptyState={<Text>No cost to show.</Text>}
      />
    </Flex>
  );
};

/**
 * The backend's totals of every version the filters let through: how many models and versions, how many
 * are live and serve production, what they cost a month, and that cost by owner and by Region.
 */
export const GovernanceTotalsView = (props: {
  totals: ReportTotals;
  currency: string;
  /** The configured alias governance calls production (the first one). */
  productionAlias: string;
  displayName: DisplayNameOf;
}) => {
  const { totals, currency } = props;
  const byCost = (a: CostLine, b: CostLine) =>
    b.cost - a.cost || a.label.localeCompare(b.label);
  const byOwner = Object.entries(totals.byOwner ?? {})
    .map(([owner, cost]) => ({
      id: owner,
      label: props.displayName(owner),
      description: owner,
      cost,
    }))
    .sort(byCost);
  const byRegion = Object.entries(totals.byRegion)
    .map(([region, cost]) => ({ id: region, label: region, cost }))
    .sort(byCost);
  const count = (n: number, one: string, many: string) =>
    `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
  return (
    <Flex direction="column" gap="4">
      <Text as="p" aria-label="Overall totals">
        {count(totals.versions, 'version', 'versions')} of{' '}
        {count(totals.models, 'model', 'models')}, about{' '}
        {formatMoney(totals.estimatedMonthlyCost, currency)} a month
        {totals.withoutEstimate > 0
          ? ` (at least: ${totals.withoutEstimate} without an estimate)`
          : ''}
        .
      </Text>
      {(totals.keepWarmMonthlyUsd ?? 0) > 0 && (
        <Text as="p" aria-label="Keep-warm commitments">
          Keep-warm policies of the pointers naming these versions commit about{' '}
          {formatMoney(totals.keepWarmMonthlyUsd, currency)} a month (CloudWatch
          bills those windows too, so the estimates include them once a month
          has passed).
        </Text>
      )}
      <Grid.Root columns={{ initial: '2', md: '5' }} gap="3">
        <Figure label="Models" value={String(totals.models)} />
        <Figure label="Versions" value={String(totals.versions)} />
        <Figure label="Live versions" value={String(totals.liveVersions)} />
        <Figure
          label={`Serving ${props.productionAlias}`}
          value={String(totals.servingProduction)}
        />
        <Figure
          label="Without a cost estimate"
          value={String(totals.withoutEstimate)}
        />
      </Grid.Root>
      <Grid.Root columns={{ initial: '1', lg: '2' }} gap="4">
        <CostTable
          title="By owner"
          what="Owner"
          lines={byOwner}
          total={totals.estimatedMonthlyCost}
          currency={currency}
        />
        <CostTable
          title="By Region"
          what="Region"
          lines={byRegion}
          total={totals.estimatedMonthlyCost}
          currency={currency}
        />
      </Grid.Root>
    </Flex>
  );
};
