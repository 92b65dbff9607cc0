import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  registerMswTestHooks,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import { anApprovalRequest } from '../../__testUtils__/approvalFixtures';
import { MODEL } from '../../__testUtils__/modelFixtures';
import { modelHandlers } from '../../__testUtils__/modelHandlers';
import { API, testApis } from '../../__testUtils__/testApis';
import { ModelOverview } from '../ModelTab/ModelOverview';

describe('pending approvals on the pointer card', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  it('shows each pending request on the pointer it would move, with a link to it', async () => {
    const queries: string[] = [];
    const request = anApprovalRequest();
    server.use(
      http.get(`${API}/approvals`, ({ request: r }) => {
        queries.push(new URL(r.url).search);
        return HttpResponse.json({ items: [request] });
      }),
      ...modelHandlers(),
    );
    renderInTestApp(<ModelOverview modelName={MODEL} />, testApis());

    const production = within(
      await screen.findByRole('region', { name: 'production in us-east-1' }),
    );
    const note = within(
      await production.findByRole('group', {
        name: 'Pending approval requests',
      }),
    );
    // The requester by display name.
    await waitFor(() =>
      expect(
        note.getByText(/^Waiting for approval/, { selector: 'p' }),
      ).toHaveTextContent(
        'Waiting for approval: promote to version 3, asked by Ana Analyst (0 of 1 approval, expires 2026-11-21 12:00 UTC)',
      ),
    );
    expect(
      note.getByRole('link', { name: 'Open the request to version 3' }),
    ).toHaveAttribute(
      'href',
      `/bedrock-models/approvals?request=${request.id}`,
    );
    // Only on the pointer it would move.
    expect(
      within(
        screen.getByRole('region', { name: 'staging in us-east-1' }),
      ).queryByRole('group', { name: 'Pending approval requests' }),
    ).toBeNull();
    expect(queries).toEqual([`?model=${MODEL}&status=pending`]);
  });
});
