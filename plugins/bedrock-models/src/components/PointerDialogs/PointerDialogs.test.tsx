import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  registerMswTestHooks,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import {
  aMove,
  aPointer,
  MODEL,
  modelDetails,
} from '../../__testUtils__/modelFixtures';
import { modelHandlers } from '../../__testUtils__/modelHandlers';
import { API, errorBody, testApis } from '../../__testUtils__/testApis';
import { ModelOverview } from '../ModelTab/ModelOverview';

// The dialogs are driven through the model page, as owners use them.
describe('promote, rollback and retire dialogs', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  async function openPromote(version: number) {
    await userEvent.click(
      await screen.findByRole('button', { name: `Promote version ${version}` }),
    );
    return screen.findByRole('dialog');
  }

  it('promotes a version: names from and to, sends the reason and what the user saw, says callers read the new ARN now, and refreshes', async () => {
    let promoted = false;
    let body: unknown;
    server.use(
      http.post(
        `${API}/models/${MODEL}/aliases/production`,
        async ({ request }) => {
          body = await request.json();
          promoted = true;
          return HttpResponse.json({
            move: aMove({ seq: 3, fromVersion: 2, toVersion: 3 }),
            pointer: aPointer('production', 'us-east-1', 3, { revision: 3 }),
            published: true,
            dryRun: false,
            outboxId: 7,
          });
        },
      ),
      ...modelHandlers(() =>
        promoted
          ? modelDetails({
              pointers: [
                aPointer('production', 'us-east-1', 3, { revision: 3 }),
                aPointer('staging', 'us-east-1', 3),
              ],
            })
          : modelDetails(),
      ),
    );
    const { alertApi, apis } = testApis();
    renderInTestApp(<ModelOverview modelName={MODEL} />, { apis });

    const dialog = within(await openPromote(3));
    expect(
      dialog.getByText('Promote version 3 of support-assistant'),
    ).toBeInTheDocument();
    expect(dialog.getByLabelText('move')).toHaveTextContent(
      'from version 2 to version 3',
    );
    const submit = dialog.getByRole('button', { name: 'Promote' });
    expect(submit).toBeDisabled();
    await userEvent.type(dialog.getByLabelText(/Reason/), 'fewer refusals');
    await userEvent.click(submit);

    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(body).toEqual({
      region: 'us-east-1',
      version: 3,
      reason: 'fewer refusals',
      expectedCurrentVersion: 2,
    });
    expect(alertApi.getAlerts()).toEqual([
      expect.objectContaining({
        message:
          'Version 3 now serves production in us-east-1. Callers reading /bedrock-models/support-assistant/production get the new ARN now.',
        severity: 'success',
      }),
    ]);
    expect(
      await within(
        screen.getByRole('region', { name: 'production in us-east-1' }),
      ).findByText('version 3'),
    ).toBeInTheDocument();
  });

  it('says SSM will follow when the backend could not publish within the request', async () => {
    server.use(
      http.post(`${API}/models/${MODEL}/aliases/production`, () =>
        HttpResponse.json({
          move: aMove({ seq: 3, fromVersion: 2, toVersion: 3 }),
          pointer: aPointer('production', 'us-east-1', 3, {
            revision: 3,
            parameterName: '/team-a/support-assistant/production',
          }),
          published: false,
          dryRun: false,
          outboxId: 7,
        }),
      ),
      ...modelHandlers(),
    );
    const { alertApi, apis } = testApis();
    renderInTestApp(<ModelOverview modelName={MODEL} />, { apis });

    const dialog = within(await openPromote(3));
    await userEvent.type(dialog.getByLabelText(/Reason/), 'fewer refusals');
    await userEvent.click(dialog.getByRole('button', { name: 'Promote' }));

    await waitFor(() =>
      expect(alertApi.getAlerts()).toEqual([
        expect.objectContaining({
          message:
            'Version 3 now serves production in us-east-1. Saved; SSM (/team-a/support-assistant/production) is being updated and will follow within a minute.',
          severity: 'success',
        }),
      ]),
    );
  });

  it('promotes to another alias: the first move of a pointer comes from no version', async () => {
    let body: unknown;
    server.use(
      http.post(
        `${API}/models/${MODEL}/aliases/staging`,
        async ({ request }) => {
          body = await request.json();
          return HttpResponse.json({
            move: aMove(),
            pointer: aPointer('staging', 'eu-central-1', 5),
            published: true,
            dryRun: false,
            outboxId: 8,
          });
        },
      ),
      ...modelHandlers(),
    );
    renderInTestApp(<ModelOverview modelName={MODEL} />, testApis());

    const dialog = within(await openPromote(5));
    await userEvent.click(dialog.getByRole('button', { name: /Alias/ }));
    await userEvent.click(
      await screen.findByRole('option', { name: 'staging' }),
    );
    expect(dialog.getByLabelText('move')).toHaveTextContent(
      'from no version to version 5',
    );
    await userEvent.type(dialog.getByLabelText(/Reason/), 'try in Frankfurt');
    await userEvent.click(dialog.getByRole('button', { name: 'Promote' }));
    await waitFor(() =>
      expect(body).toMatchObject({
        region: 'eu-central-1',
        expectedCurrentVersion: null,
      }),
    );
  });

  it('shows why the backend refused a promote (403) and keeps the dialog open', async () => {
    server.use(
      http.post(`${API}/models/${MODEL}/aliases/production`, () =>
        HttpResponse.json(
          errorBody(
            403,
            'NotAllowedError',
            'You may not move the pointers of model support-assistant: only its owners and the portal admins may.',
          ),
          { status: 403 },
        ),
      ),
      ...modelHandlers(),
    );
    renderInTestApp(<ModelOverview modelName={MODEL} />, testApis());

    const dialog = within(await openPromote(3));
    await userEvent.type(dialog.getByLabelText(/Reason/), 'try');
    await userEvent.click(dialog.getByRole('button', { name: 'Promote' }));
    expect(await dialog.findByText('Not promoted')).toBeInTheDocument();
    expect(
      dialog.getByText(/only its owners and the portal admins may/),
    ).toBeInTheDocument();
  });

  it('on a conflict, says who moved the pointer to what, refreshes, and promotes from the new state', async () => {
    let movedByCarol = false;
    const bodies: unknown[] = [];
    server.use(
      http.post(
        `${API}/models/${MODEL}/aliases/production`,
        async ({ request }) => {
          const body = (await request.json()) as {
            expectedCurrentVersion: number;
          };
          bodies.push(body);
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
          return HttpResponse.json({
            move: aMove({ fromVersion: 1, toVersion: 3 }),
            pointer: aPointer('production', 'us-east-1', 3, { revision: 4 }),
            published: true,
            dryRun: false,
            outboxId: 9,
          });
        },
      ),
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

    expect(
      await dialog.findByText(
        'Someone else moved the production pointer in us-east-1',
      ),
    ).toBeInTheDocument();
    expect(
      await dialog.findByText(
        /It now names version 1, moved by user:default\/carol at 2026-11-20 11:59 UTC\./,
      ),
    ).toBeInTheDocument();
    expect(dialog.getByLabelText('move')).toHaveTextContent(
      'from version 1 to version 3',
    );

    await userEvent.click(dialog.getByRole('button', { name: 'Promote' }));
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(bodies).toEqual([
      expect.objectContaining({ expectedCurrentVersion: 2 }),
      expect.objectContaining({ expectedCurrentVersion: 1 }),
    ]);
  });

  it('rolls a pointer back to the target the backend names, sends what the user saw, and says whether callers see it', async () => {
    let body: unknown;
    server.use(
      http.post(
        `${API}/models/${MODEL}/aliases/production/rollback`,
        async ({ request }) => {
          body = await request.json();
          return HttpResponse.json({
            move: aMove({ kind: 'rollback', fromVersion: 2, toVersion: 1 }),
            pointer: aPointer('production', 'us-east-1', 1, {
              revision: 3,
              rollbackTarget: 2,
            }),
            published: false,
            dryRun: false,
            outboxId: 10,
          });
        },
      ),
      ...modelHandlers(),
    );
    const { alertApi, apis } = testApis();
    renderInTestApp(<ModelOverview modelName={MODEL} />, { apis });

    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Roll back production in us-east-1',
      }),
    );
    const dialog = within(await screen.findByRole('dialog'));
    expect(dialog.getByLabelText('move')).toHaveTextContent(
      'from version 2 to version 1',
    );
    await userEvent.type(
      dialog.getByLabelText(/Reason/),
      'v2 hallucinates refunds',
    );
    await userEvent.click(dialog.getByRole('button', { name: 'Roll back' }));

    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(body).toEqual({
      region: 'us-east-1',
      reason: 'v2 hallucinates refunds',
      expectedCurrentVersion: 2,
    });
    expect(alertApi.getAlerts()[0].message).toBe(
      'The production pointer in us-east-1 is back on version 1. Saved; SSM (/bedrock-models/support-assistant/production) is being updated and will follow within a minute.',
    );
  });

  it('on a rollback conflict, shows who moved the pointer and the new from and to', async () => {
    let moved = false;
    server.use(
      http.post(`${API}/models/${MODEL}/aliases/production/rollback`, () => {
        moved = true;
        return HttpResponse.json(
          errorBody(
            409,
            'ConflictError',
            'The production pointer in us-east-1 now names version 3, not version 2: someone moved it. Reload and try again.',
          ),
          { status: 409 },
        );
      }),
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

    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Roll back production in us-east-1',
      }),
    );
    const dialog = within(await screen.findByRole('dialog'));
    await userEvent.type(dialog.getByLabelText(/Reason/), 'bad');
    await userEvent.click(dialog.getByRole('button', { name: 'Roll back' }));

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

  it('retires a version with a reason', async () => {
    let body: unknown;
    server.use(
      http.post(
        `${API}/models/${MODEL}/versions/1/retire`,
        async ({ request }) => {
          body = await request.json();
          return HttpResponse.json({});
        },
      ),
      ...modelHandlers(),
    );
    const { alertApi, apis } = testApis();
    renderInTestApp(<ModelOverview modelName={MODEL} />, { apis });

    await userEvent.click(
      await screen.findByRole('button', { name: 'Retire version 1' }),
    );
    const dialog = within(await screen.findByRole('dialog'));
    expect(
      dialog.getByText(/This deletes the imported model/),
    ).toHaveTextContent('support-assistant-v1 in us-east-1');
    await userEvent.type(dialog.getByLabelText(/Reason/), 'superseded by v2');
    await userEvent.click(dialog.getByRole('button', { name: 'Retire' }));
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(body).toEqual({ reason: 'superseded by v2' });
    expect(alertApi.getAlerts()[0].message).toBe('Version 1 is retired.');
  });

  it('shows why a retirement was refused (409: a pointer names it now)', async () => {
    server.use(
      http.post(`${API}/models/${MODEL}/versions/1/retire`, () =>
        HttpResponse.json(
          errorBody(
            409,
            'ConflictError',
            'Version 1 cannot be retired while staging in us-east-1 names it: promote another version first.',
          ),
          { status: 409 },
        ),
      ),
      ...modelHandlers(),
    );
    renderInTestApp(<ModelOverview modelName={MODEL} />, testApis());

    await userEvent.click(
      await screen.findByRole('button', { name: 'Retire version 1' }),
    );
    const dialog = within(await screen.findByRole('dialog'));
    await userEvent.type(dialog.getByLabelText(/Reason/), 'old');
    await userEvent.click(dialog.getByRole('button', { name: 'Retire' }));
    expect(
      await dialog.findByText(/while staging in us-east-1 names it/),
    ).toBeInTheDocument();
  });
});
