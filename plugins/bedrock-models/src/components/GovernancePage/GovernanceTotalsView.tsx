import { CellText, ColumnConfig, Flex, Table, Text } from '@backstage/ui';
import { formatMoney } from '../../format/formatMoney';
import type { GovernanceRow } from '../../governance/governanceRows';
import {
  GovernanceTotal,
  governanceTotals,
} from '../../governance/governanceTotals';

function totalColumns(
  keyLabel: string,
  currency: string,
): ColumnConfig<GovernanceTotal & { id: string }>[] {
  return [
    {
      id: 'key',
      label: keyLabel,
      isRowHeader: true,
      cell: t => <CellText title={t.key} />,
    },
    {
      id: 'models',
      label: 'Models',
      cell: t => <CellText title={`${t.models}`} />,
    },
    {
      id: 'liveVersions',
      label: 'Live versions',
      cell: t => <CellText title={`${t.liveVersions}`} />,
    },
    {
      id: 'inProduction',
      label: 'In production',
      cell: t => <CellText title={`${t.inProduction}`} />,
    },
    {
      id: 'cost',
      label: 'Est. monthly cost',
      cell: t => (
        <CellText
          title={formatMoney(t.estimatedMonthlyCost, currency)}
          description={
            t.versionsWithoutCost > 0
              ? `at least: ${t.versionsWithoutCost} without a figure`
              : undefined
          }
        />
      ),
    },
  ];
}

/** Models, live versions, production pointers and estimated monthly cost per team and per Region. */
export const GovernanceTotalsView = (props: {
  rows: GovernanceRow[];
  currency: string;
}) => {
  const totals = governanceTotals(props.rows);
  const withId = (list: GovernanceTotal[]) =>
    list.map(t => ({ ...t, id: t.key }));
  return (
    <Flex direction="column" gap="4">
      <Text as="p" aria-label="Overall totals">
        {totals.overall.models} models, {totals.overall.liveVersions} live
        versions, {totals.overall.inProduction} serving production, about{' '}
        {formatMoney(totals.overall.estimatedMonthlyCost, props.currency)} a
        month.
      </Text>
      <Flex direction="column" gap="1" aria-label="Totals by team" role="group">
        <Text as="h3" variant="title-x-small">
          By team
        </Text>
        <Table
          columnConfig={totalColumns('Team', props.currency)}
          data={withId(totals.byTeam)}
          pagination={{ type: 'none' }}
        />
      </Flex>
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
          columnConfig={totalColumns('Region', props.currency)}
          data={withId(totals.byRegion)}
          pagination={{ type: 'none' }}
        />
      </Flex>
    </Flex>
  );
};
