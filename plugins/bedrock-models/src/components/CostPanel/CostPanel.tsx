import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { useApi } from '@backstage/frontend-plugin-api';
import {
  CellText,
  ColumnConfig,
  Flex,
  Grid,
  Skeleton,
  Table,
  Text,
} from '@backstage/ui';
import type { VersionCost } from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { bedrockModelsApiRef } from '../../api/BedrockModelsApi';
import { formatMoney } from '../../format/formatMoney';
import { ErrorWithRetry } from '../shared/ErrorWithRetry';
import { CostChart } from './CostChart';
import { dailyCostByVersion } from './dailyCostByVersion';

const PERIOD_DAYS = 30;

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

/** The last 30 days' cost of a model: per version and day, compute and storage, and a monthly projection. */
export const CostPanel = (props: { modelName: string; now?: () => Date }) => {
  const api = useApi(bedrockModelsApiRef);
  const { modelName } = props;
  const report = useAsyncRetry(() => {
    const to = props.now?.() ?? new Date();
    const from = new Date(to.getTime() - PERIOD_DAYS * 24 * 3600_000);
    return api.getModelCost({
      modelName,
      from: from.toISOString(),
      to: to.toISOString(),
    });
  }, [api, modelName]);

  if (report.loading && !report.value)
    return <Skeleton width="100%" height={160} />;
  if (report.error) {
    return (
      <ErrorWithRetry
        title="The cost cannot be read"
        error={report.error}
        onRetry={report.retry}
      />
    );
  }
  const cost = report.value!;
  const currency = cost.prices.currency;
  const chart = dailyCostByVersion(cost);
  const columns: ColumnConfig<VersionCost & { id: string }>[] = [
    {
      id: 'version',
      label: 'Version',
      isRowHeader: true,
      cell: v => <CellText title={`v${v.version}`} description={v.region} />,
    },
    {
      id: 'compute',
      label: 'Compute',
      cell: v => <CellText title={formatMoney(v.compute, currency)} />,
    },
    {
      id: 'storage',
      label: 'Storage',
      cell: v => <CellText title={formatMoney(v.storage, currency)} />,
    },
    {
      id: 'total',
      label: 'Total',
      cell: v => (
        <CellText
          title={formatMoney(v.total, currency)}
          description={v.notes.join(' ') || undefined}
        />
      ),
    },
  ];
  return (
    <Flex direction="column" gap="3">
      <Grid.Root columns={{ initial: '2', md: '4' }} gap="3">
        <Figure
          label="Compute"
          value={formatMoney(cost.totals.compute, currency)}
        />
        <Figure
          label="Storage"
          value={formatMoney(cost.totals.storage, currency)}
        />
        <Figure
          label={`Total, last ${PERIOD_DAYS} days`}
          value={formatMoney(cost.totals.total, currency)}
        />
        <Figure
          label="Monthly projection"
          value={formatMoney(cost.monthlyProjection, currency)}
        />
      </Grid.Root>
      {chart.days.length > 0 ? (
        <CostChart {...chart} currency={currency} />
      ) : (
        <Text color="secondary">No cost recorded in the period.</Text>
      )}
      <Table
        columnConfig={columns}
        data={cost.versions.map(v => ({
          ...v,
          id: `${v.version}-${v.region}`,
        }))}
        pagination={{ type: 'none' }}
      />
      <Text as="p" variant="body-x-small" color="secondary">
        Compute is billed per running copy in 5-minute windows (CloudWatch
        ModelCopy × CMUs per copy × the CMU-minute price), storage per CMU per
        month. Prices: {cost.prices.source}.
      </Text>
    </Flex>
  );
};
