import { Route, Routes } from 'react-router-dom';
import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { ReactNode } from 'react';
import { alertApiRef } from '@backstage/core-plugin-api';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import {
  mockApis,
  registerMswTestHooks,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { governanceHandlers } from './__testUtils__/governanceHandlers';
import { modelEntity } from './__testUtils__/modelFixtures';
import { modelHandlers } from './__testUtils__/modelHandlers';
import { API, fixedPermissionApi } from './__testUtils__/testApis';
import {
  BedrockModelsApprovalsPage,
  BedrockModelsPage,
  bedrockModelsApiRef,
  CachingBedrockModelsClient,
  bedrockModelsLegacyPlugin,
  EntityBedrockModelContent,
} from './legacy';

describe('legacy exports', () => {
  // @backstage/test-utils' renderInTestApp renders inside an async act(): await it, or the act scope stays
  // open while findBy* waits and React prints 'not configured to support act(...)' for every update.
  const server = setupServer();
  registerMswTestHooks(server);

  // A legacy app builds the client from the plugin's own API factory.
  function legacyClient() {
    const [factory] = [...bedrockModelsLegacyPlugin.getApis()];
    return factory.factory({
      discoveryApi: mockApis.discovery({ baseUrl: 'http://example.com' }),
      fetchApi: {
        fetch: (...args: Parameters<typeof fetch>) => globalThis.fetch(...args),
      },
    }) as CachingBedrockModelsClient;
  }

  const LegacyApis = (props: { children: ReactNode }) => (
    <TestApiProvider
      apis={[
        [bedrockModelsApiRef, legacyClient()],
        [permissionApiRef, fixedPermissionApi('ALLOW')],
        [alertApiRef, { post: () => {} }],
      ]}
    >
      {props.children}
    </TestApiProvider>
  );

  it('provides the API client through the plugin', () => {
    const [factory] = [...bedrockModelsLegacyPlugin.getApis()];
    expect(bedrockModelsLegacyPlugin.getId()).toBe('bedrock-models');
    expect(factory.api.id).toBe(bedrockModelsApiRef.id);
    expect(legacyClient()).toBeInstanceOf(CachingBedrockModelsClient);
  });

  it('renders the Approvals page in a legacy app', async () => {
    server.use(
      http.get(`${API}/approvals`, () => HttpResponse.json({ items: [] })),
    );
    await renderInTestApp(
      <LegacyApis>
        <Routes>
          <Route
            path="/bedrock-models/approvals"
            element={<BedrockModelsApprovalsPage />}
          />
        </Routes>
      </LegacyApis>,
      {
        routeEntries: ['/bedrock-models/approvals'],
        mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      },
    );
    expect(
      await screen.findByText('Nothing waits for your decision.'),
    ).toBeInTheDocument();
  });

  it('renders the governance page in a legacy app', async () => {
    server.use(...governanceHandlers());
    await renderInTestApp(
      <LegacyApis>
        <Routes>
          <Route path="/bedrock-models" element={<BedrockModelsPage />} />
        </Routes>
      </LegacyApis>,
      {
        routeEntries: ['/bedrock-models?view=versions'],
        mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      },
    );
    expect(await screen.findByText('6 of 6 versions')).toBeInTheDocument();
  });

  it('renders the model tab on a legacy entity page', async () => {
    server.use(...modelHandlers());
    await renderInTestApp(
      <LegacyApis>
        <EntityProvider entity={modelEntity}>
          <EntityBedrockModelContent />
        </EntityProvider>
      </LegacyApis>,
    );
    expect(await screen.findByText('Support assistant')).toBeInTheDocument();
  });
});
