import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  registerMswTestHooks,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import type { KeepWarmView } from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import {
  coldStartStats,
  keepWarmView,
} from '../../__testUtils__/keepWarmFixtures';
import { MODEL } from '../../__testUtils__/modelFixtures';
import { modelHandlers } from '../../__testUtils__/modelHandlers';
import { API, errorBody, testApis } from '../../__testUtils__/testApis';
import { ModelOverview } from '../ModelTab/ModelOverview';

const POLICY = `${API}/models/${MODEL}/aliases/production/keep-warm`;
const OFFICE = {
  days: ['mon', 'tue', 'wed', 'thu', 'fri'] as Array<
    'mon' | 'tue' | 'wed' | 'thu' | 'fri'
  >,
  startHour: 9,
  endHour: 17,
};

/** Production in us-east-1 kept warm in Berlin's business hours. */
const businessHours = (overrides: Partial<KeepWarmView> = {}) =>
  keepWarmView('production', 'us-east-1', {
    policy: {
      mode: 'windows',
      intervalMinutes: 14,
      timeZone: 'Europe/Berlin',
      windows: [OFFICE],
      updatedBy: 'user:default/ana',
      updatedAt: '2026-11-29T10:00:00.000Z',
      reason: 'Agents wait every morning',
    },
    estimate: {
      windowsPerMonth: 2314.2857,
      cmusPerCopy: 2,
      pricePerCmuMinute: 0.05718,
      monthlyCost: 1323.3,
      currency: 'USD',
      notes: [],
    },
    nextHeartbeatAt: '2026-11-30T07:50:00.000Z',
    ...overrides,
  });

