import { Route, Routes } from 'react-router-dom';
import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { discoveryApiRef } from '@backstage/core-plugin-api';
import {
  mockApis,
  registerMswTestHooks,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { BedrockModelsPage, bedrockModelsLegacyPlugin } from './legacy';

describe('legacy export', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  it('renders the same page in a legacy app', async () => {
    server.use(
      http.get('*/api/bedrock-models/health', () =>
        HttpResponse.json({
          status: 'ok',
          database: { client: 'pg', migrationsApplied: 1 },
        }),
      ),
    );

    await renderInTestApp(
      <TestApiProvider apis={[[discoveryApiRef, mockApis.discovery()]]}>
        <Routes>
          <Route path="/bedrock-models" element={<BedrockModelsPage />} />
        </Routes>
      </TestApiProvider>,
      { routeEntries: ['/bedrock-models'] },
    );
    expect(bedrockModelsLegacyPlugin.getId()).toBe('bedrock-models');

    expect(await screen.findByText('Status: ok')).toBeInTheDocument();
  });
});
