import { screen, waitFor, within } from '@testing-library/react';
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
  aSyncState,
  governanceReport,
} from '../../__testUtils__/governanceFixtures';
import { governanceHandlers } from '../../__testUtils__/governanceHandlers';
import { portalSettings } from '../../__testUtils__/modelFixtures';
import { API, errorBody, testApis } from '../../__testUtils__/testApis';
import { GovernancePage } from './GovernancePage';

const options = {
  ...testApis(),
  mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
};

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

  it('lists every version with owner, Region, account, architecture, classification, production, last move, managed and cost', async () => {
    server.use(...governanceHandlers());
    renderInTestApp(<GovernancePage />, options);

    expect(await screen.findByText('6 of 6 versions')).toBeInTheDocument();
    const rows = bodyRows();
    expect(rows).toHaveLength(6);
    // Sorted by model: claims-summarizer v1, v2, code-reviewer, support-assistant x3.
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

  it('filters by each column and by search, and says how many rows are shown', async () => {
    server.use(...governanceHandlers());
    renderInTestApp(<GovernancePage />, options);
    await screen.findByText('6 of 6 versions');

    await choose('Classification', 'internal');
    expect(screen.getByText('3 of 6 versions')).toBeInTheDocument();
    await choose('Region', 'eu-central-1');
    expect(screen.getByText('1 of 6 versions')).toBeInTheDocument();
    expect(rowHeaders()).toEqual([
      expect.stringContaining('support-assistant'),
    ]);

    await userEvent.click(
      screen.getByRole('button', { name: 'Clear filters' }),
    );
    await choose('Managed', 'Imported outside it');
    expect(rowHeaders()).toEqual([expect.stringContaining('code-reviewer')]);

    await userEvent.click(
      screen.getByRole('button', { name: 'Clear filters' }),
    );
    await userEvent.type(
      screen.getByRole('searchbox', { name: 'Search' }),
      'carol',
    );
    expect(screen.getByText('2 of 6 versions')).toBeInTheDocument();
  });

  it('sorts by a column when its header is pressed', async () => {
    server.use(...governanceHandlers());
    renderInTestApp(<GovernancePage />, options);
    await screen.findByText('6 of 6 versions');

    await userEvent.click(
      screen.getByRole('columnheader', { name: /Cost \/ month/ }),
    );
    await waitFor(() =>
      expect(
        bodyRows().map(
          r => within(r).getAllByRole('gridcell').at(-1)!.textContent,
        ),
      ).toEqual(['$10.00', '$90.00', '$412.50', '$1,200.00', '—', '—']),
    );
  });

  it('exports the rows shown, after filters and in their order, as CSV', async () => {
    server.use(...governanceHandlers());
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
    renderInTestApp(<GovernancePage />, options);
    await screen.findByText('6 of 6 versions');

    await choose('Owner', 'group:default/support-ml');
    await userEvent.click(screen.getByRole('button', { name: 'Export CSV' }));

    click.mockRestore();
    expect(saved).toEqual(['bedrock-models-2026-11-20.csv']);
    expect(blobs).toHaveLength(1);
    const csv = (await blobs[0].text()).replace(/^\ufeff/, '');
    const lines = csv.split('\r\n');
    expect(lines).toHaveLength(4);
    expect(lines[0].startsWith('model,version,owner')).toBe(true);
    expect(lines.slice(1).map(l => l.split(',').slice(0, 2).join(' '))).toEqual(
      ['support-assistant 1', 'support-assistant 2', 'support-assistant 5'],
    );
  });

  it('shows which fine-tunes run where, by Region and model', async () => {
    server.use(...governanceHandlers());
    renderInTestApp(<GovernancePage />, options);
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

  it('totals models, versions, production and cost by team and Region', async () => {
    server.use(...governanceHandlers());
    renderInTestApp(<GovernancePage />, options);
    await screen.findByText('6 of 6 versions');

    await userEvent.click(screen.getByRole('tab', { name: 'Totals' }));
    expect(await screen.findByLabelText('Overall totals')).toHaveTextContent(
      '3 models, 5 live versions, 3 serving production, about $1,712.50 a month.',
    );
    const byTeam = within(
      screen.getByRole('group', { name: 'Totals by team' }),
    );
    const platform = within(
      byTeam
        .getByRole('rowheader', { name: 'group:default/platform' })
        .closest('[role=row]') as HTMLElement,
    );
    expect(
      platform.getByText('at least: 1 without a figure'),
    ).toBeInTheDocument();
    const byRegion = within(
      screen.getByRole('group', { name: 'Totals by Region' }),
    );
    expect(byRegion.getByText('$1,622.50')).toBeInTheDocument();
  });

  it('compares on-demand CMUs with always-on for a traffic pattern, with the configured prices', async () => {
    server.use(...governanceHandlers());
    renderInTestApp(<GovernancePage />, options);
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
    renderInTestApp(<GovernancePage />, options);

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
    renderInTestApp(<GovernancePage />, options);

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
    renderInTestApp(<GovernancePage />, options);

    expect(await screen.findByText('6 of 6 versions')).toBeInTheDocument();
    expect(screen.queryByText(/AWS could not be reached/)).toBeNull();
  });

  it('points at the import template when there is no model yet', async () => {
    server.use(...governanceHandlers(() => governanceReport({ rows: [] })));
    renderInTestApp(<GovernancePage />, options);

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
      renderInTestApp(<GovernancePage />, options);

      expect(
        await screen.findByText(
          /Discovery has not listed the configured AWS accounts/,
        ),
      ).toBeInTheDocument();
      discovered = true;
      jest.advanceTimersByTime(5_000);
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
    renderInTestApp(<GovernancePage />, options);

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
    renderInTestApp(<GovernancePage />, options);
    expect(await screen.findByTestId('progress')).toBeInTheDocument();
  });
});
