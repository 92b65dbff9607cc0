import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  registerMswTestHooks,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { useLocation } from 'react-router-dom';
import { compareCostShapes } from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import {
  aReportRow,
  aSyncState,
  governanceReport,
  governanceRows,
} from '../../__testUtils__/governanceFixtures';
import { governanceHandlers } from '../../__testUtils__/governanceHandlers';
import { portalSettings } from '../../__testUtils__/modelFixtures';
import { API, errorBody, testApis } from '../../__testUtils__/testApis';
import { attentionSummary } from '../../__testUtils__/attentionFixtures';
import { auditHandlers } from '../../__testUtils__/auditHandlers';
import { GovernancePage } from './GovernancePage';

const mountedRoutes = { '/catalog/:namespace/:kind/:name': entityRouteRef };

// A client of its own per test: the settings answer is reused for a minute. The page opens on the
// versions view unless a test says otherwise (its default view is Attention).
const options = (url = '/bedrock-models?view=versions') => ({
  ...testApis(),
  mountedRoutes,
  initialRouteEntries: [url],
});

/** Shows the page's URL, as a shared link would carry it. */
const LocationProbe = () => {
  const location = useLocation();
  return <output data-testid="location">{location.search}</output>;
};
const urlParams = () =>
  new URLSearchParams(screen.getByTestId('location').textContent ?? '');

const Page = () => (
  <>
    <GovernancePage />
    <LocationProbe />
  </>
);

function bodyRows() {
  const [, ...rows] = within(screen.getByRole('grid')).getAllByRole('row');
  return rows;
}

const rowHeaders = () =>
  within(screen.getByRole('grid'))
    .getAllByRole('rowheader')
    .map(cell => cell.textContent);

async function choose(label: string, option: string) {
  // A select's trigger is named by its value, then its label.
  await userEvent.click(
    screen.getByRole('button', { name: new RegExp(` ${label}$`) }),
  );
  await userEvent.click(await screen.findByRole('option', { name: option }));
}

