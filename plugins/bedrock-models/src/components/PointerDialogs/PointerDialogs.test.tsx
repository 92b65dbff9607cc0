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
