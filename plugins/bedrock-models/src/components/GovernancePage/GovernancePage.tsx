import { useEffect, useMemo, useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { useApi } from '@backstage/frontend-plugin-api';
import {
  Card,
  CardBody,
  Container,
  Flex,
  Tab,
  TabList,
  TabPanel,
  Tabs,
  Text,
} from '@backstage/ui';
import { bedrockModelsApiRef } from '../../api/BedrockModelsApi';
import { formatDateTime } from '../../format/formatDateTime';
import {
  filterGovernanceRows,
  filterOptions,
  GovernanceFilters,
} from '../../governance/filterGovernanceRows';
import { governanceCsv } from '../../governance/governanceCsv';
import {
  GovernanceSort,
  sortGovernanceRows,
} from '../../governance/sortGovernanceRows';
import { ErrorWithRetry } from '../shared/ErrorWithRetry';
import { LoadingState } from '../shared/LoadingState';
import { NoModelsEmptyState } from '../shared/NoModelsEmptyState';
import { awsReachability } from '../../governance/awsReachability';
import { StaleDataBanner } from '../shared/StaleDataBanner';
import { CostShapeCalculator } from './CostShapeCalculator';
import { downloadCsv } from './downloadCsv';
import { GovernanceFiltersBar } from './GovernanceFiltersBar';
import { GovernanceTable } from './GovernanceTable';
import { GovernanceTotalsView } from './GovernanceTotalsView';
import { RegionByModelView } from './RegionByModelView';
import { useGovernanceData } from './useGovernanceData';

/** How often the empty page looks again while discovery has not run yet. */
const DISCOVERY_POLL_MS = 5_000;

/** Every fine-tune in every account and Region: who owns it, where it runs, who moved it, what it costs. */
export const GovernancePage = () => {
  const api = useApi(bedrockModelsApiRef);
  const data = useGovernanceData();
  // Only the calculator and currency need settings: the rest of the page works without them.
  const settings = useAsyncRetry(() => api.getSettings(), [api]);
  const [filters, setFilters] = useState<GovernanceFilters>({ search: '' });
  const [sort, setSort] = useState<GovernanceSort>({
    column: 'model',
    direction: 'ascending',
  });
  const rows = useMemo(() => data.value?.rows ?? [], [data.value]);
  const options = useMemo(() => filterOptions(rows), [rows]);
  const shown = useMemo(
    () => sortGovernanceRows(filterGovernanceRows(rows, filters), sort),
    [rows, filters, sort],
  );
  const currency = settings.value?.prices.currency ?? 'USD';
  // Right after the portal starts, discovery has not listed AWS yet: look again until it has.
  const awaitingDiscovery =
    data.value !== undefined &&
    data.value.rows.length === 0 &&
    data.value.report.sync.length === 0;
  const { retry } = data;
  useEffect(() => {
    if (!awaitingDiscovery) return undefined;
    const timer = setInterval(retry, DISCOVERY_POLL_MS);
    return () => clearInterval(timer);
  }, [awaitingDiscovery, retry]);

  let content: JSX.Element;
  if (data.loading && !data.value) {
    content = <LoadingState />;
  } else if (data.error) {
    content = (
      <ErrorWithRetry
        title="The governance report cannot be read"
        error={data.error}
        onRetry={data.retry}
      />
    );
  } else if (rows.length === 0) {
    content = (
      <NoModelsEmptyState
        title="No fine-tuned models yet"
        description={
          awaitingDiscovery
            ? 'Discovery has not listed the configured AWS accounts and Regions yet (it runs moments after the portal starts); this page looks again every few seconds. Or import one through the template.'
            : 'Import one through the template, or wait for discovery to find those imported outside the portal.'
        }
      />
    );
  } else {
    const { report } = data.value!;
    const unreachable = awsReachability(report);
    content = (
      <Flex direction="column" gap="4">
        {unreachable && (
          <StaleDataBanner
            since={unreachable.since}
            lastSync={unreachable.lastSync}
            detail={unreachable.detail}
          />
        )}
        <GovernanceFiltersBar
          filters={filters}
          options={options}
          onChange={setFilters}
          shown={shown.length}
          total={rows.length}
          onExport={() =>
            downloadCsv(
              `bedrock-models-${report.generatedAt.slice(0, 10)}.csv`,
              governanceCsv(shown),
            )
          }
        />
        <Tabs>
          <TabList>
            <Tab id="versions">Versions</Tab>
            <Tab id="where">Where they run</Tab>
            <Tab id="totals">Totals</Tab>
            <Tab id="calculator">Cost shape</Tab>
          </TabList>
          <TabPanel id="versions">
            <GovernanceTable
              rows={shown}
              sort={sort}
              onSortChange={setSort}
              currency={currency}
            />
          </TabPanel>
          <TabPanel id="where">
            <RegionByModelView rows={shown} />
          </TabPanel>
          <TabPanel id="totals">
            <GovernanceTotalsView rows={shown} currency={currency} />
          </TabPanel>
          <TabPanel id="calculator">
            <Card>
              <CardBody>
                {settings.value && (
                  <CostShapeCalculator prices={settings.value.prices} />
                )}
                {settings.error && (
                  <ErrorWithRetry
                    title="The prices cannot be read"
                    error={settings.error}
                    onRetry={settings.retry}
                  />
                )}
              </CardBody>
            </Card>
          </TabPanel>
        </Tabs>
        <Text as="p" variant="body-x-small" color="secondary">
          Report generated {formatDateTime(report.generatedAt)}. Filters apply
          to every view and to the CSV export.
        </Text>
      </Flex>
    );
  }
  return <Container>{content}</Container>;
};
