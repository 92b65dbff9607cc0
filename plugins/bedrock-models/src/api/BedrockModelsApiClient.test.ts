import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { registerMswTestHooks } from '@backstage/frontend-test-utils';
import { ResponseError } from '@backstage/errors';
import { aMove, portalSettings } from '../__testUtils__/modelFixtures';
import {
  API,
  bedrockModelsApiPair,
  errorBody,
} from '../__testUtils__/testApis';
import { describeError, isConflict, isNotFound } from './describeError';

describe('BedrockModelsApiClient', () => {
  const server = setupServer();
  registerMswTestHooks(server);
  const [, client] = bedrockModelsApiPair();

  function record() {
    const calls: Array<{ method: string; url: URL; body?: unknown }> = [];
    server.use(
      http.all(`${API}/*`, async ({ request }) => {
        const url = new URL(request.url);
        calls.push({
          method: request.method,
          url,
          body: request.method === 'POST' ? await request.json() : undefined,
        });
        if (url.pathname.endsWith('/history')) {
          return HttpResponse.json({
            items: [aMove({ seq: 2 }), aMove({ seq: 1 })],
          });
        }
        return HttpResponse.json({ items: [] });
      }),
    );
    return calls;
  }

  it('reads through discovery, encoding path segments and leaving out empty query values', async () => {
    const calls = record();
    await client.searchModels({
      q: 'llama',
      owner: 'group:default/x',
      region: '',
      limit: 50,
    });
    await client.getModel('a model');
    await client.getVersion('m', 3);
    await client.getQuotas('111122223333', 'us-east-1');
    await client.getModelCost('m', {
      from: new Date('2026-10-21T00:00:00Z'),
      to: new Date('2026-11-20T00:00:00Z'),
    });
    await client.getInventory();
    await client.getSettings();
    await client.getGovernanceReport();

    expect(
      calls.map(c => `${c.method} ${c.url.pathname}${c.url.search}`),
    ).toEqual([
      'GET /api/bedrock-models/models?q=llama&owner=group%3Adefault%2Fx&limit=50',
      'GET /api/bedrock-models/models/a%20model',
      'GET /api/bedrock-models/models/m/versions/3',
      'GET /api/bedrock-models/quotas?account=111122223333&region=us-east-1',
      'GET /api/bedrock-models/models/m/cost?from=2026-10-21T00%3A00%3A00.000Z&to=2026-11-20T00%3A00%3A00.000Z',
      'GET /api/bedrock-models/inventory',
      'GET /api/bedrock-models/settings',
      'GET /api/bedrock-models/report',
    ]);
  });

  it('asks for the settings once for callers at the same time, and again after a failure', async () => {
    const [, fresh] = bedrockModelsApiPair();
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
      fresh.getSettings(),
      fresh.getSettings(),
      fresh.getSettings(),
    ]);
    expect(first.map(r => r.status)).toEqual([
      'rejected',
      'rejected',
      'rejected',
    ]);
    expect(calls).toBe(1);
    await expect(fresh.getSettings()).resolves.toEqual(portalSettings());
    await expect(fresh.getSettings()).resolves.toEqual(portalSettings());
    expect(calls).toBe(2);
  });

  it('returns a pointer history oldest first', async () => {
    const calls = record();
    const history = await client.getPointerHistory(
      'm',
      'production',
      'eu-central-1',
    );
    expect(history.map(m => m.seq)).toEqual([1, 2]);
    expect(calls[0].url.pathname + calls[0].url.search).toBe(
      '/api/bedrock-models/models/m/aliases/production/history?region=eu-central-1',
    );
  });

  it('posts promote, rollback and retire bodies as the backend expects them', async () => {
    const calls = record();
    await client.promote({
      modelName: 'm',
      alias: 'production',
      region: 'us-east-1',
      version: 3,
      reason: 'r',
      expectedCurrentVersion: null,
    });
    await client.rollback({
      modelName: 'm',
      alias: 'staging',
      region: 'us-east-1',
      reason: 'r',
      expectedCurrentVersion: 3,
    });
    await client.retireVersion('m', 2, 'old');
    expect(calls.map(c => [c.method, c.url.pathname, c.body])).toEqual([
      [
        'POST',
        '/api/bedrock-models/models/m/aliases/production',
        {
          region: 'us-east-1',
          version: 3,
          reason: 'r',
          expectedCurrentVersion: null,
        },
      ],
      [
        'POST',
        '/api/bedrock-models/models/m/aliases/staging/rollback',
        { region: 'us-east-1', reason: 'r', expectedCurrentVersion: 3 },
      ],
      [
        'POST',
        '/api/bedrock-models/models/m/versions/2/retire',
        { reason: 'old' },
      ],
    ]);
  });

  it("throws the backend's error, which says why and whether it was a conflict", async () => {
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
      http.get(`${API}/models/gone`, () =>
        HttpResponse.json(
          errorBody(404, 'NotFoundError', 'There is no model named gone.'),
          {
            status: 404,
          },
        ),
      ),
    );
    const conflict = await client
      .promote({
        modelName: 'm',
        alias: 'production',
        region: 'us-east-1',
        version: 3,
        reason: 'r',
        expectedCurrentVersion: 2,
      })
      .catch(e => e);
    expect(conflict).toBeInstanceOf(ResponseError);
    expect(isConflict(conflict)).toBe(true);
    expect(describeError(conflict)).toBe(
      'The production pointer in us-east-1 now names version 4',
    );
    const missing = await client.getModel('gone').catch(e => e);
    expect(isNotFound(missing)).toBe(true);
    expect(isConflict(missing)).toBe(false);
    expect(describeError(new Error('plain'))).toBe('plain');
  });
});
