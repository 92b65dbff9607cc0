import { CellText, ColumnConfig, Flex, Table, Text } from '@backstage/ui';
import type { ReportTotals } from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { formatMoney } from '../../format/formatMoney';

type RegionTotal = { id: string; cost: number };

/** The backend's totals of every version the filters let through: how many, and what they cost a month. */
export const GovernanceTotalsView = (props: {
  totals: ReportTotals;
  currency: string;
}) => {
  const { totals, currency } = props;
  const columns: ColumnConfig<RegionTotal>[] = [
    {
      id: 'region',
      label: 'Region',
      isRowHeader: true,
      cell: t => <CellText title={t.id} />,
    },
    {
      id: 'cost',
      label: 'Est. monthly cost',
      cell: t => <CellText title={formatMoney(t.cost, currency)} />,
    },
  ];
  const byRegion = Object.entries(totals.byRegion)
    .map(([region, cost]) => ({ id: region, cost }))
    .sort((a, b) => a.id.localeCompare(b.id));
  return (
    <Flex direction="column" gap="4">
      <Text as="p" aria-label="Overall totals">
        {totals.versions} {totals.versions === 1 ? 'version' : 'versions'},
        about {formatMoney(totals.estimatedMonthlyCost, currency)} a month
        {totals.withoutEstimate > 0
          ? ` (at least: ${totals.withoutEstimate} without an estimate)`
          : ''}
        .
      </Text>
      <Flex
        direction="column"
        gap="1"
        aria-label="Totals by Region"
        role="group"
      >
        <Text as="h3" variant="title-x-small">
          By Region
        </Text>
        <Table
          columnConfig={columns}
          data={byRegion}
          pagination={{ type: 'none' }}
        />
      </Flex>
    </Flex>
  );
};
