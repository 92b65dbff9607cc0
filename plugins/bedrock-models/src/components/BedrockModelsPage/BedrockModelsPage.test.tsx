import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  registerMswTestHooks,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import { BedrockModelsPage } from './BedrockModelsPage';

describe('BedrockModelsPage', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  it('shows the backend status and database it reports', async () => {
    server.use(
      http.get('*/api/bedrock-models/health', () =>
        HttpResponse.json({
          status: 'ok',
          database: { client: 'pg', migrationsApplied: 3 },
        }),
      ),
    );

    await renderInTestApp(<BedrockModelsPage />);

    expect(await screen.findByText('Status: ok')).toBeInTheDocument();
    expect(
      screen.getByText('Database: pg (3 migrations applied)'),
    ).toBeInTheDocument();
  });

  it('says why when the backend cannot answer', async () => {
    server.use(
      http.get('*/api/bedrock-models/health', () =>
        HttpResponse.json(
          {
            error: {
              name: 'ServiceUnavailableError',
              message: 'The bedrock-models database cannot be read: gone',
            },
            response: { statusCode: 503 },
          },
          { status: 503 },
        ),
      ),
    );

    await renderInTestApp(<BedrockModelsPage />);

    expect(
      await screen.findByText(/The bedrock-models backend cannot be reached/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/The bedrock-models database cannot be read: gone/),
    ).toBeInTheDocument();
  });
});
