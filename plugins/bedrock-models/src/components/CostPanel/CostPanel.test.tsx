import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  registerMswTestHooks,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import { costReport } from '../../__testUtils__/costFixtures';
import { MODEL } from '../../__testUtils__/modelFixtures';
import { API, errorBody, testApis } from '../../__testUtils__/testApis';
import { CostPanel } from './CostPanel';
import { dailyCostByVersion } from './dailyCostByVersion';

describe('dailyCostByVersion', () => {
  it('aligns every version on every day of the period, compute plus storage', () => {
    const chart = dailyCostByVersion(costReport());
    expect(chart.days).toEqual(['2026-11-18', '2026-11-19', '2026-11-20']);
    expect(chart.series.map(s => [s.label, s.values])).toEqual([
      ['v1 (us-east-1)', [10.13, 5.13, 0]],
      ['v2 (us-east-1)', [0, 40.13, 60.13]],
    ]);
    expect(chart.maxDayTotal).toBeCloseTo(60.13);
  });
});

describe('CostPanel', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  it('asks for the last 30 days and shows compute, storage, total, projection, chart, per-version figures and price source', async () => {
    let query: URLSearchParams | undefined;
    server.use(
      http.get(`${API}/models/${MODEL}/cost`, ({ request }) => {
        query = new URL(request.url).searchParams;
        return HttpResponse.json(costReport());
      }),
    );
    renderInTestApp(
      <CostPanel
        modelName={MODEL}
        now={() => new Date('2026-11-20T12:00:00.000Z')}
      />,
      testApis(),
    );

    expect(
      await screen.findByLabelText('Monthly projection'),
    ).toHaveTextContent('$1,155.20');
    expect(query?.get('from')).toBe('2026-10-21T12:00:00.000Z');
    expect(query?.get('to')).toBe('2026-11-20T12:00:00.000Z');
    expect(screen.getByLabelText('Compute')).toHaveTextContent('$115.00');
    expect(screen.getByLabelText('Storage')).toHaveTextContent('$0.52');
    expect(screen.getByLabelText('Total, last 30 days')).toHaveTextContent(
      '$115.52',
    );
    expect(
      screen.getByRole('img', {
        name: 'Daily cost by version over 3 days, highest day $60.13',
      }),
    ).toBeInTheDocument();
    const legend = within(screen.getByLabelText('Legend'));
    expect(legend.getByText('v1 (us-east-1)')).toBeInTheDocument();
    expect(legend.getByText('v2 (us-east-1)')).toBeInTheDocument();
    expect(screen.getByText('$100.26')).toBeInTheDocument();
    expect(
      screen.getByText('No CloudWatch data for the last hour yet.'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/Prices: bedrockModels.pricing in app-config.yaml/),
    ).toBeInTheDocument();
  });

  it('says why the cost cannot be read, and retries', async () => {
    let calls = 0;
    server.use(
      http.get(`${API}/models/${MODEL}/cost`, () => {
        calls += 1;
        return calls === 1
          ? HttpResponse.json(
              errorBody(
                503,
                'ServiceUnavailableError',
                'CloudWatch is throttling',
              ),
              { status: 503 },
            )
          : HttpResponse.json(costReport());
      }),
    );
    renderInTestApp(<CostPanel modelName={MODEL} />, testApis());

    expect(
      await screen.findByText('CloudWatch is throttling'),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(
      await screen.findByLabelText('Monthly projection'),
    ).toBeInTheDocument();
  });
});
