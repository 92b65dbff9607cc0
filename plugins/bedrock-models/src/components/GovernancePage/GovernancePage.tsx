import { useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import useDebounce from 'react-use/esm/useDebounce';
import { alertApiRef, useApi } from '@backstage/frontend-plugin-api';
import {
  Button,
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
import type {
  AttentionItem,
  GovernanceReportFilters,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { bedrockModelsApiRef } from '../../api/BedrockModelsApi';
import { describeError } from '../../api/describeError';
import { formatDateTime } from '../../format/formatDateTime';
import { awsReachability } from '../../governance/awsReachability';
import {
  GovernanceUrlState,
  GovernanceView,
  readGovernanceUrl,
  reportPageQuery,
  viewOfAttentionItem,
  writeGovernanceUrl,
} from '../../governance/governanceUrlState';
import { activeFilters } from '../../governance/reportFilterChoices';
import { shownColumns } from '../../governance/reportColumns';
import { useAccountNames } from '../../names/useAccountNames';
import { useEntityDisplayNames } from '../../names/useEntityDisplayNames';
import { ErrorWithRetry } from '../shared/ErrorWithRetry';
import { LoadingState } from '../shared/LoadingState';
import { NoModelsEmptyState } from '../shared/NoModelsEmptyState';
import { StaleDataBanner } from '../shared/StaleDataBanner';
import { AttentionView } from './AttentionView';
import { AuditTrailView } from './AuditTrailView';
import { ColumnChooser } from './ColumnChooser';
import { CostShapeCalculator } from './CostShapeCalculator';
import { downloadCsv } from './downloadCsv';
import { GovernanceFiltersBar } from './GovernanceFiltersBar';
import { GovernanceTable } from './GovernanceTable';
import { GovernanceTotalsView } from './GovernanceTotalsView';
import { RegionByModelView } from './RegionByModelView';
import { useGovernanceReport } from './useGovernanceReport';
import { useRememberedColumns } from './useRememberedColumns';

/** How often the empty page looks again while discovery has not run yet. */
const DISCOVERY_POLL_MS = 5_000;

/** How long typing pauses before the search is sent. */
const SEARCH_DEBOUNCE_MS = 300;

/** The views over the report, which its filters apply to. */
const REPORT_VIEWS: readonly GovernanceView[] = [
  'versions',
  'where',
  'totals',
  'cost',
];

/**
 * Every fine-tune in every account and Region: what needs attention, who owns each version, where it runs,
 * who moved it, what it costs, and the audit trail of every change. The backend filters, sorts, pages and
 * totals the report; the page asks for what it shows. Everything it shows (view, filters, order, page,
 * columns) is in its URL, so a link brings the same view back.
 */
export const GovernancePage = () => {
  const api = useApi(bedrockModelsApiRef);
  const alertApi = useApi(alertApiRef);
  const [searchParams, setSearchParams] = useSearchParams();
  const state = readGovernanceUrl(searchParams);
  // The URL changes synchronously: every change builds on the state the page shows. (A transition
  // would let a click's report request leave before the app re-renders, but a second change before
  // that render would build on a stale state and undo the first.)
  const update = (
    patch: Partial<GovernanceUrlState>,
    options: { replace?: boolean } = {},
  ) =>
    setSearchParams(writeGovernanceUrl({ ...state, ...patch }), {
      replace: options.replace,
    });
  const [columns, setColumns] = useRememberedColumns(state.columns, chosen =>
    update({ columns: chosen }, { replace: true }),
  );

  // The whole report's first row: how many versions there are at all, and how discovery is doing.
  const overview = useGovernanceReport({ limit: '1' });
  // Aliases name production (the first one); prices feed the calculator; accounts have aliases.
  const settings = useAsyncRetry(() => api.getSettings(), [api]);
  const facets = useAsyncRetry(() => api.getReportFacets(), [api]);
  const accountName = useAccountNames();
  const [search, setSearch] = useState(state.filters.q ?? '');
  const [exporting, setExporting] = useState(false);

  // A cursor belongs to its filters and order: any change starts again at the first page.
  const changeFilters = (
    filters: GovernanceReportFilters,
    options?: { replace?: boolean },
  ) => update({ filters, cursors: [] }, options);
  // The search this page last put in the URL: the field follows the URL only when something else
  // changed it (a link, Back, Clear filters), never while the user is still typing.
  const searchSent = useRef(state.filters.q ?? '');
  useDebounce(
    () => {
      const typed = search.trim();
      if ((state.filters.q ?? '') !== typed) {
        searchSent.current = typed;
        changeFilters(
          { ...state.filters, q: typed || undefined },
          { replace: true },
        );
      }
    },
    SEARCH_DEBOUNCE_MS,
    [search],
  );
  const urlSearch = state.filters.q ?? '';
  useEffect(() => {
    if (urlSearch !== searchSent.current) {
      searchSent.current = urlSearch;
      setSearch(urlSearch);
    }
  }, [urlSearch]);

  const shownFilters = activeFilters(state.filters);
  const reportView = REPORT_VIEWS.includes(state.view);
  const page = useGovernanceReport(reportPageQuery(state));
  const displayName = useEntityDisplayNames([
    ...(facets.value?.owner ?? []),
    ...(page.value?.rows ?? []).flatMap(r => [
      r.owner,
      r.lastPromotedBy,
      r.createdBy,
    ]),
    ...Object.keys(page.value?.totals.byOwner ?? {}),
  ]);

  const currency = settings.value?.prices.currency ?? 'USD';
  const productionAlias = settings.value?.aliases[0] ?? 'production';
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

  const today = (overview.value?.generatedAt ?? new Date().toISOString()).slice(
    0,
    10,
  );
  const exportCsv = async () => {
    setExporting(true);
    try {
      const csv = await api.getReportCsv({
        ...shownFilters,
        sort: state.order.sort,
        order: state.order.order,
      });
      downloadCsv(`bedrock-models-${today}.csv`, csv);
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
  // Where one click on an attention item leads: the versions it is about, or where they run for quotas.
  const hrefOfAttention = (item: AttentionItem) => {
    const target: GovernanceUrlState =
      item.kind === 'quota'
        ? { ...state, view: 'where', filters: {}, cursors: [] }
        : {
            ...state,
            ...viewOfAttentionItem(item.filters),
            view: 'versions',
            cursors: [],
          };
    return `?${writeGovernanceUrl(target).toString()}`;
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
    const offset = state.cursors.length * state.pageSize;
    const versionsActions = state.view === 'versions' && (
      <>
        <ColumnChooser
          columns={columns}
          onChange={setColumns}
          productionAlias={productionAlias}
        />
        <Button
          size="small"
          variant="secondary"
          onPress={exportCsv}
          isPending={exporting}
          isDisabled={shown?.totalCount === 0}
        >
          Export CSV
        </Button>
      </>
    );
    // The filters of the views over the report, above each of them (RAC's Tabs builds its collection
    // from its children, so nothing but tabs and panels goes between them).
    const filtersBar = (
      <GovernanceFiltersBar
        filters={state.filters}
        search={search}
        onSearchChange={setSearch}
        facets={facets.value}
        onChange={filters => changeFilters(filters)}
        onClear={() => {
          setSearch('');
          changeFilters({});
        }}
        shown={shown?.totalCount}
        total={report.totalCount}
        productionAlias={productionAlias}
        displayName={displayName}
        accountName={accountName}
        actions={versionsActions}
      />
    );
    const reportPanel = (children: React.ReactNode) => (
      <Flex direction="column" gap="3">
        {filtersBar}
        {children}
      </Flex>
    );
    content = (
      <Flex direction="column" gap="4">
        {unreachable && (
          <StaleDataBanner
            since={unreachable.since}
            lastSync={unreachable.lastSync}
            detail={unreachable.detail}
          />
        )}
        <Tabs
          selectedKey={state.view}
          onSelectionChange={key =>
            update({ view: String(key) as GovernanceView })
          }
        >
          <TabList aria-label="Governance views">
            <Tab id="attention">Attention</Tab>
            <Tab id="versions">Versions</Tab>
            <Tab id="where">Where they run</Tab>
            <Tab id="totals">Totals</Tab>
            <Tab id="cost">Cost shape</Tab>
            <Tab id="audit">Audit trail</Tab>
          </TabList>
          <TabPanel id="attention">
            <AttentionView
              idleDays={state.attentionIdleDays}
              onIdleDaysChange={days =>
                update({ attentionIdleDays: days }, { replace: true })
              }
              currency={currency}
              hrefOf={hrefOfAttention}
              accountName={accountName}
            />
          </TabPanel>
          <TabPanel id="versions">
            {reportPanel(
              <>
                {page.error ? (
                  <ErrorWithRetry
                    title="The governance report cannot be read"
                    error={page.error}
                    onRetry={page.retry}
                  />
                ) : (
                  <GovernanceTable
                    rows={shown?.rows}
                    loading={page.loading}
                    order={state.order}
                    onOrderChange={order => update({ order, cursors: [] })}
                    paging={{
                      offset,
                      pageSize: state.pageSize,
                      totalCount: shown?.totalCount ?? 0,
                      hasNextPage: Boolean(shown?.nextCursor),
                      onNextPage: () =>
                        shown?.nextCursor &&
                        update({
                          cursors: [...state.cursors, shown.nextCursor],
                        }),
                      onPreviousPage: () =>
                        update({ cursors: state.cursors.slice(0, -1) }),
                      onPageSizeChange: size =>
                        update({ pageSize: size, cursors: [] }),
                    }}
                    columns={shownColumns(columns)}
                    currency={currency}
                    productionAlias={productionAlias}
                    displayName={displayName}
                    accountName={accountName}
                  />
                )}
              </>,
            )}
          </TabPanel>
          <TabPanel id="where">
            {reportPanel(
              <>
                <RegionByModelView
                  filters={shownFilters}
                  productionAlias={productionAlias}
                  displayName={displayName}
                />
              </>,
            )}
          </TabPanel>
          <TabPanel id="totals">
            {reportPanel(
              <>
                {page.error && (
                  <ErrorWithRetry
                    title="The totals cannot be read"
                    error={page.error}
                    onRetry={page.retry}
                  />
                )}
                {shown && (
                  <GovernanceTotalsView
                    totals={shown.totals}
                    currency={currency}
                    productionAlias={productionAlias}
                    displayName={displayName}
                  />
                )}
              </>,
            )}
          </TabPanel>
          <TabPanel id="cost">
            {reportPanel(
              <>
                <Card>
                  <CardBody>
                    {settings.value && (
                      <CostShapeCalculator
                        prices={settings.value.prices}
                        keepWarm={settings.value.keepWarm}
                        totals={shown?.totals}
                        regionFilter={shownFilters.region}
                      />
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
              </>,
            )}
          </TabPanel>
          <TabPanel id="audit">
            <AuditTrailView
              filters={state.audit.filters}
              onFiltersChange={filters =>
                update({ audit: { filters, cursors: [] } })
              }
              cursors={state.audit.cursors}
              onCursorsChange={cursors =>
                update({ audit: { ...state.audit, cursors } })
              }
              facets={facets.value}
              accountName={accountName}
              today={today}
            />
          </TabPanel>
        </Tabs>
        <Text as="p" variant="body-x-small" color="secondary">
          Report generated {formatDateTime(report.generatedAt)}.{' '}
          {reportView
            ? 'The filters apply to the versions, where they run, the totals, the cost shape and the CSV export (every matching version, in the table’s order).'
            : ''}{' '}
          The address of this page keeps the view, its filters, order and page:
          share it to show the same.
        </Text>
      </Flex>
    );
  }
  return <Container>{content}</Container>;
};
