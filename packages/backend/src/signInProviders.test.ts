import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import authPlugin from '@backstage/plugin-auth-backend';
import { signInProviders } from './signInProviders';

jest.setTimeout(60_000);

const BASE = {
  app: { baseUrl: 'http://localhost:7007' },
  backend: { baseUrl: 'http://localhost:7007' },
};
const GUEST = { guest: { userEntityRef: 'user:default/guest' } };
// What app-config.production.yaml leaves of auth once merged over app-config.yaml.
const PRODUCTION_AUTH = {
  environment: 'production',
  providers: {
    guest: null,
    github: {
      production: {
        clientId: 'client-id',
        clientSecret: 'client-secret',
        signIn: { resolvers: [{ resolver: 'usernameMatchingUserEntityName' }] },
      },
    },
  },
};

describe('signInProviders: the sign-in provider modules the backend loads', () => {
  const nodeEnv = process.env.NODE_ENV;
  let stop: (() => Promise<void>) | undefined;
  afterEach(async () => {
    process.env.NODE_ENV = nodeEnv;
    await stop?.();
    stop = undefined;
  });

  async function start(nodeEnvForTest: string, data: object) {
    process.env.NODE_ENV = nodeEnvForTest;
    const backend = await startTestBackend({
      features: [
        authPlugin,
        signInProviders,
        mockServices.rootConfig.factory({ data: { ...BASE, ...data } }),
      ],
    });
    stop = () => backend.stop();
    const address = backend.server.address();
    const url = `http://127.0.0.1:${
      typeof address === 'object' && address ? address.port : 0
    }`;
    return (path: string) => fetch(`${url}${path}`, { redirect: 'manual' });
  }

  it('refuses to start a production backend configured with guest sign-in', async () => {
    await expect(
      start('production', { auth: { providers: GUEST } }),
    ).rejects.toThrow(
      /auth\.providers\.guest is configured while NODE_ENV=production/,
    );
  });

  it('starts a production backend with the production auth config: GitHub sign-in, no guest provider', async () => {
    const get = await start('production', { auth: PRODUCTION_AUTH });
    const github = await get('/api/auth/github/start?env=production');
    expect(github.status).toBe(302);
    expect(github.headers.get('location')).toMatch(
      /^https:\/\/github\.com\/login\/oauth\/authorize\?.*client_id=client-id/,
    );
    const guest = await get('/api/auth/guest/refresh');
    expect(guest.status).toBe(404);
    expect((await guest.json()).error.message).toBe(
      "Unknown auth provider 'guest'",
    );
  });

  it('keeps the guest sign-in of the local demo (NODE_ENV=development)', async () => {
    const get = await start('development', { auth: { providers: GUEST } });
    const guest = await get('/api/auth/guest/refresh');
    expect(guest.status).toBe(200);
    expect((await guest.json()).backstageIdentity.identity).toMatchObject({
      userEntityRef: 'user:default/guest',
    });
  });

  const DEMO_APPROVER = {
    'demo-approver': {
      userEntityRef: 'user:default/gale',
      ownershipEntityRefs: ['user:default/gale', 'group:default/ml-governance'],
    },
  };
  const refreshAsApprover = (get: (path: string) => Promise<Response>) =>
    get('/api/auth/demo-approver/refresh');

  it('signs in as the second demo user, with the groups the config names, in local development', async () => {
    const get = await start('development', {
      auth: { providers: { ...GUEST, ...DEMO_APPROVER } },
    });
    const response = await refreshAsApprover(get);
    expect(response.status).toBe(200);
    expect((await response.json()).backstageIdentity.identity).toEqual({
      type: 'user',
      userEntityRef: 'user:default/gale',
      ownershipEntityRefs: ['user:default/gale', 'group:default/ml-governance'],
    });
  });

  it('answers no second demo sign-in outside local development, and offers none unless configured', async () => {
    const get = await start('test', {
      auth: { providers: { ...GUEST, ...DEMO_APPROVER } },
    });
    const refused = await refreshAsApprover(get);
    expect(refused.status).toBe(403);
    expect((await refused.json()).error.message).toBe(
      'The demo-approver sign-in is for local development only (NODE_ENV=development).',
    );
    await stop?.();
    stop = undefined;
    const without = await start('development', { auth: { providers: GUEST } });
    expect((await refreshAsApprover(without)).status).toBe(404);
  });

  it('refuses to start a production backend configured with the second demo user', async () => {
    await expect(
      start('production', {
        auth: {
          ...PRODUCTION_AUTH,
          providers: { ...PRODUCTION_AUTH.providers, ...DEMO_APPROVER },
        },
      }),
    ).rejects.toThrow(
      /auth\.providers\.demo-approver is configured while NODE_ENV=production/,
    );
  });
});
