import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { startTestBackend } from '@backstage/backend-test-utils';
// The test reaches the real backend plugin, as a plugin depending on the service would.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import bedrockModelsBackend from '@bedrock-portal/backstage-plugin-bedrock-models-backend';
import Router from 'express-promise-router';
import request from 'supertest';
import { bedrockModelsServiceRef } from './bedrockModelsServiceRef';

jest.setTimeout(60_000);

// A stand-in for a plugin that depends on the client, exposing what the client returned.
const probePlugin = createBackendPlugin({
  pluginId: 'probe',
  register(env) {
    env.registerInit({
      deps: {
        client: bedrockModelsServiceRef,
        auth: coreServices.auth,
        httpRouter: coreServices.httpRouter,
      },
      async init({ client, auth, httpRouter }) {
        const router = Router();
        router.get('/health-of-bedrock-models', async (_req, res) => {
          const credentials = await auth.getOwnServiceCredentials();
          res.json(await client.getHealth({ credentials }));
        });
        httpRouter.use(router);
        httpRouter.addAuthPolicy({
          path: '/health-of-bedrock-models',
          allow: 'unauthenticated',
        });
      },
    });
  },
});

describe('bedrockModelsServiceRef', () => {
  it('reaches the real backend plugin through discovery with a service token', async () => {
    const { server } = await startTestBackend({
      features: [bedrockModelsBackend, probePlugin],
    });

    const res = await request(server).get(
      '/api/probe/health-of-bedrock-models',
    );

    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      status: 'ok',
      // The backend's own test counts its migrations; here it matters that the call got through.
      database: {
        client: 'better-sqlite3',
        migrationsApplied: expect.any(Number),
      },
    });
  });

  it('surfaces the backend error when the plugin is not installed', async () => {
    const { server } = await startTestBackend({ features: [probePlugin] });

    const res = await request(server).get(
      '/api/probe/health-of-bedrock-models',
    );

    expect(res.status).toBe(404);
    expect(res.body.error.name).toBe('ResponseError');
  });
});
