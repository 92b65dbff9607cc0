import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import permissionBackend from '@backstage/plugin-permission-backend';
import bedrockModelsBackend from '@bedrock-portal/backstage-plugin-bedrock-models-backend';
import knexFactory, { Knex } from 'knex';
import { permissionModuleBedrockPortalPolicy } from './permissionPolicyModule';
import { authWithActors, userInfoFrom } from './__testUtils__/authWithActors';
import { insertSummarizer } from './__testUtils__/policyTestBackend';

jest.setTimeout(60_000);

// Who belongs to which group, as the catalog says through the user info service.
const GROUPS: Record<string, string[]> = {
  'user:default/ana': ['group:default/support-ml'],
  'user:default/root': ['group:default/admins'],
  'user:default/bo': ['group:default/other-team'],
};

describe('authorization of every mutating bedrock-models route, over HTTP through the permission backend', () => {
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];
  let knex: Knex;

  beforeAll(async () => {
    knex = knexFactory({
      client: 'better-sqlite3',
      connection: ':memory:',
      useNullAsDefault: true,
    });
    ({ server } = await startTestBackend({
      features: [
        bedrockModelsBackend,
        permissionBackend,
        permissionModuleBedrockPortalPolicy,
        authWithActors,
        mockServices.database.factory({ knex }),
        mockServices.rootConfig.factory({
          data: {
            permission: { enabled: true },
            bedrockModels: {
              accounts: [{ accountId: '123456789012', regions: ['us-east-1'] }],
              adminGroups: ['group:default/admins'],
              awsEndpoint: 'http://127.0.0.1:9',
            },
            aws: {
              accounts: [
                {
                  accountId: '123456789012',
                  accessKeyId: 'l',
                  secretAccessKey: 'l',
                },
              ],
            },
          },
        }),
        userInfoFrom(GROUPS),
      ],
    }));
    await insertSummarizer(
      knex,
      [1, 2, 3].map(number => ({
        number,
        s3_uri: 's3://a/b/',
        created_by: 'x',
      })),
    );
  });

  const callers = {
    none: mockCredentials.none.header(),
    'non-owner': mockCredentials.user.header('user:default/bo'),
    service: mockCredentials.service.header(),
    'owner (through a group)': mockCredentials.user.header('user:default/ana'),
    admin: mockCredentials.user.header('user:default/root'),
  };
  const routes = {
    promote: {
      path: '/api/bedrock-models/models/summarizer/aliases/production',
      body: { region: 'us-east-1', version: 1, reason: 'matrix' },
    },
    rollback: {
      path: '/api/bedrock-models/models/summarizer/aliases/production/rollback',
      body: { region: 'us-east-1', reason: 'matrix' },
    },
    retire: {
      path: '/api/bedrock-models/models/summarizer/versions/3/retire',
      body: { reason: 'matrix' },
    },
  };

  it.each([
    ['none', 401],
    ['non-owner', 403],
    ['service', 403],
  ] as const)(
    'refuses %s on promote, rollback and retire with %p and a message, writing nothing',
    async (caller, status) => {
      for (const route of Object.values(routes)) {
        const res = await fetch(`${serverUrl()}${route.path}`, {
          method: 'POST',
          headers: {
            Authorization: callers[caller],
            'Content-Type': 'application/json',
          },
          body: JSON.stringify(route.body),
        });
        expect([route.path, res.status]).toEqual([route.path, status]);
        expect((await res.json()).error.message).toEqual(expect.any(String));
      }
      const [{ count }] = await knex('alias_history').count({ count: '*' });
      expect(Number(count)).toBe(0);
    },
  );

  it('lets an owner (through a group) and an admin promote and roll back, through the condition and outright', async () => {
    const post = (
      caller: keyof typeof callers,
      route: keyof typeof routes,
      body?: object,
    ) =>
      fetch(`${serverUrl()}${routes[route].path}`, {
        method: 'POST',
        headers: {
          Authorization: callers[caller],
          'Content-Type': 'application/json',
        },
        body: JSON.stringify(body ?? routes[route].body),
      });
    expect((await post('owner (through a group)', 'promote')).status).toBe(200);
    expect(
      (
        await post('admin', 'promote', {
          region: 'us-east-1',
          version: 2,
          reason: 'matrix',
        })
      ).status,
    ).toBe(200);
    expect((await post('owner (through a group)', 'rollback')).status).toBe(
      200,
    );
    // Retire passes authorization and reaches Bedrock, which is unreachable here: 503, version unchanged.
    expect((await post('admin', 'retire')).status).toBe(503);
    const actors = (await knex('alias_history').orderBy('seq')).map(
      row => row.actor,
    );
    expect(actors).toEqual([
      'user:default/ana',
      'user:default/root',
      'user:default/ana',
    ]);
  });

  function serverUrl() {
    const address = server.address();
    return `http://127.0.0.1:${
      typeof address === 'object' && address ? address.port : 0
    }`;
  }
});
