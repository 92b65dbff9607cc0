import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  registerMswTestHooks,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import {
  entityRouteRef,
  EntityProvider,
} from '@backstage/plugin-catalog-react';
import type { Entity } from '@backstage/catalog-model';
import { modelHandlers } from '../../__testUtils__/modelHandlers';
import { API, errorBody, testApis } from '../../__testUtils__/testApis';
import { VersionCard } from './VersionCard';

const versionEntity = (name: string, version?: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name,
    annotations: {
      'bedrock-models.io/model': 'support-assistant',
      ...(version ? { 'bedrock-models.io/version': version } : {}),
    },
  },
  spec: { type: 'ai-model-version', owner: 'group:default/support-ml' },
});

const options = () => ({
  ...testApis(),
  mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
});

describe('VersionCard', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  it('shows where the version runs, its state, the pointers naming it and its ARN, with a link to the model', async () => {
    server.use(...modelHandlers());
    renderInTestApp(
      <EntityProvider entity={versionEntity('support-assistant-v2', '2')}>
        <VersionCard />
      </EntityProvider>,
      options(),
    );

    expect(await screen.findByText('ready')).toBeInTheDocument();
    expect(screen.getByText('Where').nextSibling).toHaveTextContent(
      'us-east-1, account 111122223333',
    );
    expect(await screen.findByText('Ana Analyst')).toHaveAttribute(
      'title',
      'user:default/ana',
    );
    expect(screen.getByText('production')).toBeInTheDocument();
    expect(
      screen.getByText(
        'arn:aws:bedrock:us-east-1:111122223333:imported-model/support-assistant-v2',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'support-assistant' }),
    ).toHaveAttribute('href', '/catalog/default/resource/support-assistant');
  });

  it('shows why a failed import failed', async () => {
    server.use(...modelHandlers());
    renderInTestApp(
      <EntityProvider entity={versionEntity('support-assistant-v4', '4')}>
        <VersionCard />
      </EntityProvider>,
      options(),
    );
    expect(
      await screen.findByText('failed: config.json is missing'),
    ).toBeInTheDocument();
  });

  it('says so when the registry has no such version', async () => {
    server.use(...modelHandlers());
    renderInTestApp(
      <EntityProvider entity={versionEntity('support-assistant-v9', '9')}>
        <VersionCard />
      </EntityProvider>,
      options(),
    );
    expect(
      await screen.findByText(
        'Model support-assistant has no version 9 in the registry.',
      ),
    ).toBeInTheDocument();
  });

  it('says so when the registry has no such model', async () => {
    server.use(
      http.get(`${API}/models/support-assistant`, () =>
        HttpResponse.json(
          errorBody(404, 'NotFoundError', 'There is no model named x.'),
          { status: 404 },
        ),
      ),
    );
    renderInTestApp(
      <EntityProvider entity={versionEntity('support-assistant-v1', '1')}>
        <VersionCard />
      </EntityProvider>,
      options(),
    );
    expect(
      await screen.findByText(
        'Model support-assistant is not in the registry.',
      ),
    ).toBeInTheDocument();
  });
});
