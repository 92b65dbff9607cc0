import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { coreExtensionData } from '@backstage/frontend-plugin-api';
import {
  createExtensionTester,
  registerMswTestHooks,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import { bedrockModelsPage, bedrockModelsPlugin } from './plugin';

describe('bedrockModelsPlugin', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  it('is the bedrock-models plugin, titled for the sidebar', () => {
    expect(bedrockModelsPlugin.pluginId).toBe('bedrock-models');
    expect(bedrockModelsPlugin.title).toBe('Bedrock models');
    expect(bedrockModelsPlugin.icon).toBeDefined();
  });

  it('mounts its page at /bedrock-models, showing the backend health', async () => {
    server.use(
      http.get('*/api/bedrock-models/health', () =>
        HttpResponse.json({
          status: 'ok',
          database: { client: 'better-sqlite3', migrationsApplied: 1 },
        }),
      ),
    );
    const tester = createExtensionTester(bedrockModelsPage);
    expect(tester.get(coreExtensionData.routePath)).toBe('/bedrock-models');

    await renderInTestApp(tester.reactElement());

    expect(await screen.findByText('Status: ok')).toBeInTheDocument();
  });
});
