import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { registerMswTestHooks } from '@backstage/frontend-test-utils';
import { portalSettings } from '../__testUtils__/modelFixtures';
import {
  API,
  bedrockModelsApiPair,
  errorBody,
} from '../__testUtils__/testApis';
import { describeError, isConflict, isNotFound } from './describeError';

describe('CachingBedrockModelsClient', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  it('asks for the settings once for callers at the same time, and again after a failure', async () => {
    const [, client] = bedrockModelsApiPair();
    let calls = 0;
    server.use(
      http.get(`${API}/settings`, () => {
        calls += 1;
        return calls === 1
          ? HttpResponse.json(errorBody(503, 'Error', 'not yet'), {
              status: 503,
            })
          : HttpResponse.json(portalSettings());
      }),
    );
    const first = await Promise.allSettled([
      client.getSettings(),
      client.getSettings(),
      client.getSettings(),
    ]);
    expect(first.map(r => r.status)).toEqual([
      'rejected',
      'rejected',
      'rejected',
    ]);
    expect(calls).toBe(1);
    await expect(client.getSettings()).resolves.toEqual(portalSettings());
    await expect(client.getSettings()).resolves.toEqual(portalSettings());
    expect(calls).toBe(2);
  });

  it("throws the backend's error, which says why and whether it was a conflict", async () => {
    const [, client] = bedrockModelsApiPair();
    server.use(
      http.post(`${API}/models/m/aliases/production`, () =>
        HttpResponse.json(
          errorBody(
            409,
            'ConflictError',
            'The production pointer in us-east-1 now names version 4',
          ),
          { status: 409 },
        ),
      ),
      http.get(`${API}/models/m/cost`, () =>
        HttpResponse.json(
          errorBody(404, 'NotFoundError', 'There is no model named m.'),
          { status: 404 },
        ),
      ),
    );

    const conflict = await client
      .promoteVersion({
        modelName: 'm',
        alias: 'production',
        region: 'us-east-1',
        version: 3,
        reason: 'r',
        expectedCurrentVersion: 2,
      })
      .catch(e => e);
    expect(isConflict(conflict)).toBe(true);
    expect(describeError(conflict)).toBe(
      'The production pointer in us-east-1 now names version 4',
    );
    const missing = await client.getModelCost({ modelName: 'm' }).catch(e => e);
    expect(isNotFound(missing)).toBe(true);
    expect(isConflict(missing)).toBe(false);
    expect(describeError(new Error('plain'))).toBe('plain');
  });
});
