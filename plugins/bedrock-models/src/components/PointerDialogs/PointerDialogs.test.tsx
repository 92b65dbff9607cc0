import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  registerMswTestHooks,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import { MODEL } from '../../__testUtils__/modelFixtures';
import { modelHandlers } from '../../__testUtils__/modelHandlers';
import { API, errorBody, testApis } from '../../__testUtils__/testApis';
import { ModelOverview } from '../ModelTab/ModelOverview';

// The dialogs are driven through the model page, as owners use them. Promote and rollback have their
// own files (PromoteDialog.test.tsx, RollbackDialog.test.tsx).
describe('retire dialog', () => {
  const server = setupServer();
  registerMswTestHooks(server);

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
    ).toHaveTextContent(
      'This deletes the imported model support-assistant-v1 in us-east-1, account 111122223333:',
    );
    expect(
      dialog.getByText(
        'arn:aws:bedrock:us-east-1:111122223333:imported-model/support-assistant-v1',
      ),
    ).toBeInTheDocument();
    // The first field has the focus, so the owner types the reason at once.
    expect(dialog.getByLabelText(/Reason/)).toHaveFocus();
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
    // Announced: the refusal is an alert.
    await waitFor(() =>
      expect(
        dialog
          .getAllByRole('alert')
          .some(a =>
            /while staging in us-east-1 names it/.test(a.textContent ?? ''),
          ),
      ).toBe(true),
    );
  });

  it('warns when the version had traffic in the last 30 days, saying how much and when', async () => {
    server.use(...modelHandlers());
    renderInTestApp(<ModelOverview modelName={MODEL} />, testApis());

    await userEvent.click(
      await screen.findByRole('button', { name: 'Retire version 1' }),
    );
    const dialog = within(await screen.findByRole('dialog'));
    const warning = await dialog.findByRole('alert');
    expect(warning).toHaveTextContent('This version had traffic recently');
    expect(warning).toHaveTextContent(
      'Version 1 had traffic recently: 1,520 calls in the last 30 days, last at 2026-11-19 14:00 UTC.',
    );
  });

  it('says when the version was not called lately, and when that cannot be read', async () => {
    let calls = 0;
    server.use(
      http.get(`${API}/report`, () => {
        calls += 1;
        return calls === 1
          ? HttpResponse.json(errorBody(503, 'Error', 'Restarting'), {
              status: 503,
            })
          : undefined;
      }),
      ...modelHandlers(),
    );
    renderInTestApp(<ModelOverview modelName={MODEL} />, testApis());

    await userEvent.click(
      await screen.findByRole('button', { name: 'Retire version 1' }),
    );
    const dialog = within(await screen.findByRole('dialog'));
    expect(
      await dialog.findByText(
        'Whether it was called lately cannot be read: Restarting',
      ),
    ).toBeInTheDocument();
    expect(dialog.queryByRole('alert')).toBeNull();
  });
});
