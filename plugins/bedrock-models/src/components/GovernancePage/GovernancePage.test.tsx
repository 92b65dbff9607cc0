import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  registerMswTestHooks,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { compareCostShapes } from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import {
  aReportRow,
  aSyncState,
  governanceReport,
} from '../../__testUtils__/governanceFixtures';
import { governanceHandlers } from '../../__testUtils__/governanceHandlers';
import { portalSettings } from '../../__testUtils__/modelFixtures';
import { API, errorBody, testApis } from '../../__testUtils__/testApis';
import { GovernancePage } from './GovernancePage';

const mountedRoutes = { '/catalog/:namespace/:kind/:name': entityRouteRef };

// A client of its own per test: the settings answer is reused for a minute.
const options = () => ({ ...testApis(), mountedRoutes });

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

  it('lists the versions the backend answers with owner, Region, account, architecture, classification, production, last move, managed and cost', async () => {
    server.use(...governanceHandlers());
    renderInTestApp(<GovernancePage />, options());

    expect(await screen.findByText('6 of 6 versions')).toBeInTheDocument();
    const rows = bodyRows();
    expect(rows).toHaveLength(6);
    const claims = within(rows[1]);
    expect(claims.getByText('claims-summarizer')).toBeInTheDocument();
    expect(
      claims.getByRole('link', { name: /claims-summarizer/ }),
    ).toHaveAttribute('href', '/catalog/default/resource/claims-summarizer');
    expect(claims.getByText('claims')).toBeInTheDocument();
    expect(claims.getByText('group')).toBeInTheDocument();
    expect(claims.getByText('phi')).toBeInTheDocument();
    expect(claims.getByText('mistral')).toBeInTheDocument();
    expect(claims.getByText('carol')).toBeInTheDocument();
    expect(claims.getByText('2026-11-10 09:00 UTC')).toBeInTheDocument();
    expect(claims.getByText('$1,200.00')).toBeInTheDocument();
    const unmanaged = within(rows[2]);
    expect(unmanaged.getByText('444455556666')).toBeInTheDocument();
    expect(unmanaged.getByText('us-west-2')).toBeInTheDocument();
    expect(unmanaged.getByText('none')).toBeInTheDocument();
    expect(unmanaged.getByText('no')).toBeInTheDocument();
  });

  it("has the backend filter by each column and by search, offering the report's facets", async () => {
    const handlers = governanceHandlers();
    server.use(...handlers);
    renderInTestApp(<GovernancePage />, options());
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

    await userEvent.click(
      screen.getByRole('button', { name: 'Clear filters' }),
    );
    await choose('Managed', 'Imported outside it');
    await waitFor(() =>
      expect(rowHeaders()).toEqual([expect.stringContaining('code-reviewer')]),
    );
    await choose('Account', '444455556666');
    expect(Object.fromEntries(handlers.queries.at(-1)!)).toMatchObject({
      managed: 'unmanaged',
      account: '444455556666',
    });

    await userEvent.click(
      screen.getByRole('button', { name: 'Clear filters' }),
    );
    await userEvent.type(
      screen.getByRole('searchbox', { name: 'Search' }),
      'carol',
    );
    expect(await screen.findByText('2 of 6 versions')).toBeInTheDocument();
    expect(handlers.queries.at(-1)!.get('q')).toBe('carol');
  });

  it('names the production filter and column after the first configured alias', async () => {
    const handlers = governanceHandlers();
    server.use(
      http.get(`${API}/settings`, () =>
        HttpResponse.json({ ...portalSettings(), aliases: ['live', 'canary'] }),
      ),
      ...handlers,
    );
    renderInTestApp(<GovernancePage />, options());
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
    renderInTestApp(<GovernancePage />, options());
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
  });

  it("pages through the backend's pages with its cursors, forward and back", async () => {
    const rows = Array.from({ length: 30 }, (_, i) =>
      aReportRow({ model: `model-${String(i).padStart(2, '0')}` }),
    );
    const handlers = governanceHandlers(() => governanceReport({ rows }));
    server.use(...handlers);
    renderInTestApp(<GovernancePage />, options());
    await screen.findByText('30 of 30 versions');
    expect(rowHeaders()).toHaveLength(25);

    await userEvent.click(screen.getByRole('button', { name: /next/i }));
    await waitFor(() => expect(rowHeaders()).toHaveLength(5));
    expect(rowHeaders()[0]).toContain('model-25');
    expect(handlers.queries.at(-1)!.get('cursor')).toBe('25');

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
    renderInTestApp(<GovernancePage />, options());
    await screen.findByText('6 of 6 versions');

    await choose('Owner', 'group:default/support-ml');
    await screen.findByText('3 of 6 versions');
    await userEvent.click(screen.getByRole('button', { name: 'Export CSV' }));

    await waitFor(() =>
      expect(saved).toEqual(['bedrock-models-2026-11-20.csv']),
    );
    click.mockRestore();
    const csvQuery = handlers.queries.find(q => q.get('format') === 'csv')!;
    expect(Object.fromEntries(csvQuery)).toEqual({
      owner: 'group:default/support-ml',
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
    renderInTestApp(<GovernancePage />, { apis, mountedRoutes });
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
    renderInTestApp(<GovernancePage />, options());
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

  it("shows the backend's totals of the matching versions, and their cost by Region", async () => {
    server.use(...governanceHandlers());
    renderInTestApp(<GovernancePage />, options());
    await screen.findByText('6 of 6 versions');

    await userEvent.click(screen.getByRole('tab', { name: 'Totals' }));
    expect(await screen.findByLabelText('Overall totals')).toHaveTextContent(
      '6 versions, about $1,712.50 a month (at least: 2 without an estimate).',
    );
    const byRegion = within(
      screen.getByRole('group', { name: 'Totals by Region' }),
    );
    expect(byRegion.getByText('$1,622.50')).toBeInTheDocument();
  });

  it('compares on-demand CMUs with always-on for a traffic pattern, with the configured prices', async () => {
    server.use(...governanceHandlers());
    renderInTestApp(<GovernancePage />, options());
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
      pricePerCmuMinute: prices.cmuMinute['eu-central-1'],
      pricePerCmuMonthStorage: prices.storageCmuMonth,
      alwaysOnHourly: prices.alwaysOnHourly['eu-central-1'],
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
    renderInTestApp(<GovernancePage />, options());

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
    renderInTestApp(<GovernancePage />, options());

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
    renderInTestApp(<GovernancePage />, options());

    expect(await screen.findByText('6 of 6 versions')).toBeInTheDocument();
    expect(screen.queryByText(/AWS could not be reached/)).toBeNull();
  });

  it('points at the import template when there is no model yet', async () => {
    server.use(...governanceHandlers(() => governanceReport({ rows: [] })));
    renderInTestApp(<GovernancePage />, options());

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
      renderInTestApp(<GovernancePage />, options());

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
    renderInTestApp(<GovernancePage />, options());

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
    renderInTestApp(<GovernancePage />, options());
    expect(await screen.findByTestId('progress')).toBeInTheDocument();
  });
});
