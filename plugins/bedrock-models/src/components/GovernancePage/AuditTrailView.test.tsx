import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { useLocation } from 'react-router-dom';
import {
  registerMswTestHooks,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import {
  anAuditEvent,
  auditEvents,
} from '../../__testUtils__/attentionFixtures';
import { auditHandlers } from '../../__testUtils__/auditHandlers';
import { governanceHandlers } from '../../__testUtils__/governanceHandlers';
import { API, errorBody, testApis } from '../../__testUtils__/testApis';
import { GovernancePage } from './GovernancePage';

const mountedRoutes = { '/catalog/:namespace/:kind/:name': entityRouteRef };
const options = (query = '') => ({
  ...testApis(),
  mountedRoutes,
  initialRouteEntries: [`/bedrock-models?view=audit${query}`],
});

const LocationProbe = () => (
  <output data-testid="location">{useLocation().search}</output>
);
const urlParams = () =>
  new URLSearchParams(screen.getByTestId('location').textContent ?? '');
const Page = () => (
  <>
    <GovernancePage />
    <LocationProbe />
  </>
);

const eventRows = () => {
  const [, ...rows] = within(screen.getByRole('grid')).getAllByRole('row');
  return rows;
};

async function choose(label: string, option: string) {
  await userEvent.click(
    screen.getByRole('button', { name: new RegExp(` ${label}$`) }),
  );
  await userEvent.click(await screen.findByRole('option', { name: option }));
}

describe('the audit trail', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  it('lists every change across models, newest first: when, what, who (by name), why and where', async () => {
    server.use(...auditHandlers(), ...governanceHandlers());
    renderInTestApp(<Page />, options());

    expect(
      await screen.findByText('Events 1–5, newest first'),
    ).toBeInTheDocument();
    const rows = eventRows();
    expect(rows).toHaveLength(5);
    const retire = within(rows[0]);
    expect(retire.getByText('2026-11-19 10:00')).toBeInTheDocument();
    expect(retire.getByText('Retire')).toBeInTheDocument();
    expect(
      retire.getByText('retired version 1 in us-east-1'),
    ).toBeInTheDocument();
    expect(
      retire.getByText('“superseded by v2, no traffic for a month”'),
    ).toBeInTheDocument();
    expect(await retire.findByText('Bob Builder')).toBeInTheDocument();
    expect(retire.getByText('Support ML')).toBeInTheDocument();
    expect(
      retire.getByRole('link', { name: 'support-assistant' }),
    ).toHaveAttribute('href', '/catalog/default/resource/support-assistant');
    expect(
      within(rows[1]).getByText(
        'rolled back production in us-east-1 from v2 to v1 (emergency, without approval)',
      ),
    ).toBeInTheDocument();
    expect(
      within(rows[3]).getByText(
        's3://ml-artifacts/support-assistant/v2/ · ready',
      ),
    ).toBeInTheDocument();
  });

  it('asks the backend for the filters chosen, and keeps them in the URL', async () => {
    const audit = auditHandlers();
    server.use(...audit, ...governanceHandlers());
    renderInTestApp(<Page />, options());
    await screen.findByText('Events 1–5, newest first');

    await choose('Kind', 'Import');
    await waitFor(() => expect(eventRows()).toHaveLength(2));
    expect(urlParams().get('auditKind')).toBe('import');
    await choose('Region', 'eu-central-1');
    await waitFor(() => expect(eventRows()).toHaveLength(1));
    expect(Object.fromEntries(audit.queries.at(-1)!)).toMatchObject({
      kind: 'import',
      region: 'eu-central-1',
      limit: '50',
    });

    await userEvent.click(
      screen.getByRole('button', { name: 'Clear filters' }),
    );
    await userEvent.type(
      screen.getByRole('textbox', { name: 'Who' }),
      'user:default/carol',
    );
    await waitFor(() => expect(eventRows()).toHaveLength(1));
    expect(audit.queries.at(-1)!.get('actor')).toBe('user:default/carol');
    expect(urlParams().get('auditActor')).toBe('user:default/carol');
  });

  it('takes a date range as whole UTC days, the last one included', async () => {
    const audit = auditHandlers();
    server.use(...audit, ...governanceHandlers());
    renderInTestApp(
      <Page />,
      options('&auditFrom=2026-11-02&auditTo=2026-11-12'),
    );

    expect(
      await screen.findByText('Events 1–3, newest first'),
    ).toBeInTheDocument();
    expect(Object.fromEntries(audit.queries.at(-1)!)).toMatchObject({
      from: '2026-11-02T00:00:00.000Z',
      to: '2026-11-13T00:00:00.000Z',
    });
    expect(screen.getByLabelText('From (UTC day)')).toHaveValue('2026-11-02');
    expect(screen.getByLabelText('To (UTC day, included)')).toHaveValue(
      '2026-11-12',
    );
  });

  it('says what is wrong with a model name the backend would refuse, and does not send it', async () => {
    const audit = auditHandlers();
    server.use(...audit, ...governanceHandlers());
    renderInTestApp(<Page />, options());
    await screen.findByText('Events 1–5, newest first');
    const asked = audit.queries.length;

    await userEvent.type(
      screen.getByRole('textbox', { name: 'Model' }),
      'Claims Bot',
    );

    expect(
      await screen.findByText(
        'A model name: lowercase letters, digits and single dashes.',
      ),
    ).toBeInTheDocument();
    expect(audit.queries.slice(asked).every(q => !q.get('model'))).toBe(true);
  });

  it("pages back through older events with the backend's cursors, kept in the URL", async () => {
    const many = Array.from({ length: 60 }, (_, i) =>
      anAuditEvent({
        id: `move-${i}`,
        at: new Date(
          Date.parse('2026-11-20T00:00:00.000Z') - i * 3600_000,
        ).toISOString(),
        reason: `move ${i}`,
      }),
    );
    const audit = auditHandlers(() => many);
    server.use(...audit, ...governanceHandlers());
    renderInTestApp(<Page />, options());
    await screen.findByText('Events 1–50, newest first');

    await userEvent.click(screen.getByRole('button', { name: 'Older events' }));
    expect(
      await screen.findByText('Events 51–60, newest first'),
    ).toBeInTheDocument();
    expect(urlParams().getAll('auditCursor')).toEqual(['50']);
    expect(screen.getByRole('button', { name: 'Older events' })).toBeDisabled();

    await userEvent.click(screen.getByRole('button', { name: 'Newer events' }));
    expect(
      await screen.findByText('Events 1–50, newest first'),
    ).toBeInTheDocument();
    expect(urlParams().getAll('auditCursor')).toEqual([]);
  });

  it("exports the backend's CSV of the events the filters let through", async () => {
    const audit = auditHandlers();
    server.use(...audit, ...governanceHandlers());
    const blobs: Blob[] = [];
    Object.assign(URL, {
      createObjectURL: jest.fn((blob: Blob) => {
        blobs.push(blob);
        return 'blob:audit';
      }),
      revokeObjectURL: jest.fn(),
    });
    const saved: string[] = [];
    const click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(function record(this: HTMLAnchorElement) {
        saved.push(this.download);
      });
    renderInTestApp(<Page />, options('&auditKind=rollback'));
    await screen.findByText('Events 1–1, newest first');

    await userEvent.click(screen.getByRole('button', { name: 'Export CSV' }));

    await waitFor(() =>
      expect(saved).toEqual(['bedrock-models-audit-2026-11-20.csv']),
    );
    click.mockRestore();
    const csvQuery = audit.queries.find(q => q.get('format') === 'csv')!;
    expect(Object.fromEntries(csvQuery)).toEqual({
      kind: 'rollback',
      format: 'csv',
    });
    const lines = (await blobs[0].text()).replace(/^\ufeff/, '').split('\r\n');
    expect(lines).toEqual([
      'at,kind,model,version,actor,reason',
      expect.stringContaining(
        ',rollback,claims-summarizer,1,user:default/carol,',
      ),
    ]);
  });

  it('says why the audit trail cannot be read, and retries', async () => {
    let calls = 0;
    server.use(
      http.get(`${API}/audit`, () => {
        calls += 1;
        return calls === 1
          ? HttpResponse.json(
              errorBody(503, 'Error', 'The database is restarting'),
              {
                status: 503,
              },
            )
          : HttpResponse.json({ items: auditEvents() });
      }),
      ...governanceHandlers(),
    );
    renderInTestApp(<Page />, options());

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The audit trail cannot be readThe database is restarting',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(
      await screen.findByText('Events 1–5, newest first'),
    ).toBeInTheDocument();
  });
});
