import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  registerMswTestHooks,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import { anApprovalRequest, aRule } from '../../__testUtils__/approvalFixtures';
import { aDryRun } from '../../__testUtils__/dryRunFixtures';
import {
  aMove,
  aPointer,
  MODEL,
  modelDetails,
} from '../../__testUtils__/modelFixtures';
import { modelHandlers } from '../../__testUtils__/modelHandlers';
import { errorBody, testApis } from '../../__testUtils__/testApis';
import { ModelOverview } from '../ModelTab/ModelOverview';
import { moveRoute } from '../../__testUtils__/moveTestHandlers';

const ROLLBACK = `/models/${MODEL}/aliases/production/rollback`;

/** The dry run of rolling production in us-east-1 back from version 2 to version 1. */
const dryRollback = (overrides = {}) =>
  aDryRun(1, {
    move: aMove({ kind: 'rollback', seq: 3, fromVersion: 2, toVersion: 1 }),
    pointer: aPointer('production', 'us-east-1', 1, {
      revision: 3,
      rollbackTarget: 2,
    }),
    ...overrides,
  });

const rolledBack = (emergency = false) => ({
  move: aMove({
    kind: 'rollback',
    seq: 3,
    fromVersion: 2,
    toVersion: 1,
    ...(emergency ? { emergency: true } : {}),
  }),
  pointer: aPointer('production', 'us-east-1', 1, {
    revision: 3,
    rollbackTarget: 2,
  }),
  published: false,
  dryRun: false,
  outboxId: 10,
});

describe('RollbackDialog', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  async function openRollback() {
    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Roll back production in us-east-1',
      }),
    );
    return within(await screen.findByRole('dialog'));
  }

  it('rolls back to the target the backend names: focuses the reason, shows the ARNs and parameter, sends what the user saw, and says whether callers see it', async () => {
    const route = moveRoute(ROLLBACK, {
      dryRun: () => dryRollback(),
      real: () => rolledBack(),
    });
    server.use(route.handler, ...modelHandlers());
    renderInTestApp(<ModelOverview modelName={MODEL} />, testApis());

    const dialog = await openRollback();
    expect(dialog.getByLabelText('move')).toHaveTextContent(
      'from version 2 to version 1',
    );
    const reason = dialog.getByLabelText(/Reason/);
    expect(reason).toHaveFocus();
    const evidence = within(
      dialog.getByRole('group', { name: 'What this move does' }),
    );
    expect(
      await evidence.findByText('/bedrock-models/support-assistant/production'),
    ).toBeInTheDocument();
    expect(
      evidence.getByText(
        'arn:aws:bedrock:us-east-1:111122223333:imported-model/support-assistant-v1',
      ),
    ).toBeInTheDocument();
    expect(
      await evidence.findByText(
        '2026-11-19 (the last UTC day a copy ran, from CloudWatch ModelCopy)',
      ),
    ).toBeInTheDocument();
    await userEvent.type(reason, 'v2 hallucinates refunds');
    await userEvent.click(dialog.getByRole('button', { name: 'Roll back' }));

    const done = await screen.findByRole('status', {
      name: 'Move confirmation',
    });
    expect(done).toHaveTextContent(
      'The production pointer in us-east-1 is back on version 1. Saved; SSM (/bedrock-models/support-assistant/production) is being updated and will follow within a minute.',
    );
    expect(route.sent).toEqual([
      {
        region: 'us-east-1',
        reason: 'v2 hallucinates refunds',
        expectedCurrentVersion: 2,
      },
    ]);
    expect(route.dryRuns).toEqual([
      expect.objectContaining({ expectedCurrentVersion: 2, dryRun: true }),
    ]);
  });

  it("an owner's emergency rollback under a rule moves at once and says so", async () => {
    const route = moveRoute(ROLLBACK, {
      dryRun: () =>
        dryRollback({ approvalRule: aRule(), needsApproval: false }),
      real: () => rolledBack(true),
    });
    server.use(route.handler, ...modelHandlers());
    renderInTestApp(<ModelOverview modelName={MODEL} />, testApis());

    const dialog = await openRollback();
    expect(
      await dialog.findByText(
        'Not needed: the approval rule for this pointer lets owners roll back at once, as an emergency; the history records it as one.',
      ),
    ).toBeInTheDocument();
    await userEvent.type(dialog.getByLabelText(/Reason/), 'latency');
    await userEvent.click(dialog.getByRole('button', { name: 'Roll back' }));
    expect(
      await screen.findByRole('status', { name: 'Move confirmation' }),
    ).toHaveTextContent(
      'The production pointer in us-east-1 is back on version 1. It was an emergency rollback, without approval; the history records it as one.',
    );
  });

  it('asks for approval when the rule does not let this user roll back at once', async () => {
    const request = anApprovalRequest({
      kind: 'rollback',
      targetVersion: 1,
    });
    const route = moveRoute(ROLLBACK, {
      dryRun: () =>
        dryRollback({
          approvalRule: aRule({ allowEmergencyRollback: false }),
          needsApproval: true,
        }),
      real: () => ({ approvalRequest: request }),
    });
    server.use(route.handler, ...modelHandlers());
    renderInTestApp(<ModelOverview modelName={MODEL} />, testApis());

    const dialog = await openRollback();
    const ask = await dialog.findByRole('button', { name: 'Request approval' });
    await userEvent.type(dialog.getByLabelText(/Reason/), 'latency');
    await userEvent.click(ask);
    const done = await screen.findByRole('status', {
      name: 'Move confirmation',
    });
    expect(done).toHaveTextContent(
      'Approval requested: the production pointer in us-east-1 moves to version 1',
    );
    expect(done).toHaveTextContent('Nothing has moved yet.');
    expect(
      within(done).getByRole('link', { name: 'Open the request' }),
    ).toHaveAttribute(
      'href',
      `/bedrock-models/approvals?request=${request.id}`,
    );
  });

  it('on a conflict, announces who moved the pointer and shows the new from and to', async () => {
    let moved = false;
    const route = moveRoute(ROLLBACK, {
      dryRun: () => dryRollback(),
      real: () => {
        moved = true;
        return HttpResponse.json(
          errorBody(
            409,
            'ConflictError',
            'The production pointer in us-east-1 now names version 3, not version 2: someone moved it. Reload and try again.',
          ),
          { status: 409 },
        );
      },
    });
    server.use(
      route.handler,
      ...modelHandlers(() =>
        moved
          ? modelDetails({
              pointers: [
                aPointer('production', 'us-east-1', 3, {
                  revision: 3,
                  rollbackTarget: 2,
                  updatedBy: 'user:default/dan',
                  updatedAt: '2026-11-20T11:00:00.000Z',
                }),
              ],
            })
          : modelDetails(),
      ),
    );
    renderInTestApp(<ModelOverview modelName={MODEL} />, testApis());

    const dialog = await openRollback();
    await userEvent.type(dialog.getByLabelText(/Reason/), 'bad');
    await userEvent.click(dialog.getByRole('button', { name: 'Roll back' }));

    expect(await dialog.findByRole('alert')).toHaveTextContent(
      'Someone else moved the production pointer in us-east-1',
    );
    expect(
      await dialog.findByText(
        /It now names version 3, moved by user:default\/dan/,
      ),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(dialog.getByLabelText('move')).toHaveTextContent(
        'from version 3 to version 2',
      ),
    );
  });
});
