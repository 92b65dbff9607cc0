import { screen, within } from '@testing-library/react';
import { setupServer } from 'msw/node';
import {
  registerMswTestHooks,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { modelDetails, modelEntity } from '../../__testUtils__/modelFixtures';
import { modelHandlers } from '../../__testUtils__/modelHandlers';
import { testApis } from '../../__testUtils__/testApis';
import { ModelSummaryCard } from './ModelSummaryCard';

describe('ModelSummaryCard', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  const render = () =>
    renderInTestApp(
      <EntityProvider entity={modelEntity}>
        <ModelSummaryCard now={() => new Date('2026-11-20T12:00:00.000Z')} />
      </EntityProvider>,
      {
        ...testApis(),
        mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      },
    );

  it('says what serves each alias in each Region, the monthly cost and the last move, with a link to the Bedrock tab', async () => {
    server.use(...modelHandlers());
    render();

    const table = await screen.findByRole('table', {
      name: 'What serves each alias in each Region',
    });
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map(h => h.textContent),
    ).toEqual(['Region', 'production', 'staging']);
    const east = within(
      within(table)
        .getByRole('rowheader', { name: /us-east-1/ })
        .closest('tr')!,
    );
    expect(east.getAllByRole('cell').map(c => c.textContent)).toEqual([
      'v2',
      'v3',
    ]);
    const eu = within(
      within(table)
        .getByRole('rowheader', { name: /eu-central-1/ })
        .closest('tr')!,
    );
    expect(eu.getAllByRole('cell').map(c => c.textContent)).toEqual([
      'v5',
      '—',
    ]);
    expect(await screen.findByLabelText('Monthly cost')).toHaveTextContent(
      'about $1,155.20 (projected from the last 30 days)',
    );
    expect(screen.getByLabelText('Last move')).toHaveTextContent(
      'Bob Builder promoted production in us-east-1 from v1 to v2, 2026-11-10 09:00 UTC: “better answers on billing tickets”',
    );
    expect(
      screen.getByRole('link', { name: /on the Bedrock tab/ }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/resource/support-assistant/bedrock',
    );
  });

  it('says when no pointer has moved yet', async () => {
    server.use(
      ...modelHandlers(() => ({ ...modelDetails(), recentHistory: [] })),
    );
    render();
    expect(
      await screen.findByText('No pointer has moved yet.'),
    ).toBeInTheDocument();
  });
});