describe('KeepWarmPanel', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  const production = async () =>
    within(
      await screen.findByRole('region', {
        name: 'Keep-warm of production (us-east-1)',
      }),
    );

  it('lets an owner keep production warm in business hours, with the monthly cost before saving, and shows the next heartbeat', async () => {
    const sent: unknown[] = [];
    let saved: KeepWarmView | undefined;
    server.use(
      http.put(POLICY, async ({ request }) => {
        sent.push(await request.json());
        saved = businessHours();
        return HttpResponse.json(saved);
      }),
      http.get(POLICY, () =>
        HttpResponse.json(saved ?? keepWarmView('production', 'us-east-1')),
      ),
      ...modelHandlers(),
    );
    renderInTestApp(<ModelOverview modelName={MODEL} />, testApis());

    const panel = await production();
    expect(
      panel.getByText(
        'Off: the first call after an idle hour waits while a copy loads.',
      ),
    ).toBeInTheDocument();
    expect(
      panel.getByText('No cold start measured in the last 30 days.'),
    ).toBeInTheDocument();
    await userEvent.click(
      panel.getByRole('button', {
        name: 'Set keep-warm of production in us-east-1',
      }),
    );
    const dialog = within(await screen.findByRole('dialog'));
    // Off becomes business hours by default: Monday to Friday, 9 to 17.
    for (const day of ['Mon', 'Tue', 'Wed', 'Thu', 'Fri']) {
      expect(dialog.getByRole('checkbox', { name: day })).toBeChecked();
    }
    expect(dialog.getByRole('checkbox', { name: 'Sat' })).not.toBeChecked();
    const zone = dialog.getByRole('textbox', { name: /Time zone/ });
    await userEvent.clear(zone);
    await userEvent.type(zone, 'Europe/Berlin');
    // The month's cost, as the backend will compute it: 20 working days of 108 windows, 2 CMUs.
    expect(dialog.getByLabelText('Monthly cost')).toHaveTextContent(
      /^About \$1,323\.\d\d a month: 2,314 five-minute windows × 2 CMUs × 5 minutes × \$0\.0572 per CMU-minute\.$/,
    );
    const save = dialog.getByRole('button', { name: 'Save' });
    expect(save).toBeDisabled();
    await userEvent.type(
      dialog.getByLabelText(/Reason/),
      'Agents wait every morning',
    );
    await userEvent.click(save);

    await waitFor(() =>
      expect(sent).toEqual([
        {
          region: 'us-east-1',
          mode: 'windows',
          intervalMinutes: 14,
          timeZone: 'Europe/Berlin',
          windows: [OFFICE],
          reason: 'Agents wait every morning',
        },
      ]),
    );
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    const after = await production();
    expect(
      await after.findByText(
        'Business hours: Mon–Fri 09:00–17:00 (Europe/Berlin), a heartbeat every 14 minutes.',
      ),
    ).toBeInTheDocument();
    expect(after.getByLabelText('Keep-warm cost')).toHaveTextContent(
      'About $1,323.30 a month',
    );
    expect(
      after.getByText('Next heartbeat 2026-11-30 07:50 UTC'),
    ).toBeInTheDocument();
  });

  it('says what is wrong before saving, and shows why the backend refused', async () => {
    server.use(
      http.put(POLICY, () =>
        HttpResponse.json(
          errorBody(
            400,
            'InputError',
            'Model support-assistant has no version in us-east-1: keep-warm warms the version a pointer names there, so import or discover one first.',
          ),
          { status: 400 },
        ),
      ),
      ...modelHandlers(),
    );
    renderInTestApp(<ModelOverview modelName={MODEL} />, testApis());
    const panel = await production();
    await userEvent.click(
      panel.getByRole('button', {
        name: 'Set keep-warm of production in us-east-1',
      }),
    );
    const dialog = within(await screen.findByRole('dialog'));
    const until = dialog.getByRole('textbox', { name: 'Until hour' });
    await userEvent.clear(until);
    await userEvent.type(until, '8');
    await userEvent.tab();
    expect(dialog.getByText('Fix this before saving')).toBeInTheDocument();
    expect(
      dialog.getByText(/endHour \(8\) must be after startHour \(9\)/),
    ).toBeInTheDocument();
    await userEvent.type(dialog.getByLabelText(/Reason/), 'mornings');
    expect(dialog.getByRole('button', { name: 'Save' })).toBeDisabled();

    await userEvent.clear(until);
    await userEvent.type(until, '17');
    await userEvent.tab();
    await userEvent.click(dialog.getByRole('button', { name: 'Save' }));
    expect(
      await dialog.findByText('Keep-warm not changed'),
    ).toBeInTheDocument();
    expect(
      dialog.getByText(/has no version in us-east-1: keep-warm warms/),
    ).toBeInTheDocument();
  });

  it('shows a non-owner the policy, its cost and the cold starts read-only, saying why', async () => {
    server.use(
      http.get(POLICY, () =>
        HttpResponse.json(businessHours({ canEdit: false })),
      ),
      http.get(
        `${API}/models/${MODEL}/aliases/production/cold-starts`,
        ({ request }) =>
          HttpResponse.json(
            coldStartStats(
              'production',
              new URL(request.url).searchParams.get('region')!,
              {
                count: 2,
                p95WaitedMs: 118_000,
                insidePolicy: 1,
                last: {
                  at: '2026-11-27T07:50:00.000Z',
                  modelName: MODEL,
                  version: 2,
                  region: 'us-east-1',
                  alias: 'production',
                  source: 'heartbeat',
                  waitedMs: 118_000,
                  served: true,
                },
              },
            ),
          ),
      ),
      ...modelHandlers(),
    );
    renderInTestApp(
      <ModelOverview modelName={MODEL} />,
      testApis({ permission: 'DENY' }),
    );
    const panel = await production();
    expect(
      await panel.findByText(
        'Business hours: Mon–Fri 09:00–17:00 (Europe/Berlin), a heartbeat every 14 minutes.',
      ),
    ).toBeInTheDocument();
    expect(panel.getByLabelText('Cold starts')).toHaveTextContent(
      '2 cold starts in the last 30 days · p95 118 s · last 2026-11-27 07:50 UTC (heartbeat, waited 118 s). 1 fell in the hours this policy keeps warm.',
    );
    const button = panel.getByRole('button', {
      name: 'Set keep-warm of production in us-east-1',
    });
    expect(button).toBeDisabled();
    expect(button).toHaveAccessibleDescription(
      'Read-only: only the owners of this model and the portal admins may change how it is kept warm.',
    );
  });
});
