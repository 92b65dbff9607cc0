import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  registerMswTestHooks,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import { costReport } from '../../__testUtils__/costFixtures';
import { anApprovalRequest, aRule } from '../../__testUtils__/approvalFixtures';
import { aDryRun } from '../../__testUtils__/dryRunFixtures';
import { aRun } from '../../__testUtils__/evaluationFixtures';
import {
  aMove,
  aPointer,
  MODEL,
  modelDetails,
} from '../../__testUtils__/modelFixtures';
import { modelHandlers } from '../../__testUtils__/modelHandlers';
import { API, errorBody, testApis } from '../../__testUtils__/testApis';
import { ModelOverview } from '../ModelTab/ModelOverview';
import { moveRoute } from '../../__testUtils__/moveTestHandlers';

const PRODUCTION = `/models/${MODEL}/aliases/production`;

/** The real move of production in us-east-1 to `to`, from version 2. */
const moved = (to: number, published = true) => ({
  move: aMove({
    seq: 3,
    fromVersion: 2,
    toVersion: to,
    reason: 'fewer refusals',
  }),
  pointer: aPointer('production', 'us-east-1', to, {
    revision: 3,
    rollbackTarget: 2,
  }),
  published,
  dryRun: false,
  outboxId: 7,
});

// The dialogs are driven through the model page, as owners use them.
describe('PromoteDialog', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  async function openPromote(version: number) {
    await userEvent.click(
      await screen.findByRole('button', { name: `Promote version ${version}` }),
    );
    return screen.findByRole('dialog');
  }

  const confirmation = () =>
    screen.findByRole('status', { name: 'Move confirmation' });

  it('shows what the move does before the click: SSM parameter, Region and account, the ARN now and after, when the version last ran, no approval needed', async () => {
    const route = moveRoute(PRODUCTION, {
      dryRun: () => aDryRun(3),
      real: () => moved(3),
    });
    const cost = costReport();
    cost.versions.push({
      ...cost.versions[0],
      version: 3,
      days: [
        { day: '2026-11-17', cmuMinutes: 20, compute: 2, storage: 0.1 },
        { day: '2026-11-18', cmuMinutes: 0, compute: 0, storage: 0.1 },
      ],
    });
    server.use(
      route.handler,
      http.get(`${API}/models/${MODEL}/cost`, () => HttpResponse.json(cost)),
      ...modelHandlers(),
    );
    renderInTestApp(<ModelOverview modelName={MODEL} />, testApis());

    const dialog = within(await openPromote(3));
    expect(
      dialog.getByText('Promote version 3 of support-assistant'),
    ).toBeInTheDocument();
    // The first field has the focus.
    expect(dialog.getByRole('button', { name: /Alias/ })).toHaveFocus();
    const evidence = within(
      dialog.getByRole('group', { name: 'What this move does' }),
    );
    expect(
      await evidence.findByText('/bedrock-models/support-assistant/production'),
    ).toBeInTheDocument();
    expect(
      evidence.getByText('us-east-1, account 111122223333'),
    ).toBeInTheDocument();
    expect(
      evidence.getByText(
        'arn:aws:bedrock:us-east-1:111122223333:imported-model/support-assistant-v2',
      ),
    ).toBeInTheDocument();
    expect(
      evidence.getByText(
        'arn:aws:bedrock:us-east-1:111122223333:imported-model/support-assistant-v3',
      ),
    ).toBeInTheDocument();
    expect(
      await evidence.findByText(
        '2026-11-17 (the last UTC day a copy ran, from CloudWatch ModelCopy)',
      ),
    ).toBeInTheDocument();
    expect(
      evidence.getByText(
        'Not needed: no approval rule covers production of this model, so the pointer moves when you click.',
      ),
    ).toBeInTheDocument();
    expect(dialog.getByRole('button', { name: 'Promote' })).toBeDisabled();
    expect(route.dryRuns).toEqual([
      expect.objectContaining({
        region: 'us-east-1',
        version: 3,
        expectedCurrentVersion: 2,
        dryRun: true,
      }),
    ]);
  });

  it('promotes: sends the reason and what the user saw, confirms what callers read, refreshes, and offers Undo with the reason filled in', async () => {
    let promoted = false;
    const route = moveRoute(PRODUCTION, {
      dryRun: () => aDryRun(3),
      real: () => {
        promoted = true;
        return moved(3);
      },
    });
    const rollback = moveRoute(`${PRODUCTION}/rollback`, {
      dryRun: () =>
        aDryRun(2, {
          move: aMove({
            kind: 'rollback',
            seq: 4,
            fromVersion: 3,
            toVersion: 2,
          }),
        }),
      real: () => ({
        move: aMove({ kind: 'rollback', seq: 4, fromVersion: 3, toVersion: 2 }),
        pointer: aPointer('production', 'us-east-1', 2, {
          revision: 4,
          rollbackTarget: 3,
        }),
        published: true,
        dryRun: false,
      }),
    });
    server.use(
      route.handler,
      rollback.handler,
      ...modelHandlers(() =>
        promoted
          ? modelDetails({
              pointers: [
                aPointer('production', 'us-east-1', 3, {
                  revision: 3,
                  rollbackTarget: 2,
                }),
                aPointer('staging', 'us-east-1', 3),
              ],
            })
          : modelDetails(),
      ),
    );
    renderInTestApp(<ModelOverview modelName={MODEL} />, testApis());

    const dialog = within(await openPromote(3));
    expect(dialog.getByLabelText('move')).toHaveTextContent(
      'from version 2 to version 3',
    );
    await userEvent.type(dialog.getByLabelText(/Reason/), 'fewer refusals');
    await userEvent.click(dialog.getByRole('button', { name: 'Promote' }));

    const done = await confirmation();
    expect(done).toHaveTextContent(
      'Version 3 now serves production in us-east-1. Callers reading /bedrock-models/support-assistant/production get the new ARN now.',
    );
    expect(done).toHaveFocus();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(route.sent).toEqual([
      {
        region: 'us-east-1',
        version: 3,
        reason: 'fewer refusals',
        expectedCurrentVersion: 2,
      },
    ]);
    expect(
      await within(
        screen.getByRole('region', { name: 'production in us-east-1' }),
      ).findByText('version 3'),
    ).toBeInTheDocument();

    // Undo: the rollback dialog, with the reason filled in and focused.
    await userEvent.click(within(done).getByRole('button', { name: 'Undo' }));
    const undo = within(await screen.findByRole('dialog'));
    expect(undo.getByLabelText('move')).toHaveTextContent(
      'from version 3 to version 2',
    );
    const reason = undo.getByLabelText(/Reason/);
    expect(reason).toHaveValue(
      'Undo of the promote of production in us-east-1 to version 3 (fewer refusals)',
    );
    expect(reason).toHaveFocus();
    await userEvent.click(undo.getByRole('button', { name: 'Roll back' }));
    await waitFor(() =>
      expect(
        screen.getByRole('status', { name: 'Move confirmation' }),
      ).toHaveTextContent(
        'The production pointer in us-east-1 is back on version 2.',
      ),
    );
    expect(rollback.sent).toEqual([
      {
        region: 'us-east-1',
        reason:
          'Undo of the promote of production in us-east-1 to version 3 (fewer refusals)',
        expectedCurrentVersion: 3,
      },
    ]);
  });

  it('says SSM will follow when the backend could not publish within the request', async () => {
    const route = moveRoute(PRODUCTION, {
      dryRun: () => aDryRun(3),
      real: () => {
        const answer = moved(3, false);
        answer.pointer.parameterName = '/team-a/support-assistant/production';
        return answer;
      },
    });
    server.use(route.handler, ...modelHandlers());
    renderInTestApp(<ModelOverview modelName={MODEL} />, testApis());

    const dialog = within(await openPromote(3));
    await userEvent.type(dialog.getByLabelText(/Reason/), 'fewer refusals');
    await userEvent.click(dialog.getByRole('button', { name: 'Promote' }));

    expect(await confirmation()).toHaveTextContent(
      'Version 3 now serves production in us-east-1. Saved; SSM (/team-a/support-assistant/production) is being updated and will follow within a minute.',
    );
  });

  it('promotes to another alias: dry-runs again, and the first move of a pointer comes from no version', async () => {
    const route = moveRoute(`/models/${MODEL}/aliases/staging`, {
      dryRun: () =>
        aDryRun(5, {
          pointer: aPointer('staging', 'eu-central-1', 5, {
            parameterName: '/bedrock-models/support-assistant/staging',
          }),
        }),
      real: () => ({
        move: aMove(),
        pointer: aPointer('staging', 'eu-central-1', 5),
        published: true,
        dryRun: false,
        outboxId: 8,
      }),
    });
    const production = moveRoute(PRODUCTION, {
      dryRun: () => aDryRun(5),
      real: () => moved(5),
    });
    server.use(route.handler, production.handler, ...modelHandlers());
    renderInTestApp(<ModelOverview modelName={MODEL} />, testApis());

    const dialog = within(await openPromote(5));
    await userEvent.click(dialog.getByRole('button', { name: /Alias/ }));
    await userEvent.click(
      await screen.findByRole('option', { name: 'staging' }),
    );
    expect(dialog.getByLabelText('move')).toHaveTextContent(
      'from no version to version 5',
    );
    expect(
      await dialog.findByText('/bedrock-models/support-assistant/staging'),
    ).toBeInTheDocument();
    await userEvent.type(dialog.getByLabelText(/Reason/), 'try in Frankfurt');
    await userEvent.click(dialog.getByRole('button', { name: 'Promote' }));
    await waitFor(() =>
      expect(route.sent).toEqual([
        expect.objectContaining({
          region: 'eu-central-1',
          expectedCurrentVersion: null,
        }),
      ]),
    );
    expect(route.dryRuns).toHaveLength(1);
    expect(production.sent).toEqual([]);
  });

  it('asks for approval when a rule covers the move: says from whom and until when, and after the request says nothing moved and links to it', async () => {
    const request = anApprovalRequest();
    const route = moveRoute(PRODUCTION, {
      dryRun: () => aDryRun(3, { approvalRule: aRule(), needsApproval: true }),
      real: () => ({ approvalRequest: request }),
    });
    server.use(route.handler, ...modelHandlers());
    renderInTestApp(<ModelOverview modelName={MODEL} />, testApis());

    const dialog = within(await openPromote(3));
    expect(
      await dialog.findByText(
        "Needs one approval from the model's owners or ML Governance, someone other than the requester; the request expires 24 h after it is made. Nothing moves until it is approved.",
      ),
    ).toBeInTheDocument();
    const ask = dialog.getByRole('button', { name: 'Request approval' });
    expect(dialog.queryByRole('button', { name: 'Promote' })).toBeNull();
    await userEvent.type(dialog.getByLabelText(/Reason/), 'fewer refusals');
    await userEvent.click(ask);

    const done = await confirmation();
    expect(done).toHaveTextContent(
      "Approval requested: the production pointer in us-east-1 moves to version 3 after one approval from the model's owners or ML Governance (by 2026-11-21 12:00 UTC). Nothing has moved yet.",
    );
    expect(
      within(done).getByRole('link', { name: 'Open the request' }),
    ).toHaveAttribute(
      'href',
      `/bedrock-models/approvals?request=${request.id}`,
    );
    expect(within(done).queryByRole('button', { name: 'Undo' })).toBeNull();
  });

  it("shows the evaluation gate's view: the candidate's last run next to production's, with links, and the gate's warning", async () => {
    const candidate = aRun({
      passed: 1,
      passRate: 0.5,
      status: 'failed',
      coldStarts: 1,
    });
    const current = aRun({
      id: '11111111-2222-3333-4444-555555555555',
      version: 2,
    });
    const route = moveRoute(PRODUCTION, {
      dryRun: () =>
        aDryRun(3, {
          evaluation: {
            mode: 'warn',
            minPassRate: 1,
            verdict: 'warn',
            message:
              'The last evaluation of version 3 (2026-11-20 10:00 UTC) passed 50% of its prompts; production needs 100%.',
            candidate,
            current,
          },
        }),
      real: () => ({
        ...moved(3),
        warnings: [
          'The last evaluation of version 3 (2026-11-20 10:00 UTC) passed 50% of its prompts; production needs 100%.',
        ],
      }),
    });
    server.use(route.handler, ...modelHandlers());
    renderInTestApp(<ModelOverview modelName={MODEL} />, testApis());

    const dialog = within(await openPromote(3));
    const evidence = within(
      await dialog.findByRole('group', { name: 'Evaluation evidence' }),
    );
    expect(
      await evidence.findByText(
        'The production gate warns about a promote without a passing evaluation (100% of prompts must pass).',
      ),
    ).toBeInTheDocument();
    expect(
      evidence.getByText(
        /1 of 2 prompts passed \(50%\) · p50 850 ms · p95 1.4 s · 1 cold start/,
      ),
    ).toBeInTheDocument();
    expect(
      evidence.getByText(/2 of 2 prompts passed \(100%\)/),
    ).toBeInTheDocument();
    expect(
      evidence.getByRole('link', { name: 'Open the run of version 3' }),
    ).toHaveAttribute(
      'href',
      `/?evaluationRun=${candidate.id}#bedrock-evaluations`,
    );
    expect(
      evidence.getByRole('link', { name: 'Open the run of version 2' }),
    ).toBeInTheDocument();
    expect(evidence.getByText('The gate warns')).toBeInTheDocument();
    expect(dialog.getByRole('button', { name: 'Promote' })).toBeDisabled();
    await userEvent.type(dialog.getByLabelText(/Reason/), 'accept the risk');
    await userEvent.click(dialog.getByRole('button', { name: 'Promote' }));
    // The confirmation says what the move went ahead despite.
    expect(await confirmation()).toHaveTextContent(
      'It went ahead despite: The last evaluation of version 3 (2026-11-20 10:00 UTC) passed 50% of its prompts; production needs 100%.',
    );
  });

  it('disables the promote when the gate blocks it, saying why', async () => {
    const route = moveRoute(PRODUCTION, {
      dryRun: () =>
        aDryRun(3, {
          evaluation: {
            mode: 'block',
            minPassRate: 1,
            verdict: 'block',
            message:
              "Version 3 has not been evaluated: run the model's evaluation suite on it before promoting it to production.",
          },
        }),
      real: () => moved(3),
    });
    server.use(route.handler, ...modelHandlers());
    renderInTestApp(<ModelOverview modelName={MODEL} />, testApis());

    const dialog = within(await openPromote(3));
    expect(
      await dialog.findByText('The gate blocks this promote'),
    ).toBeInTheDocument();
    expect(
      dialog.getByText(/has not been evaluated: run the model/),
    ).toBeInTheDocument();
    expect(
      dialog.getByText('Version 3 (candidate)').closest('p'),
    ).toHaveTextContent('not evaluated in us-east-1 yet');
    await userEvent.type(dialog.getByLabelText(/Reason/), 'anyway');
    expect(dialog.getByRole('button', { name: 'Promote' })).toBeDisabled();
  });

  it('without a gate on the alias, shows the latest finished runs for information', async () => {
    const route = moveRoute(PRODUCTION, {
      dryRun: () => aDryRun(3),
      real: () => moved(3),
    });
    const queries: string[] = [];
    server.use(
      route.handler,
      http.get(`${API}/models/${MODEL}/evaluations`, ({ request }) => {
        const version = new URL(request.url).searchParams.get('version');
        queries.push(version ?? 'all');
        return HttpResponse.json({
          items:
            version === '3'
              ? [aRun({ id: 'a', status: 'running' }), aRun({ id: 'b' })]
              : [],
        });
      }),
      ...modelHandlers(),
    );
    renderInTestApp(<ModelOverview modelName={MODEL} />, testApis());

    const dialog = within(await openPromote(3));
    const evidence = within(
      await dialog.findByRole('group', { name: 'Evaluation evidence' }),
    );
    expect(
      await evidence.findByText(
        'No evaluation gate on production: the latest runs are shown for information.',
      ),
    ).toBeInTheDocument();
    expect(evidence.getByText(/2 of 2 prompts passed/)).toBeInTheDocument();
    expect(
      evidence.getByRole('link', { name: 'Open the run of version 3' }),
    ).toHaveAttribute('href', '/?evaluationRun=b#bedrock-evaluations');
    expect(
      evidence.getByText('Version 2 (production now)').closest('p'),
    ).toHaveTextContent('not evaluated in us-east-1 yet');
    expect(queries).toEqual(expect.arrayContaining(['3', '2']));
  });

  it('announces why the backend refused a promote (403) as a message, and keeps the dialog open', async () => {
    const refusal = () =>
      HttpResponse.json(
        errorBody(
          403,
          'NotAllowedError',
          'You may not move the pointers of model support-assistant: only its owners and the portal admins may.',
        ),
        { status: 403 },
      );
    const route = moveRoute(PRODUCTION, {
      dryRun: () => aDryRun(3),
      real: refusal,
    });
    server.use(route.handler, ...modelHandlers());
    renderInTestApp(<ModelOverview modelName={MODEL} />, testApis());

    const dialog = within(await openPromote(3));
    await userEvent.type(dialog.getByLabelText(/Reason/), 'try');
    await userEvent.click(dialog.getByRole('button', { name: 'Promote' }));
    const alert = await dialog.findByRole('alert');
    expect(alert).toHaveTextContent('Not promoted');
    expect(alert).toHaveTextContent(
      'only its owners and the portal admins may.',
    );
    expect(alert).not.toHaveTextContent('{');
  });

  it('says so when the dry run is refused, and still lets the owner try', async () => {
    const route = moveRoute(PRODUCTION, {
      dryRun: () =>
        HttpResponse.json(
          errorBody(503, 'ServiceUnavailableError', 'The database is gone'),
          { status: 503 },
        ),
      real: () => moved(3),
    });
    server.use(route.handler, ...modelHandlers());
    renderInTestApp(<ModelOverview modelName={MODEL} />, testApis());

    const dialog = within(await openPromote(3));
    expect(
      await dialog.findByText('Not known: The database is gone'),
    ).toBeInTheDocument();
    await userEvent.type(dialog.getByLabelText(/Reason/), 'go');
    expect(dialog.getByRole('button', { name: 'Promote' })).toBeEnabled();
  });

  it('on a conflict, says who moved the pointer to what, refreshes, dry-runs again and promotes from the new state', async () => {
    let movedByCarol = false;
    const route = moveRoute(PRODUCTION, {
      dryRun: () => aDryRun(3),
      real: body => {
        if (body.expectedCurrentVersion !== 1) {
          movedByCarol = true;
          return HttpResponse.json(
            errorBody(
              409,
              'ConflictError',
              'The production pointer in us-east-1 now names version 1, not version 2: someone moved it. Reload and try again.',
            ),
            { status: 409 },
          );
        }
        return {
          move: aMove({ fromVersion: 1, toVersion: 3 }),
          pointer: aPointer('production', 'us-east-1', 3, { revision: 4 }),
          published: true,
          dryRun: false,
          outboxId: 9,
        };
      },
    });
    server.use(
      route.handler,
      ...modelHandlers(() =>
        movedByCarol
          ? modelDetails({
              pointers: [
                aPointer('production', 'us-east-1', 1, {
                  revision: 3,
                  updatedBy: 'user:default/carol',
                  updatedAt: '2026-11-20T11:59:00.000Z',
                }),
              ],
            })
          : modelDetails(),
      ),
    );
    renderInTestApp(<ModelOverview modelName={MODEL} />, testApis());

    const dialog = within(await openPromote(3));
    await userEvent.type(dialog.getByLabelText(/Reason/), 'ship it');
    await userEvent.click(dialog.getByRole('button', { name: 'Promote' }));

    const conflict = await dialog.findByRole('alert');
    expect(conflict).toHaveTextContent(
      'Someone else moved the production pointer in us-east-1',
    );
    expect(
      await dialog.findByText(
        /It now names version 1, moved by user:default\/carol at 2026-11-20 11:59 UTC\./,
      ),
    ).toBeInTheDocument();
    expect(dialog.getByLabelText('move')).toHaveTextContent(
      'from version 1 to version 3',
    );
    await waitFor(() =>
      expect(route.dryRuns.map(b => b.expectedCurrentVersion)).toEqual([2, 1]),
    );

    await userEvent.click(dialog.getByRole('button', { name: 'Promote' }));
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(route.sent.map(b => b.expectedCurrentVersion)).toEqual([2, 1]);
    // A pointer that never named another version cannot be undone.
    expect(
      within(await confirmation()).queryByRole('button', { name: 'Undo' }),
    ).toBeNull();
  });
});
