import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  registerMswTestHooks,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import { quotaReport } from '../../__testUtils__/costFixtures';
import { ACCOUNT, portalSettings } from '../../__testUtils__/modelFixtures';
import { API, errorBody, testApis } from '../../__testUtils__/testApis';
import { meterLevel } from '../shared/MeterBar';
import { QuotasPanel } from './QuotasPanel';

describe('QuotasPanel', () => {
  const server = setupServer();
  registerMswTestHooks(server);
  // The accounts by their configured alias.
  beforeEach(() =>
    server.use(
      http.get(`${API}/settings`, () =>
        HttpResponse.json({
          ...portalSettings(),
          accounts: [
            { accountId: ACCOUNT, alias: 'ml-demo', regions: ['us-east-1'] },
          ],
        }),
      ),
    ),
  );

  it('shows each quota used against its limit as a bar, per account and Region', async () => {
    const asked: string[] = [];
    server.use(
      http.get(`${API}/quotas`, ({ request }) => {
        const params = new URL(request.url).searchParams;
        asked.push(`${params.get('account')}/${params.get('region')}`);
        return HttpResponse.json(
          params.get('region') === 'eu-central-1'
            ? quotaReport('eu-central-1', {
                importedModels: {
                  quotaCode: 'L-45B04988',
                  name: 'Imported models per account',
                  used: 2,
                  note: 'Service Quotas could not be read: AccessDenied',
                },
              })
            : quotaReport('us-east-1'),
        );
      }),
    );
    renderInTestApp(
      <QuotasPanel
        targets={[
          { accountId: ACCOUNT, region: 'us-east-1' },
          { accountId: ACCOUNT, region: 'eu-central-1' },
        ]}
      />,
      testApis(),
    );

    const us = within(
      await screen.findByRole('group', {
        name: 'Quotas in us-east-1 (ml-demo)',
      }),
    );
    const imported = us.getByRole('meter', {
      name: 'Imported models per account in us-east-1 (ml-demo)',
    });
    expect(imported).toHaveAttribute('aria-valuenow', '4');
    expect(imported).toHaveAttribute('aria-valuemax', '5');
    expect(us.getByText('4 of 5')).toBeInTheDocument();
    expect(us.getByText('1 of 1')).toBeInTheDocument();
    expect(
      us.getByText(/Limits read from Service Quotas 2026-11-20 11:00 UTC/),
    ).toBeInTheDocument();

    const eu = within(
      screen.getByRole('group', {
        name: 'Quotas in eu-central-1 (ml-demo)',
      }),
    );
    expect(eu.getByText('2 of unknown')).toBeInTheDocument();
    expect(
      eu.getByText('Service Quotas could not be read: AccessDenied'),
    ).toBeInTheDocument();
    expect(asked.sort()).toEqual([
      `${ACCOUNT}/eu-central-1`,
      `${ACCOUNT}/us-east-1`,
    ]);
  });

  it('says why quotas cannot be read', async () => {
    server.use(
      http.get(`${API}/quotas`, () =>
        HttpResponse.json(
          errorBody(400, 'InputError', 'region: must be a managed Region'),
          {
            status: 400,
          },
        ),
      ),
    );
    renderInTestApp(
      <QuotasPanel targets={[{ accountId: ACCOUNT, region: 'mars-1' }]} />,
      testApis(),
    );
    expect(
      await screen.findByText('region: must be a managed Region'),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Retry' })).toBeInTheDocument();
  });

  it('warns as a quota fills up', () => {
    expect(meterLevel(0.5)).toBe('ok');
    expect(meterLevel(0.81)).toBe('warning');
    expect(meterLevel(1)).toBe('full');
  });
});
