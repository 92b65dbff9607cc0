import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  mockApis,
  registerMswTestHooks,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { SecretsContextProvider } from '@backstage/plugin-scaffolder-react';
import { Stepper } from '@backstage/plugin-scaffolder-react/alpha';
import type { ModelSummary } from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import {
  API,
  bedrockModelsApiPair,
  errorBody,
  fixedPermissionApi,
} from '../__testUtils__/testApis';
import { ModelPicker } from './ModelPicker';
import { MODEL_PICKER, validateModelPick } from './modelPickerField';

const USER = 'user:default/ana';
const TEAM = 'group:default/support-ml';

const summary = (
  name: string,
  owner: string,
  title?: string,
): ModelSummary => ({
  name,
  owner,
  title,
  classification: 'internal',
  lineage: {},
  tags: [],
  createdBy: USER,
  createdAt: '2026-11-01T10:00:00.000Z',
  updatedAt: '2026-11-01T10:00:00.000Z',
  versionCount: 1,
  regions: ['us-east-1'],
  pointers: [],
});

const MODELS = [
  summary('support-summarizer', TEAM, 'Support ticket summarizer'),
  summary('ana-sandbox', USER),
  summary('claims-triage', 'group:default/claims-ai'),
];

const manifest = {
  title: 'Import',
  steps: [
    {
      title: 'Model',
      schema: {
        type: 'object',
        required: ['existingModel'],
        properties: {
          existingModel: {
            title: 'Model',
            type: 'string',
            'ui:field': MODEL_PICKER,
          },
        },
      },
    },
  ],
};

const extension = {
  name: MODEL_PICKER,
  component: ModelPicker,
  validation: validateModelPick,
};

describe('ModelPicker in the template form', () => {
  const server = setupServer();
  registerMswTestHooks(server);
  let owners: Array<string | null>;

  beforeAll(() => {
    window.scrollTo = jest.fn();
  });
  beforeEach(() => {
    owners = [];
    server.use(
      http.get(`${API}/models`, ({ request }) => {
        const params = new URL(request.url).searchParams;
        const owner = params.get('owner');
        owners.push(owner);
        // As the backend: at most 200 a page, from an offset.
        const limit = Number(params.get('limit') ?? 50);
        if (limit > 200) {
          return HttpResponse.json(
            errorBody(
              400,
              'InputError',
              'Invalid query: limit: Too big: expected number to be <=200',
            ),
            { status: 400 },
          );
        }
        const offset = Number(params.get('offset') ?? 0);
        const matching = MODELS.filter(m => !owner || m.owner === owner);
        return HttpResponse.json({
          items: matching.slice(offset, offset + limit),
          totalCount: matching.length,
        });
      }),
    );
  });

  function renderForm(
    onCreate: jest.Mock,
    options: { admin?: boolean; initialState?: Record<string, string> } = {},
  ) {
    return renderInTestApp(
      <SecretsContextProvider>
        <Stepper
          manifest={manifest}
          extensions={[extension]}
          onCreate={onCreate}
          initialState={options.initialState}
        />
      </SecretsContextProvider>,
      {
        apis: [
          bedrockModelsApiPair(),
          [
            permissionApiRef,
            fixedPermissionApi(options.admin ? 'ALLOW' : 'DENY'),
          ],
          mockApis.identity({
            userEntityRef: USER,
            ownershipEntityRefs: [USER, TEAM],
          }),
        ],
      },
    );
  }

  it("lists the user's and their teams' models with name and owner, and submits the chosen name", async () => {
    const onCreate = jest.fn().mockResolvedValue(undefined);
    await renderForm(onCreate);

    await userEvent.click(
      await screen.findByRole('button', { name: /Model$/ }),
    );
    const options = await screen.findAllByRole('option');
    expect(options.map(o => o.textContent)).toEqual([
      'ana-sandboxOwner: user:default/ana',
      'support-summarizer (Support ticket summarizer)Owner: group:default/support-ml',
    ]);
    // One search per ownership ref: the user and each of their groups.
    expect(owners.sort()).toEqual([TEAM, USER]);
    await userEvent.click(options[1]);

    await userEvent.click(screen.getByRole('button', { name: 'Review' }));
    await userEvent.click(
      await screen.findByRole('button', { name: 'Create' }),
    );
    await waitFor(() =>
      expect(onCreate).toHaveBeenCalledWith({
        existingModel: 'support-summarizer',
      }),
    );
  });

  it('lists every model for a portal admin', async () => {
    await renderForm(jest.fn(), { admin: true });
    await userEvent.click(
      await screen.findByRole('button', { name: /Model$/ }),
    );
    expect(
      (await screen.findAllByRole('option')).map(o => o.textContent),
    ).toHaveLength(3);
    expect(owners).toEqual([null]);
  });

  it('refuses, before the task starts, a model the user may not add versions to', async () => {
    await renderForm(jest.fn(), {
      initialState: { existingModel: 'claims-triage' },
    });
    await screen.findByRole('button', { name: /Model$/ });
    await userEvent.click(screen.getByRole('button', { name: 'Review' }));
    expect(
      await screen.findAllByText(
        'You may not add versions to claims-triage: only its owners and the portal admins may. Choose one of your models, or import a new model.',
      ),
    ).not.toHaveLength(0);
    expect(screen.queryByRole('button', { name: 'Create' })).toBeNull();
  });
});
