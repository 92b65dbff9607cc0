import { useEffect, useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import useDebounce from 'react-use/esm/useDebounce';
import { alertApiRef, useApi } from '@backstage/frontend-plugin-api';
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
import type { GovernanceReportFilters } from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { bedrockModelsApiRef } from '../../api/BedrockModelsApi';
import { describeError } from '../../api/describeError';
import { formatDateTime } from '../../format/formatDateTime';
import { awsReachability } from '../../governance/awsReachability';
import { activeFilters } from '../../governance/reportFilterChoices';
import { GovernanceSort, reportSortQuery } from '../../governance/reportSort';
import { ErrorWithRetry } from '../shared/ErrorWithRetry';
import { LoadingState } from '../shared/LoadingState';
import { NoModelsEmptyState } from '../shared/NoModelsEmptyState';
import { StaleDataBanner } from '../shared/StaleDataBanner';
import { CostShapeCalculator } from './CostShapeCalculator';
import { downloadCsv } from './downloadCsv';
import { GovernanceFiltersBar } from './GovernanceFiltersBar';
import { GovernanceTable, PAGE_SIZES } from './GovernanceTable';
import { GovernanceTotalsView } from './GovernanceTotalsView';
import { RegionByModelView } from './RegionByModelView';
import { useGovernanceReport } from './useGovernanceReport';

/** How often the empty page looks again while discovery has not run yet. */
const DISCOVERY_POLL_MS = 5_000;

/** How long typing pauses before the search is sent. */
const SEARCH_DEBOUNCE_MS = 300;

/**
 * Every fine-tune in every account and Region: who owns it, where it runs, who moved it, what it costs.
 * The backend filters, sorts, pages and totals the report; the page asks for what it shows.
 */
export const GovernancePage = () => {
  const api = useApi(bedrockModelsApiRef);
  const alertApi = useApi(alertApiRef);
  // The whole report's first row: how many versions there are at all, and how discovery is doing.
  const overview = useGovernanceReport({ limit: '1' });
  // Aliases name production (the first one); prices feed the calculator.
  const settings = useAsyncRetry(() => api.getSettings(), [api]);
  const facets = useAsyncRetry(() => api.getReportFacets(), [api]);
  const [filters, setFilters] = useState<GovernanceReportFilters>({});
  const [search, setSearch] = useState('');
  const [sort, setSort] = useState<GovernanceSort>({
    column: 'model',
    direction: 'ascending',
  });
  const [pageSize, setPageSize] = useState(PAGE_SIZES[0]);
  // The cursor of each page visited: the backend's cursors only go forward.
  const [cursors, setCursors] = useState<Array<string | undefined>>([
    undefined,
  ]);
  const [exporting, setExporting] = useState(false);

  // A cursor belongs to its filters and order: any change starts again at the first page.
  const changeFilters = (next: GovernanceReportFilters) => {
    setFilters(next);
    setCursors([undefined]);
  };
  useDebounce(
    () => {
      if ((filters.q ?? '') !== search)
        changeFilters({ ...filters, q: search });
    },
    SEARCH_DEBOUNCE_MS,
    [search],
  );
  const shownFilters = activeFilters(filters);
  const page = useGovernanceReport({
    ...shownFilters,
    ...reportSortQuery(sort),
    limit: String(pageSize),
    cursor: cursors[cursors.length - 1],
  });

  const currency = settings.value?.prices.currency ?? 'USD';
  const productionAlias = settings.value?.aliases[0] ?? 'the first alias';
  // Right after the portal starts, discovery has not listed AWS yet: look again until it has.
  const awaitingDiscovery =
    overview.value !== undefined &&
    overview.value.totalCount === 0 &&
    overview.value.sync.length === 0;
  const { retry: retryOverview } = overview;
  const { retry: retryPage } = page;
  useEffect(() => {
    if (!awaitingDiscovery) return undefined;
    const timer = setInterval(() => {
      retryOverview();
      retryPage();
    }, DISCOVERY_POLL_MS);
    return () => clearInterval(timer);
  }, [awaitingDiscovery, retryOverview, retryPage]);

  const exportCsv = async () => {
    setExporting(true);
    try {
      const csv = await api.getReportCsv(shownFilters);
      const day = (
        overview.value?.generatedAt ?? new Date().toISOString()
      ).slice(0, 10);
      downloadCsv(`bedrock-models-${day}.csv`, csv);
    } catch (error) {
      alertApi.post({
        message: `The CSV could not be exported: ${describeError(
          error as Error,
        )}`,
        severity: 'error',
      });
    } finally {
      setExporting(false);
    }
  };

  let content: JSX.Element;
  if (overview.loading && !overview.value) {
    content = <LoadingState />;
  } else if (overview.error) {
    content = (
      <ErrorWithRetry
        title="The governance report cannot be read"
        error={overview.error}
        onRetry={overview.retry}
      />
    );
  } else if (overview.value!.totalCount === 0) {
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
    const report = overview.value!;
    const unreachable = awsReachability(report);
    const shown = page.value;
    const offset = (cursors.length - 1) * pageSize;
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
          search={search}
          onSearchChange={setSearch}
          facets={facets.value}
          onChange={changeFilters}
          onClear={() => {
            setSearch('');
            changeFilters({});
          }}
          shown={shown?.totalCount}
          total={report.totalCount}
          productionAlias={productionAlias}
          onExport={exportCsv}
          exporting={exporting}
        />
        <Tabs>
          <TabList>
            <Tab id="versions">Versions</Tab>
            <Tab id="where">Where they run</Tab>
            <Tab id="totals">Totals</Tab>
            <Tab id="calculator">Cost shape</Tab>
          </TabList>
          <TabPanel id="versions">
            {page.error ? (
              <ErrorWithRetry
                title="The governance report cannot be read"
                error={page.error}
                onRetry={page.retry}
              />
            ) : (
              <GovernanceTable
                rows={shown?.rows ?? []}
                sort={sort}
                onSortChange={next => {
                  setSort(next);
                  setCursors([undefined]);
                }}
                paging={{
                  offset,
                  pageSize,
                  totalCount: shown?.totalCount ?? 0,
                  hasNextPage: Boolean(shown?.nextCursor),
                  onNextPage: () => setCursors([...cursors, shown?.nextCursor]),
                  onPreviousPage: () => setCursors(cursors.slice(0, -1)),
                  onPageSizeChange: size => {
                    setPageSize(size);
                    setCursors([undefined]);
                  },
                }}
                currency={currency}
                productionAlias={productionAlias}
              />
            )}
          </TabPanel>
          <TabPanel id="where">
            <RegionByModelView
              filters={shownFilters}
              productionAlias={productionAlias}
            />
          </TabPanel>
          <TabPanel id="totals">
            {shown && (
              <GovernanceTotalsView totals={shown.totals} currency={currency} />
            )}
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
          to every view and to the CSV export, which the portal writes with
          every matching version.
        </Text>
      </Flex>
    );
  }
  return <Container>{content}</Container>;
};
