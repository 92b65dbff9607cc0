import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import type { Entity } from '@backstage/catalog-model';
import { coreExtensionData } from '@backstage/frontend-plugin-api';
import {
  createExtensionTester,
  registerMswTestHooks,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { auditHandlers } from './__testUtils__/auditHandlers';
import { governanceHandlers } from './__testUtils__/governanceHandlers';
import { modelEntity } from './__testUtils__/modelFixtures';
import { modelHandlers } from './__testUtils__/modelHandlers';
import { API, testApis } from './__testUtils__/testApis';
import { anApprovalRequest } from './__testUtils__/approvalFixtures';
import {
  bedrockModelEntityContent,
  bedrockModelSummaryEntityCard,
  bedrockModelsApprovalsHeaderLink,
  bedrockModelsApprovalsPage,
  bedrockModelsPage,
  bedrockModelsPlugin,
  bedrockModelVersionEntityCard,
} from './plugin';

const resource = (type: string): Entity => ({
  ...modelEntity,
  spec: { ...modelEntity.spec, type },
});

describe('bedrockModelsPlugin', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  it('is the bedrock-models plugin, titled for the sidebar, with its API, page, tab and card', () => {
    expect(bedrockModelsPlugin.pluginId).toBe('bedrock-models');
    expect(bedrockModelsPlugin.title).toBe('Bedrock models');
    expect(bedrockModelsPlugin.icon).toBeDefined();
  });

  it('mounts the governance page at /bedrock-models, with the title and icon its nav item uses', async () => {
    server.use(...auditHandlers(), ...governanceHandlers());
    const tester = createExtensionTester(bedrockModelsPage);
    expect(tester.get(coreExtensionData.routePath)).toBe('/bedrock-models');
    expect(tester.get(coreExtensionData.title)).toBe('Bedrock models');
    expect(tester.get(coreExtensionData.icon)).toBeDefined();

    renderInTestApp(tester.reactElement(), {
      ...testApis(),
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    });
    // It opens on what needs attention.
    expect(
      await screen.findByRole('region', {
        name: 'Versions that cost money but no pointer names',
      }),
    ).toBeInTheDocument();
  });

  it('adds the Bedrock tab to ai-model Resources only, and renders the model there', async () => {
    server.use(...modelHandlers());
    const tester = createExtensionTester(bedrockModelEntityContent);
    expect(tester.get(coreExtensionData.routePath)).toBe('bedrock');
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe('Bedrock');
    const filter = tester.get(EntityContentBlueprint.dataRefs.filterFunction)!;
    expect(filter(resource('ai-model'))).toBe(true);
    expect(filter(resource('ai-model-version'))).toBe(false);
    expect(filter({ ...resource('ai-model'), kind: 'Component' })).toBe(false);

    renderInTestApp(
      <EntityProvider entity={modelEntity}>
        {tester.reactElement()}
      </EntityProvider>,
      testApis(),
    );
    expect(await screen.findByText('Support assistant')).toBeInTheDocument();
  });

  it('adds the version card to ai-model-version Resources only', () => {
    const tester = createExtensionTester(bedrockModelVersionEntityCard);
    const filter = tester.get(EntityCardBlueprint.dataRefs.filterFunction)!;
    expect(filter(resource('ai-model-version'))).toBe(true);
    expect(filter(resource('ai-model'))).toBe(false);
  });

  it('mounts the Approvals page at /bedrock-models/approvals, with the title and icon its nav item uses', async () => {
    server.use(
      http.get(`${API}/approvals`, () => HttpResponse.json({ items: [] })),
    );
    const tester = createExtensionTester(bedrockModelsApprovalsPage);
    expect(tester.get(coreExtensionData.routePath)).toBe(
      '/bedrock-models/approvals',
    );
    expect(tester.get(coreExtensionData.title)).toBe('Model approvals');
    expect(tester.get(coreExtensionData.icon)).toBeDefined();

    renderInTestApp(tester.reactElement(), {
      ...testApis(),
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    });
    expect(
      await screen.findByText('Nothing waits for your decision.'),
    ).toBeInTheDocument();
  });

  it("links to the Approvals page from the plugin's page header, with how many wait for the user", async () => {
    server.use(
      http.get(`${API}/approvals`, () =>
        HttpResponse.json({ items: [anApprovalRequest()] }),
      ),
    );
    const tester = createExtensionTester(bedrockModelsApprovalsHeaderLink);
    renderInTestApp(tester.reactElement(), testApis());
    expect(
      await screen.findByRole('link', { name: 'Approvals (1 to decide)' }),
    ).toHaveAttribute('href', '/bedrock-models/approvals');
  });

  it('adds the summary card to ai-model Resources only (their Overview tab)', () => {
    const tester = createExtensionTester(bedrockModelSummaryEntityCard);
    const filter = tester.get(EntityCardBlueprint.dataRefs.filterFunction)!;
    expect(filter(resource('ai-model'))).toBe(true);
    expect(filter(resource('ai-model-version'))).toBe(false);
  });
});