describe('GovernancePage', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  it('lists the versions the backend answers: owner by display name, cost, production, last call, status, Region with account alias, class, last move, managed', async () => {
    server.use(
      http.get(`${API}/settings`, () =>
        HttpResponse.json({
          ...portalSettings(),
          accounts: [
            ...portalSettings().accounts,
            { accountId: '444455556666', alias: 'ml-sandbox', regions: [] },
          ],
        }),
      ),
      ...governanceHandlers(() =>
        governanceReport({
          rows: governanceRows().map(r =>
            r.model === 'claims-summarizer' && r.version === 2
              ? {
                  ...r,
                  invocations30d: 1520,
                  lastInvokedAt: '2026-11-19T14:00:00.000Z',
                  residencyViolation: true,
                }
              : r,
          ),
        }),
      ),
    );
    renderInTestApp(<Page />, options());

    expect(await screen.findByText('6 of 6 versions')).toBeInTheDocument();
    const rows = bodyRows();
    expect(rows).toHaveLength(6);
    const claims = within(rows[1]);
    expect(claims.getByText('claims-summarizer')).toBeInTheDocument();
    expect(
      claims.getByRole('link', { name: /claims-summarizer/ }),
    ).toHaveAttribute('href', '/catalog/default/resource/claims-summarizer');
    expect(await claims.findByText('Claims AI')).toBeInTheDocument();
    expect(claims.getByText('group:default/claims')).toBeInTheDocument();
    expect(claims.getByText('phi')).toBeInTheDocument();
    expect(claims.getByText('Carol Claims')).toBeInTheDocument();
    expect(claims.getByText('2026-11-10 09:00 UTC')).toBeInTheDocument();
    expect(claims.getByText('$1,200.00')).toBeInTheDocument();
    expect(claims.getByText('2026-11-19 14:00 UTC')).toBeInTheDocument();
    expect(claims.getByText('1,520 calls in 30 days')).toBeInTheDocument();
    expect(
      claims.getByText('Region not allowed for its class'),
    ).toBeInTheDocument();
    expect(claims.getByText('this version')).toBeInTheDocument();
    const unmanaged = within(rows[2]);
    expect(await unmanaged.findByText('ml-sandbox')).toBeInTheDocument();
    expect(unmanaged.getByText('us-west-2')).toBeInTheDocument();
    expect(unmanaged.getByText('none')).toBeInTheDocument();
    expect(unmanaged.getByText('no')).toBeInTheDocument();
    expect(unmanaged.getByText('no pointer')).toBeInTheDocument();
  });

  it('keeps the model column in place while the table scrolls sideways, and offers every sort the backend has', async () => {
    server.use(...governanceHandlers());
    renderInTestApp(<Page />, options());
    await screen.findByText('6 of 6 versions');

    const modelHeader = screen.getByRole('columnheader', { name: /^Model/ });
    expect(modelHeader).toHaveStyle({ position: 'sticky', left: '0px' });
    for (const cell of within(screen.getByRole('grid')).getAllByRole(
      'rowheader',
    )) {
      expect(cell).toHaveStyle({ position: 'sticky', left: '0px' });
    }
    const headers = within(screen.getByRole('grid'))
      .getAllByRole('columnheader')
      .map(h => h.textContent);
    expect(headers).toEqual([
      'Model',
      'Version',
      'Owner',
      'Cost / month',
      'Production',
      'Last invoked',
      'Status',
      'Region',
      'Class',
      'Last promoted',
      'Managed',
    ]);
    for (const header of within(screen.getByRole('grid')).getAllByRole(
      'columnheader',
    )) {
      expect(header).toHaveAttribute('aria-sort');
    }
  });

  it("has the backend filter by each column and by search, offering the report's facets", async () => {
    const handlers = governanceHandlers();
    server.use(...handlers);
    renderInTestApp(<Page />, options());
    await screen.findByText('6 of 6 versions');

    await choose('Classification', 'internal');
    expect(await screen.findByText('3 of 6 versions')).toBeInTheDocument();
    await choose('Region', 'eu-central-1');
    expect(await screen.findByText('1 of 6 versions')).toBeInTheDocument();
    expect(rowHeaders()).toEqual([
      expect.stringContaining('support-assistant'),
    ]);
    expect(Object.fromEntries(handlers.queries.at(-1)!)).toMatchObject({
      classification: 'internal',
      region: 'eu-central-1',
    });
  });

  it('asks for the rows of each filter change once', async () => {
    const handlers = governanceHandlers();
    server.use(...handlers);
    renderInTestApp(<Page />, options());
    await screen.findByText('6 of 6 versions');
    // The overview (one row, for the totals and discovery) is not the page of rows.
    const pageQueries = () =>
      handlers.queries.filter(q => q.get('limit') !== '1');
    const before = pageQueries().length;

    await choose('Region', 'eu-central-1');
    expect(await screen.findByText('1 of 6 versions')).toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('button', { name: 'Clear filters' }),
    );
    expect(await screen.findByText('6 of 6 versions')).toBeInTheDocument();

    expect(
      pageQueries()
        .slice(before)
        .map(q => q.get('region')),
    ).toEqual(['eu-central-1', null]);
  });

  it('has the backend filter by managed and account, kept in the URL', async () => {
    const handlers = governanceHandlers();
    server.use(...handlers);
    renderInTestApp(<Page />, options());
    await screen.findByText('6 of 6 versions');

    await choose('Managed', 'Imported outside it');
    await waitFor(() =>
      expect(rowHeaders()).toEqual([expect.stringContaining('code-reviewer')]),
    );
    await choose('Account', '444455556666');
    expect(Object.fromEntries(handlers.queries.at(-1)!)).toMatchObject({
      managed: 'unmanaged',
      account: '444455556666',
    });
    expect(urlParams().get('account')).toBe('444455556666');
  });

  it('has the backend search, and list the versions no pointer names, kept in the URL', async () => {
    const handlers = governanceHandlers();
    server.use(...handlers);
    renderInTestApp(<Page />, options());
    await screen.findByText('6 of 6 versions');

    await userEvent.type(
      screen.getByRole('searchbox', { name: 'Search' }),
      'carol',
    );
    await waitFor(() => expect(urlParams().get('q')).toBe('carol'));
    expect(await screen.findByText('2 of 6 versions')).toBeInTheDocument();
    expect(handlers.queries.at(-1)!.get('q')).toBe('carol');
    expect(screen.getByRole('searchbox', { name: 'Search' })).toHaveValue(
      'carol',
    );

    await userEvent.click(
      screen.getByRole('button', { name: 'Clear filters' }),
    );
    await choose('Pointers', 'Named by no pointer');
    await waitFor(() =>
      expect(handlers.queries.at(-1)!.get('named')).toBe('unnamed'),
    );
    expect(urlParams().get('named')).toBe('unnamed');
    // The retired claims-summarizer v1, the unmanaged code-reviewer and support-assistant v1.
    expect(await screen.findByText('3 of 6 versions')).toBeInTheDocument();
  });

  it('names the production filter and column after the first configured alias', async () => {
    const handlers = governanceHandlers();
    server.use(
      http.get(`${API}/settings`, () =>
        HttpResponse.json({ ...portalSettings(), aliases: ['live', 'canary'] }),
      ),
      ...handlers,
    );
    renderInTestApp(<Page />, options());
    await screen.findByText('6 of 6 versions');

    expect(
      await screen.findByRole('columnheader', { name: /^Live/ }),
    ).toBeInTheDocument();
    await choose('Live', 'Serves live');
    await waitFor(() =>
      expect(handlers.queries.at(-1)!.get('production')).toBe('serving'),
    );
  });

  it('has the backend sort by a column when its header is pressed, from the first page', async () => {
    const handlers = governanceHandlers();
    server.use(...handlers);
    renderInTestApp(<Page />, options());
    await screen.findByText('6 of 6 versions');

    await userEvent.click(
      screen.getByRole('columnheader', { name: /Cost \/ month/ }),
    );
    await waitFor(() =>
      expect(Object.fromEntries(handlers.queries.at(-1)!)).toMatchObject({
        sort: 'cost',
        order: 'asc',
      }),
    );
    expect(handlers.queries.at(-1)!.get('cursor')).toBeNull();
    expect(urlParams().get('sort')).toBe('cost');

    await userEvent.click(
      screen.getByRole('columnheader', { name: /Last invoked/ }),
    );
    await waitFor(() =>
      expect(handlers.queries.at(-1)!.get('sort')).toBe('lastInvokedAt'),
    );
    await userEvent.click(
      screen.getByRole('columnheader', { name: /Production/ }),
    );
    await waitFor(() =>
      expect(handlers.queries.at(-1)!.get('sort')).toBe('productionVersion'),
    );
  });

  it("pages through the backend's pages with its cursors, forward and back", async () => {
    const rows = Array.from({ length: 30 }, (_, i) =>
      aReportRow({ model: `model-${String(i).padStart(2, '0')}` }),
    );
    const handlers = governanceHandlers(() => governanceReport({ rows }));
    server.use(...handlers);
    renderInTestApp(<Page />, options());
    await screen.findByText('30 of 30 versions');
    expect(rowHeaders()).toHaveLength(25);

    await userEvent.click(screen.getByRole('button', { name: /next/i }));
    await waitFor(() => expect(rowHeaders()).toHaveLength(5));
    expect(rowHeaders()[0]).toContain('model-25');
    expect(handlers.queries.at(-1)!.get('cursor')).toBe('25');
    // The page is in the URL: a shared link opens on the same page.
    expect(urlParams().getAll('cursor')).toEqual(['25']);

    await userEvent.click(screen.getByRole('button', { name: /previous/i }));
    await waitFor(() => expect(rowHeaders()).toHaveLength(25));
    expect(handlers.queries.at(-1)!.get('cursor')).toBeNull();
  });

  it("exports the backend's CSV of the versions the filters let through, as a file", async () => {
    const handlers = governanceHandlers();
    server.use(...handlers);
    const blobs: Blob[] = [];
    const createObjectURL = jest.fn((blob: Blob) => {
      blobs.push(blob);
      return 'blob:report';
    });
    Object.assign(URL, { createObjectURL, revokeObjectURL: jest.fn() });
    // jsdom cannot navigate; record which file the browser would have saved.
    const saved: string[] = [];
    const click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(function record(this: HTMLAnchorElement) {
        saved.push(this.download);
      });
    renderInTestApp(<Page />, options());
    await screen.findByText('6 of 6 versions');

    await choose('Owner', 'Support ML');
    await screen.findByText('3 of 6 versions');
    await userEvent.click(
      screen.getByRole('columnheader', { name: /Cost \/ month/ }),
    );
    await waitFor(() => expect(urlParams().get('sort')).toBe('cost'));
    await userEvent.click(screen.getByRole('button', { name: 'Export CSV' }));

    await waitFor(() =>
      expect(saved).toEqual(['bedrock-models-2026-11-20.csv']),
    );
    click.mockRestore();
    const csvQuery = handlers.queries.find(q => q.get('format') === 'csv')!;
    expect(Object.fromEntries(csvQuery)).toEqual({
      owner: 'group:default/support-ml',
      sort: 'cost',
      order: 'asc',
      format: 'csv',
    });
    const csv = (await blobs[0].text()).replace(/^\ufeff/, '');
    const lines = csv.trim().split('\r\n');
    expect(lines[0].startsWith('model,version,owner')).toBe(true);
    expect(lines.slice(1).map(l => l.split(',').slice(0, 2).join(' '))).toEqual(
      ['support-assistant 1', 'support-assistant 2', 'support-assistant 5'],
    );
  });

  it('says why the export failed', async () => {
    server.use(
      http.get(`${API}/report`, ({ request }) =>
        new URL(request.url).searchParams.get('format') === 'csv'
          ? HttpResponse.json(errorBody(503, 'Error', 'Restarting'), {
              status: 503,
            })
          : undefined,
      ),
      ...governanceHandlers(),
    );
    const { alertApi, apis } = testApis();
    renderInTestApp(<Page />, {
      apis,
      mountedRoutes,
      initialRouteEntries: ['/bedrock-models?view=versions'],
    });
    await screen.findByText('6 of 6 versions');

    await userEvent.click(screen.getByRole('button', { name: 'Export CSV' }));

    await waitFor(() =>
      expect(alertApi.getAlerts()).toEqual([
        expect.objectContaining({
          message: 'The CSV could not be exported: Restarting',
          severity: 'error',
        }),
      ]),
    );
  });

  it('shows which fine-tunes run where, by Region and model, from every matching row', async () => {
    server.use(...governanceHandlers());
    renderInTestApp(<Page />, options());
    await screen.findByText('6 of 6 versions');

    await userEvent.click(screen.getByRole('tab', { name: 'Where they run' }));
    const grid = await screen.findByRole('grid');
    expect(
      within(grid)
        .getAllByRole('columnheader')
        .map(h => h.textContent),
    ).toEqual(['Model', 'eu-central-1', 'us-east-1', 'us-west-2']);
    const support = within(
      within(grid)
        .getByRole('rowheader', { name: /support-assistant/ })
        .closest('[role=row]') as HTMLElement,
    );
    expect(support.getByText('production v5')).toBeInTheDocument();
    expect(support.getByText('production v2')).toBeInTheDocument();
    expect(support.getByText('versions 1, 2')).toBeInTheDocument();
  });

  it("shows the backend's totals of the matching versions: counts, and cost by owner and by Region", async () => {
    server.use(...governanceHandlers());
    renderInTestApp(<Page />, options());
    await screen.findByText('6 of 6 versions');

    await userEvent.click(screen.getByRole('tab', { name: 'Totals' }));
    expect(await screen.findByLabelText('Overall totals')).toHaveTextContent(
      '6 versions of 3 models, about $1,712.50 a month (at least: 2 without an estimate).',
    );
    expect(screen.getByLabelText('Models')).toHaveTextContent('3');
    expect(screen.getByLabelText('Live versions')).toHaveTextContent('5');
    expect(screen.getByLabelText('Serving production')).toHaveTextContent('3');
    const byRegion = within(screen.getByRole('group', { name: 'By Region' }));
    expect(byRegion.getByText('$1,622.50')).toBeInTheDocument();
    const byOwner = within(screen.getByRole('group', { name: 'By owner' }));
    const support = within(
      byOwner
        .getByRole('rowheader', { name: /Support ML/ })
        .closest('[role=row]') as HTMLElement,
    );
    expect(support.getByText('$512.50')).toBeInTheDocument();
    expect(support.getByText('30%')).toBeInTheDocument();
    expect(urlParams().get('view')).toBe('totals');
  });

  it('compares on-demand CMUs with always-on for a traffic pattern, with the configured prices', async () => {
    server.use(...governanceHandlers());
    renderInTestApp(<Page />, options());
    await screen.findByText('6 of 6 versions');

    await userEvent.click(screen.getByRole('tab', { name: 'Cost shape' }));
    const hours = await screen.findByRole('textbox', {
      name: 'Active hours per day',
    });
    await userEvent.clear(hours);
    await userEvent.type(hours, '4');
    await userEvent.tab();

    const prices = portalSettings().prices;
    const expected = compareCostShapes({
      activeHoursPerDay: 4,
      activeDaysPerMonth: 22,
      copiesWhenActive: 1,
      cmusPerCopy: 2,
      pricePerCmuMinute: prices.cmuMinute['us-east-1'],
      pricePerCmuMonthStorage: prices.storageCmuMonth,
      alwaysOnHourly: prices.alwaysOnHourly['us-east-1'],
    });
    const money = (n: number) =>
      `$${n.toLocaleString('en-US', {
        minimumFractionDigits: 2,
        maximumFractionDigits: 2,
      })}`;
    expect(
      await screen.findByLabelText('On-demand per month'),
    ).toHaveTextContent(money(expected.onDemandMonthly));
    expect(screen.getByLabelText('Always-on per month')).toHaveTextContent(
      money(expected.alwaysOnMonthly),
    );
    expect(
      screen.getByText(/On-demand is cheaper for this pattern/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/Prices: bedrockModels.pricing/),
    ).toBeInTheDocument();
  });

  it('compares the cost shape for the versions the filters let through, in their Region', async () => {
    server.use(...governanceHandlers());
    renderInTestApp(
      <Page />,
      options('/bedrock-models?view=cost&region=eu-central-1'),
    );

    expect(
      await screen.findByLabelText('What the filtered versions cost now'),
    ).toHaveTextContent(
      "The 1 version the filters let through cost about $90.00 a month now (the portal's estimate), $90.00 of it in eu-central-1.",
    );
    // The calculator's Region is the filtered one.
    expect(
      screen.getAllByRole('button', { name: /eu-central-1 Region$/ }),
    ).toHaveLength(2);
    expect(screen.getByText(/0\.0865 per CMU/)).toBeInTheDocument();
  });

  it('opens the view, filters, order, page size and columns a shared link names', async () => {
    const handlers = governanceHandlers();
    server.use(...handlers);
    renderInTestApp(
      <Page />,
      options(
        '/bedrock-models?view=versions&classification=internal&sort=cost&order=desc&limit=50&columns=model,cost,owner',
      ),
    );

    expect(await screen.findByText('3 of 6 versions')).toBeInTheDocument();
    expect(Object.fromEntries(handlers.queries.at(-1)!)).toMatchObject({
      classification: 'internal',
      sort: 'cost',
      order: 'desc',
      limit: '50',
    });
    expect(
      within(screen.getByRole('grid'))
        .getAllByRole('columnheader')
        .map(h => h.textContent),
    ).toEqual(['Model', 'Owner', 'Cost / month']);
    expect(
      screen.getByRole('columnheader', { name: /Cost \/ month/ }),
    ).toHaveAttribute('aria-sort', 'descending');
    expect(
      screen.getByRole('button', { name: /internal Classification$/ }),
    ).toBeInTheDocument();
  });

  it('lets the reviewer choose columns, kept in the URL and in the browser', async () => {
    window.localStorage.clear();
    server.use(...governanceHandlers());
    renderInTestApp(<Page />, options());
    await screen.findByText('6 of 6 versions');

    await userEvent.click(screen.getByRole('button', { name: /^Columns/ }));
    const list = await screen.findByRole('listbox', { name: 'Columns shown' });
    await userEvent.click(
      within(list).getByRole('option', { name: 'Architecture' }),
    );
    await userEvent.click(within(list).getByRole('option', { name: 'Status' }));
    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('listbox')).toBeNull());

    await waitFor(() =>
      expect(
        screen.getByRole('columnheader', { name: /Architecture/ }),
      ).toBeInTheDocument(),
    );
    expect(screen.queryByRole('columnheader', { name: /^Status/ })).toBeNull();
    expect(urlParams().get('columns')).toBe(
      'model,version,owner,cost,production,lastInvokedAt,region,classification,lastPromotedAt,managed,architecture',
    );
    expect(
      JSON.parse(
        window.localStorage.getItem('bedrock-models.governance.columns')!,
      ),
    ).toContain('architecture');
  });

  it('opens on what needs attention, each with its count, cost and share, one click from the list of them', async () => {
    const handlers = governanceHandlers();
    server.use(...auditHandlers(), ...handlers);
    renderInTestApp(<Page />, options('/bedrock-models'));

    const item = await screen.findByRole('region', {
      name: 'Versions that cost money but no pointer names',
    });
    expect(within(item).getByLabelText('How many')).toHaveTextContent(
      '2 versions · about $10.00 a month · 0.6% of the estimated monthly spend',
    );
    expect(screen.getByLabelText('Estimated monthly spend')).toHaveTextContent(
      'about $1,712.50 a month',
    );
    const quotas = screen.getByRole('region', {
      name: 'Import quotas nearly used up',
    });
    expect(
      within(quotas).getByText(/us-east-1: 9 of 10 imported models/),
    ).toBeInTheDocument();
    expect(
      within(quotas).getByRole('link', { name: /Show where they run/ }),
    ).toHaveAttribute('href', expect.stringContaining('view=where'));

    await userEvent.click(
      within(item).getByRole('link', { name: /List them/ }),
    );

    await waitFor(() => expect(urlParams().get('view')).toBe('versions'));
    expect(await screen.findByText('2 of 6 versions')).toBeInTheDocument();
    expect(Object.fromEntries(handlers.queries.at(-1)!)).toMatchObject({
      named: 'unnamed',
      status: 'ready',
      sort: 'cost',
      order: 'desc',
    });
    expect(rowHeaders()).toEqual([
      expect.stringContaining('code-reviewer'),
      expect.stringContaining('support-assistant'),
    ]);
    expect(
      screen.getByRole('button', { name: /Named by no pointer Pointers$/ }),
    ).toBeInTheDocument();
  });

  it('lists the models whose callers met cold starts, linked to their pages, over the days chosen', async () => {
    server.use(...auditHandlers(), ...governanceHandlers());
    renderInTestApp(<Page />, options('/bedrock-models'));

    const card = await screen.findByRole('region', {
      name: 'Callers met cold starts',
    });
    const list = await within(card).findByRole('list', {
      name: 'Models whose callers met cold starts',
    });
    expect(
      within(list).getByRole('link', { name: 'support-assistant' }),
    ).toHaveAttribute('href', '/catalog/default/resource/support-assistant');
    expect(
      within(list).getByText(
        '3 cold starts in the last 7 days · p95 wait 41 s · last 2026-11-20 08:05 UTC',
      ),
    ).toBeInTheDocument();
    expect(
      within(list).getByText(
        'Callers of production (not kept warm), staging (kept warm in set hours).',
      ),
    ).toBeInTheDocument();

    await choose('In the last', '30 days');
    expect(
      await within(card).findByText(/3 cold starts in the last 30 days/),
    ).toBeInTheDocument();
  });

  it('says when no caller met a cold start', async () => {
    server.use(
      ...auditHandlers(undefined, undefined, () => ({ days: 7, items: [] })),
      ...governanceHandlers(),
    );
    renderInTestApp(<Page />, options('/bedrock-models'));
    expect(
      await screen.findByText('No caller met a cold start in the last 7 days.'),
    ).toBeInTheDocument();
  });

  it('asks what is idle for the days chosen, and keeps them in the URL', async () => {
    const audit = auditHandlers();
    server.use(...audit, ...governanceHandlers());
    renderInTestApp(<Page />, options('/bedrock-models'));
    await screen.findByRole('region', {
      name: 'Versions that cost money but no pointer names',
    });
    expect(audit.queries.at(-1)!.get('idleDays')).toBe('30');

    await choose('Idle means not invoked for', '7 days');

    await waitFor(() =>
      expect(audit.queries.at(-1)!.get('idleDays')).toBe('7'),
    );
    expect(urlParams().get('idle')).toBe('7');
  });

  it('says when nothing needs attention', async () => {
    server.use(
      ...auditHandlers(undefined, () => attentionSummary({ items: [] })),
      ...governanceHandlers(),
    );
    renderInTestApp(<Page />, options('/bedrock-models'));
    expect(
      await screen.findByText(/^Nothing needs attention/),
    ).toBeInTheDocument();
  });

  it('warns when AWS could not be reached and the data is from the last sync', async () => {
    server.use(
      ...governanceHandlers(() =>
        governanceReport({
          staleSince: '2026-11-20T10:00:00.000Z',
          lastSyncAt: '2026-11-20T09:55:00.000Z',
          awsErrors: ['us-east-1: connect ECONNREFUSED'],
        }),
      ),
    );
    renderInTestApp(<Page />, options());

    expect(
      await screen.findByText(
        'AWS could not be reached since 2026-11-20 10:00 UTC: the data shown is from the last successful sync (2026-11-20 09:55 UTC).',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText('us-east-1: connect ECONNREFUSED'),
    ).toBeInTheDocument();
  });

  it('warns when discovery has been failing in a Region, naming it', async () => {
    server.use(
      ...governanceHandlers(() =>
        governanceReport({
          sync: [
            aSyncState(),
            aSyncState({
              region: 'eu-central-1',
              lastSuccessAt: '2026-11-20T08:00:00.000Z',
              failingSince: '2026-11-20T08:05:00.000Z',
              lastError: 'ServiceUnavailable: Service unavailable',
            }),
          ],
          lastSyncAt: '2026-11-20T08:00:00.000Z',
        }),
      ),
    );
    renderInTestApp(<Page />, options());

    expect(
      await screen.findByText(
        'AWS could not be reached since 2026-11-20 08:05 UTC: the data shown is from the last successful sync (2026-11-20 08:00 UTC).',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'Discovery in 111122223333/eu-central-1: ServiceUnavailable: Service unavailable',
      ),
    ).toBeInTheDocument();
  });

  it('shows no warning when every Region was read', async () => {
    server.use(
      ...governanceHandlers(() =>
        governanceReport({
          sync: [aSyncState()],
        }),
      ),
    );
    renderInTestApp(<Page />, options());

    expect(await screen.findByText('6 of 6 versions')).toBeInTheDocument();
    expect(screen.queryByText(/AWS could not be reached/)).toBeNull();
  });

  it('points at the import template when there is no model yet', async () => {
    server.use(...governanceHandlers(() => governanceReport({ rows: [] })));
    renderInTestApp(<Page />, options());

    expect(
      await screen.findByText('No fine-tuned models yet'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'Import a model' }),
    ).toHaveAttribute('href', '/create/templates/default/import-bedrock-model');
  });

  it('looks again while discovery has not listed AWS yet, and shows the models once it has', async () => {
    jest.useFakeTimers({ advanceTimers: true });
    try {
      let discovered = false;
      server.use(
        ...governanceHandlers(() =>
          discovered
            ? governanceReport({
                sync: [aSyncState()],
              })
            : governanceReport({ rows: [], sync: [] }),
        ),
      );
      renderInTestApp(<Page />, options());

      expect(
        await screen.findByText(
          /Discovery has not listed the configured AWS accounts/,
        ),
      ).toBeInTheDocument();
      discovered = true;
      // The page's timer fires outside any user event.
      act(() => {
        jest.advanceTimersByTime(5_000);
      });
      expect(await screen.findByText('6 of 6 versions')).toBeInTheDocument();
    } finally {
      jest.useRealTimers();
    }
  });

  it('says why the report cannot be read, and retries', async () => {
    let calls = 0;
    server.use(
      http.get(`${API}/report`, () => {
        calls += 1;
        return calls === 1
          ? HttpResponse.json(errorBody(500, 'Error', 'report exploded'), {
              status: 500,
            })
          : HttpResponse.json(governanceReport());
      }),
      ...governanceHandlers(),
    );
    renderInTestApp(<Page />, options());

    expect(
      await screen.findByText('The governance report cannot be read'),
    ).toBeInTheDocument();
    expect(screen.getByText('report exploded')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findByText('6 of 6 versions')).toBeInTheDocument();
  });

  it('shows a loading state until the report is read', async () => {
    server.use(
      http.get(`${API}/report`, () => new Promise(() => {})),
      ...governanceHandlers(),
    );
    renderInTestApp(<Page />, options());
    expect(await screen.findByTestId('progress')).toBeInTheDocument();
  });
});
