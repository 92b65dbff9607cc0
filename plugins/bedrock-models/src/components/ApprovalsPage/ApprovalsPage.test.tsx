import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  mockApis,
  registerMswTestHooks,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { anApprovalRequest } from '../../__testUtils__/approvalFixtures';
import { aMove, aPointer } from '../../__testUtils__/modelFixtures';
import { API, errorBody, testApis } from '../../__testUtils__/testApis';
import { ApprovalsPage } from './ApprovalsPage';

const ANA = 'user:default/ana';
const GOV = 'user:default/gov';

/** The page as `user` sees it, at `path`. */
function renderAs(user: string, path = '/bedrock-models/approvals') {
  const { apis } = testApis();
  return renderInTestApp(<ApprovalsPage />, {
    apis: [...apis, mockApis.identity({ userEntityRef: user })],
    initialRouteEntries: [path],
    mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
  });
}

describe('ApprovalsPage', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  it('lists what waits for my decision: model, pointer, move, requester, reason, rule, decisions, expiry', async () => {
    const queries: string[] = [];
    server.use(
      http.get(`${API}/approvals`, ({ request }) => {
        queries.push(new URL(request.url).search);
        return HttpResponse.json({ items: [anApprovalRequest()] });
      }),
    );
    renderAs(GOV);

    const card = within(
      await screen.findByRole('article', {
        name: 'Approval request: support-assistant: production in us-east-1',
      }),
    );
    expect(
      card.getByText(
        'Promote production in us-east-1 from version 2 to version 3',
      ),
    ).toBeInTheDocument();
    expect(
      card.getByRole('link', { name: 'support-assistant' }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/resource/support-assistant/bedrock',
    );
    // The requester by display name.
    await waitFor(() =>
      expect(
        card.getByText(/2026-11-20 12:00 UTC$/, { selector: 'dd' }),
      ).toHaveTextContent('Ana Analyst, 2026-11-20 12:00 UTC'),
    );
    expect(card.getByText('“fewer refusals”')).toBeInTheDocument();
    expect(
      card.getByText(
        "Needs one approval from the model's owners or ML Governance, someone other than the requester; the request expires 24 h after it is made.",
      ),
    ).toBeInTheDocument();
    expect(card.getByText('2026-11-21 12:00 UTC')).toBeInTheDocument();
    expect(card.getByText('none yet (0 of 1 approval)')).toBeInTheDocument();
    expect(card.getByRole('button', { name: 'Approve' })).toBeEnabled();
    expect(card.getByRole('button', { name: 'Reject' })).toBeEnabled();
    expect(card.queryByRole('button', { name: 'Cancel request' })).toBeNull();
    expect(queries).toEqual(['?mine=decide']);
    // The To decide tab has no status filter: it lists pending requests.
    expect(screen.queryByRole('button', { name: /Status/ })).toBeNull();
  });

  it('approves with a required reason; the approval that satisfies the rule moves the pointer, and the page says so', async () => {
    let body: unknown;
    let approved = false;
    const request = anApprovalRequest();
    server.use(
      http.get(`${API}/approvals`, () =>
        HttpResponse.json({ items: approved ? [] : [request] }),
      ),
      http.post(
        `${API}/approvals/${request.id}/approve`,
        async ({ request: r }) => {
          body = await r.json();
          approved = true;
          return HttpResponse.json({
            approvalRequest: {
              ...request,
              status: 'approved',
              mayDecide: false,
              decisions: [
                {
                  actor: GOV,
                  decision: 'approve',
                  reason: 'evaluation looks good',
                  at: '2026-11-20T13:00:00.000Z',
                },
              ],
            },
            move: {
              move: aMove({ seq: 3, fromVersion: 2, toVersion: 3, actor: GOV }),
              pointer: aPointer('production', 'us-east-1', 3),
              published: true,
              dryRun: false,
            },
          });
        },
      ),
    );
    renderAs(GOV);

    await userEvent.click(
      await screen.findByRole('button', { name: 'Approve' }),
    );
    const dialog = within(await screen.findByRole('dialog'));
    const reason = dialog.getByLabelText(/Reason/);
    expect(reason).toHaveFocus();
    const approve = dialog.getByRole('button', { name: 'Approve' });
    expect(approve).toBeDisabled();
    await userEvent.type(reason, 'evaluation looks good');
    await userEvent.click(approve);

    const done = await screen.findByRole('status');
    expect(done).toHaveTextContent(
      'Approved: version 3 of support-assistant now serves production in us-east-1. Callers reading /bedrock-models/support-assistant/production get the new ARN now.',
    );
    expect(body).toEqual({ reason: 'evaluation looks good' });
    expect(
      await screen.findByText('Nothing waits for your decision.'),
    ).toBeInTheDocument();
  });

  it("shows the backend's refusal as a message, never its raw body, and keeps the dialog open", async () => {
    const request = anApprovalRequest();
    server.use(
      http.get(`${API}/approvals`, () =>
        HttpResponse.json({ items: [request] }),
      ),
      http.post(`${API}/approvals/${request.id}/approve`, () =>
        HttpResponse.json(
          errorBody(
            409,
            'StaleRequestError',
            'The production pointer of support-assistant in us-east-1 moved since this request was made (it names version 4 now, moved by user:default/bo): the request is stale and nothing moved. Ask for the move again from the current state.',
          ),
          { status: 409 },
        ),
      ),
    );
    renderAs(GOV);

    await userEvent.click(
      await screen.findByRole('button', { name: 'Approve' }),
    );
    const dialog = within(await screen.findByRole('dialog'));
    await userEvent.type(dialog.getByLabelText(/Reason/), 'ok');
    await userEvent.click(dialog.getByRole('button', { name: 'Approve' }));
    const alert = await dialog.findByRole('alert');
    expect(alert).toHaveTextContent('Not approved');
    expect(alert).toHaveTextContent(
      'the request is stale and nothing moved. Ask for the move again from the current state.',
    );
    expect(alert).not.toHaveTextContent('{');
  });

  it('lets the requester cancel, not approve, their own request, and says why', async () => {
    let body: unknown;
    const queries: string[] = [];
    const mine = anApprovalRequest({ mayDecide: false });
    server.use(
      http.get(`${API}/approvals`, ({ request }) => {
        queries.push(new URL(request.url).search);
        return HttpResponse.json({ items: [mine] });
      }),
      http.post(`${API}/approvals/${mine.id}/cancel`, async ({ request }) => {
        body = await request.json();
        return HttpResponse.json({
          approvalRequest: { ...mine, status: 'cancelled' },
        });
      }),
    );
    renderAs(ANA, '/bedrock-models/approvals?tab=requested');

    const card = within(await screen.findByRole('article'));
    expect(card.getByRole('button', { name: 'Approve' })).toBeDisabled();
    expect(
      card.getByRole('button', { name: 'Approve' }),
    ).toHaveAccessibleDescription(
      'You asked for this move, so someone else must approve it.',
    );
    await userEvent.click(card.getByRole('button', { name: 'Cancel request' }));
    const dialog = within(await screen.findByRole('dialog'));
    await userEvent.type(dialog.getByLabelText(/Reason/), 'wrong version');
    await userEvent.click(
      dialog.getByRole('button', { name: 'Cancel the request' }),
    );
    expect(await screen.findByRole('status')).toHaveTextContent(
      'Cancelled: the production pointer of support-assistant in us-east-1 stays where it is.',
    );
    expect(body).toEqual({ reason: 'wrong version' });
    expect(queries[0]).toBe('?mine=requested');
  });

  it('filters every request by status, in the URL', async () => {
    const queries: string[] = [];
    server.use(
      http.get(`${API}/approvals`, ({ request }) => {
        const search = new URL(request.url).search;
        queries.push(search);
        return HttpResponse.json({
          items: search.includes('expired')
            ? [
                anApprovalRequest({
                  status: 'expired',
                  mayDecide: false,
                  decidedAt: '2026-11-21T12:00:00.000Z',
                  decisions: [
                    {
                      actor: 'bedrock-models:approvals',
                      decision: 'expire',
                      reason: 'no decision within 24 h',
                      at: '2026-11-21T12:00:00.000Z',
                    },
                  ],
                }),
              ]
            : [],
        });
      }),
    );
    renderAs(GOV);

    await userEvent.click(await screen.findByRole('tab', { name: 'All' }));
    await userEvent.click(
      await screen.findByRole('button', { name: /Status/ }),
    );
    await userEvent.click(
      await screen.findByRole('option', { name: 'expired' }),
    );
    const card = within(await screen.findByRole('article'));
    expect(card.getByText('expired')).toBeInTheDocument();
    expect(
      card.getByText(/no decision within 24 h/, { selector: 'li span' }),
    ).toHaveTextContent(
      'bedrock-models:approvals expired, 2026-11-21 12:00 UTC: “no decision within 24 h”',
    );
    expect(card.queryByRole('button', { name: 'Approve' })).toBeNull();
    await waitFor(() =>
      expect(queries).toEqual(['?mine=decide', '', '?status=expired']),
    );
  });

  it('shows the request a link names first', async () => {
    const request = anApprovalRequest({ mayDecide: false });
    server.use(
      http.get(`${API}/approvals`, () => HttpResponse.json({ items: [] })),
      http.get(`${API}/approvals/${request.id}`, () =>
        HttpResponse.json(request),
      ),
    );
    renderAs(ANA, `/bedrock-models/approvals?request=${request.id}`);

    expect(
      await screen.findByRole('heading', { name: 'The request you followed' }),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('article', {
        name: 'Approval request: support-assistant: production in us-east-1',
      }),
    ).toBeInTheDocument();
  });

  it('says why the requests cannot be read, and retries', async () => {
    let calls = 0;
    server.use(
      http.get(`${API}/approvals`, () => {
        calls += 1;
        return calls === 1
          ? HttpResponse.json(errorBody(503, 'Error', 'The database is gone'), {
              status: 503,
            })
          : HttpResponse.json({ items: [] });
      }),
    );
    renderAs(GOV);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The approval requests cannot be read');
    expect(alert).toHaveTextContent('The database is gone');
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(
      await screen.findByText('Nothing waits for your decision.'),
    ).toBeInTheDocument();
  });
});
