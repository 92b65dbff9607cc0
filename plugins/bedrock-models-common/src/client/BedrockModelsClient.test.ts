import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { ResponseError } from '@backstage/errors';
import { BedrockModelsClient } from './BedrockModelsClient';
import { isApprovalRequested } from './pointerMoveResult';

/** A request as the server saw it. */
type Seen = {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body?: unknown;
};

/** What the server answers: status, content type and body text. */
type Answer = { status?: number; type?: string; body: string };

const json = (body: unknown, status = 200): Answer => ({
  status,
  type: 'application/json',
  body: JSON.stringify(body),
});

const backendError = (status: number, name: string, message: string) =>
  json(
    {
      error: { name, message },
      request: { method: 'POST', url: '/api/bedrock-models' },
      response: { statusCode: status },
    },
    status,
  );

describe('BedrockModelsClient', () => {
  let server: Server;
  let baseUrl: string;
  let seen: Seen[];
  let answer: (request: Seen) => Answer;

  beforeAll(async () => {
    server = createServer((req, res) => {
      let text = '';
      req.setEncoding('utf8');
      req.on('data', chunk => {
        text += chunk;
      });
      req.on('end', () => {
        const request: Seen = {
          method: req.method!,
          url: req.url!,
          headers: req.headers,
          body: text ? JSON.parse(text) : undefined,
        };
        seen.push(request);
        const { status = 200, type, body } = answer(request);
        res.writeHead(status, type ? { 'Content-Type': type } : {});
        res.end(body);
      });
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${
      (server.address() as AddressInfo).port
    }/api/bedrock-models`;
  });

  afterAll(async () => {
    await new Promise(resolve => server.close(resolve));
  });

  beforeEach(() => {
    seen = [];
    answer = () => json({});
  });

  const client = () =>
    new BedrockModelsClient({
      discoveryApi: {
        getBaseUrl: async pluginId => {
          expect(pluginId).toBe('bedrock-models');
          return baseUrl;
        },
      },
    });

  it('finds the backend through discovery, encodes path segments and sends the query it is given', async () => {
    const api = client();
    await api.searchModels({ q: 'llama', owner: 'group:default/x' });
    await api.getModel({ modelName: 'a model' });
    await api.getVersion({ modelName: 'm', version: 3 });
    await api.getQuotas({ accountId: '111122223333', region: 'us-east-1' });
    await api.getModelCost({
      modelName: 'm',
      from: '2026-10-21T00:00:00.000Z',
      to: '2026-11-20T00:00:00.000Z',
    });
    await api.getPointerHistory({
      modelName: 'm',
      alias: 'production',
      region: 'eu-central-1',
    });
    await api.getInventory();
    await api.getInventory({ limit: '100', after: 'model-a' });
    await api.getSettings();
    await api.getHealth();
    await api.getGovernanceReport({
      owner: 'group:default/x',
      sort: 'cost',
      order: 'desc',
      limit: '25',
      cursor: 'c2',
    });
    await api.getReportFacets();

    expect(seen.map(r => `${r.method} ${r.url}`)).toEqual([
      'GET /api/bedrock-models/models?q=llama&owner=group%3Adefault%2Fx',
      'GET /api/bedrock-models/models/a%20model',
      'GET /api/bedrock-models/models/m/versions/3',
      'GET /api/bedrock-models/quotas?account=111122223333&region=us-east-1',
      'GET /api/bedrock-models/models/m/cost?from=2026-10-21T00%3A00%3A00.000Z&to=2026-11-20T00%3A00%3A00.000Z',
      'GET /api/bedrock-models/models/m/aliases/production/history?region=eu-central-1',
      'GET /api/bedrock-models/inventory',
      'GET /api/bedrock-models/inventory?limit=100&after=model-a',
      'GET /api/bedrock-models/settings',
      'GET /api/bedrock-models/health',
      'GET /api/bedrock-models/report?owner=group%3Adefault%2Fx&sort=cost&order=desc&limit=25&cursor=c2',
      'GET /api/bedrock-models/report/facets',
    ]);
  });

  it('answers the typed body of a successful call', async () => {
    answer = () =>
      json({
        move: { toVersion: 3 },
        pointer: { version: 3, parameterName: '/bedrock-models/m/production' },
        published: true,
        dryRun: false,
      });

    const result = await client().promoteVersion({
      modelName: 'm',
      alias: 'production',
      region: 'us-east-1',
      version: 3,
      reason: 'r',
    });

    expect(isApprovalRequested(result)).toBe(false);
    expect(result).toMatchObject({
      published: true,
      pointer: { parameterName: '/bedrock-models/m/production' },
    });
  });

  it('posts promote, rollback, retire and validate bodies without the path fields', async () => {
    const api = client();
    await api.promoteVersion({
      modelName: 'm',
      alias: 'production',
      region: 'us-east-1',
      version: 3,
      reason: 'r',
      expectedCurrentVersion: null,
      dryRun: true,
    });
    await api.rollbackPointer({
      modelName: 'm',
      alias: 'staging',
      region: 'us-east-1',
      reason: 'r',
      expectedCurrentVersion: 3,
    });
    await api.retireVersion({ modelName: 'm', version: 2, reason: 'old' });
    await api.validateArtifacts({
      s3Uri: 's3://b/p/',
      accountId: '111122223333',
      region: 'us-east-1',
      classification: 'internal',
      owner: 'group:default/x',
    });

    expect(
      seen.map(r => [r.method, r.url, r.headers['content-type'], r.body]),
    ).toEqual([
      [
        'POST',
        '/api/bedrock-models/models/m/aliases/production',
        'application/json',
        {
          region: 'us-east-1',
          version: 3,
          reason: 'r',
          expectedCurrentVersion: null,
          dryRun: true,
        },
      ],
      [
        'POST',
        '/api/bedrock-models/models/m/aliases/staging/rollback',
        'application/json',
        { region: 'us-east-1', reason: 'r', expectedCurrentVersion: 3 },
      ],
      [
        'POST',
        '/api/bedrock-models/models/m/versions/2/retire',
        'application/json',
        { reason: 'old' },
      ],
      [
        'POST',
        '/api/bedrock-models/validate',
        'application/json',
        {
          s3Uri: 's3://b/p/',
          accountId: '111122223333',
          region: 'us-east-1',
          classification: 'internal',
          owner: 'group:default/x',
        },
      ],
    ]);
  });

  it('tells an approval request from a move, and calls the approval and evaluation routes', async () => {
    const request = {
      id: 'req-1',
      modelName: 'm',
      alias: 'production',
      region: 'us-east-1',
      kind: 'promote',
      targetVersion: 3,
      fromVersion: 2,
      pointerRevision: 4,
      requestedBy: 'user:default/ana',
      reason: 'r',
      status: 'pending',
      rule: {
        aliases: ['production'],
        classifications: [],
        approvals: 1,
        approvers: ['owners'],
        allowEmergencyRollback: true,
        expiryHours: 72,
      },
      decisions: [],
      createdAt: '2026-11-29T00:00:00.000Z',
      expiresAt: '2026-12-02T00:00:00.000Z',
    };
    answer = r => {
      if (r.url.endsWith('/aliases/production')) {
        return json({ approvalRequest: request }, 202);
      }
      if (r.url.endsWith('/approvals/missing')) {
        return backendError(
          404,
          'NotFoundError',
          'No approval request missing',
        );
      }
      return json({ approvalRequest: request, items: [], prompts: [] });
    };
    const api = client();

    const promoted = await api.promoteVersion({
      modelName: 'm',
      alias: 'production',
      region: 'us-east-1',
      version: 3,
      reason: 'r',
    });
    expect(isApprovalRequested(promoted)).toBe(true);
    expect(await api.getApprovalRequest({ id: 'missing' })).toBeUndefined();
    await api.listApprovalRequests({ mine: 'decide', status: 'pending' });
    await api.approveRequest({ id: 'req 1', reason: 'looks right' });
    await api.rejectRequest({ id: 'req-1', reason: 'no' });
    await api.cancelRequest({ id: 'req-1', reason: 'wrong version' });
    await api.getEvaluationSuite({ modelName: 'm' });
    await api.putEvaluationSuite({
      modelName: 'm',
      prompts: [{ id: 'p1', prompt: 'Hi', checks: { mustContain: ['x'] } }],
    });
    await api.startEvaluation({
      modelName: 'm',
      version: 3,
      region: 'us-east-1',
      compareWithAlias: 'production',
    });
    await api.listEvaluationRuns({ modelName: 'm', version: 3 });
    await api.getEvaluationRun({ modelName: 'm', runId: 'run-1' });

    expect(seen.slice(1).map(r => [r.method, r.url, r.body])).toEqual([
      ['GET', '/api/bedrock-models/approvals/missing', undefined],
      [
        'GET',
        '/api/bedrock-models/approvals?mine=decide&status=pending',
        undefined,
      ],
      [
        'POST',
        '/api/bedrock-models/approvals/req%201/approve',
        { reason: 'looks right' },
      ],
      ['POST', '/api/bedrock-models/approvals/req-1/reject', { reason: 'no' }],
      [
        'POST',
        '/api/bedrock-models/approvals/req-1/cancel',
        { reason: 'wrong version' },
      ],
      ['GET', '/api/bedrock-models/models/m/evaluation-suite', undefined],
      [
        'PUT',
        '/api/bedrock-models/models/m/evaluation-suite',
        {
          prompts: [{ id: 'p1', prompt: 'Hi', checks: { mustContain: ['x'] } }],
        },
      ],
      [
        'POST',
        '/api/bedrock-models/models/m/versions/3/evaluations',
        { region: 'us-east-1', compareWithAlias: 'production' },
      ],
      ['GET', '/api/bedrock-models/models/m/evaluations?version=3', undefined],
      ['GET', '/api/bedrock-models/models/m/evaluations/run-1', undefined],
    ]);
  });

  it('sends the Idempotency-Key of an import as a header, not in the body', async () => {
    answer = () => json({ version: { number: 4 }, created: true }, 202);

    const result = await client().importVersion({
      modelName: 'm',
      idempotencyKey: 'scaffolder:task-1:import',
      s3Uri: 's3://b/p/',
      accountId: '111122223333',
      region: 'us-east-1',
      classification: 'internal',
    });

    expect(result).toEqual({ version: { number: 4 }, created: true });
    expect(seen[0].url).toBe('/api/bedrock-models/models/m/versions');
    expect(seen[0].headers['idempotency-key']).toBe('scaffolder:task-1:import');
    expect(seen[0].body).toEqual({
      s3Uri: 's3://b/p/',
      accountId: '111122223333',
      region: 'us-east-1',
      classification: 'internal',
    });
  });

  it('sends the per-call token as a bearer token, and none when not given', async () => {
    const api = client();
    await api.getInventory(undefined, { token: 'a-token' });
    await api.getInventory();

    expect(seen.map(r => r.headers.authorization)).toEqual([
      'Bearer a-token',
      undefined,
    ]);
  });

  it('goes through the fetch API it is given (which adds the user token in a browser)', async () => {
    const fetched: string[] = [];
    const api = new BedrockModelsClient({
      discoveryApi: { getBaseUrl: async () => baseUrl },
      fetchApi: {
        fetch: (input, init) => {
          fetched.push(String(input));
          return fetch(input, {
            ...init,
            headers: { ...init?.headers, Authorization: 'Bearer from-app' },
          });
        },
      },
    });

    await api.getSettings();

    expect(fetched).toEqual([`${baseUrl}/settings`]);
    expect(seen[0].headers.authorization).toBe('Bearer from-app');
  });

  it("throws a ResponseError with the backend's status and reason on a refusal", async () => {
    answer = () =>
      backendError(
        403,
        'NotAllowedError',
        'You may not move the pointers of m: only its owners and the portal admins may.',
      );

    const error = await client()
      .promoteVersion({
        modelName: 'm',
        alias: 'production',
        region: 'us-east-1',
        version: 3,
        reason: 'r',
      })
      .catch(e => e);

    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(403);
    expect(error.cause).toMatchObject({
      name: 'NotAllowedError',
      message:
        'You may not move the pointers of m: only its owners and the portal admins may.',
    });
  });

  it('answers undefined for a model or version that does not exist, and throws for other lists', async () => {
    answer = () =>
      backendError(404, 'NotFoundError', 'There is no model named gone.');
    const api = client();

    await expect(api.getModel({ modelName: 'gone' })).resolves.toBeUndefined();
    await expect(
      api.getVersion({ modelName: 'gone', version: 1 }),
    ).resolves.toBeUndefined();
    await expect(
      api.getPointerHistory({
        modelName: 'gone',
        alias: 'production',
        region: 'us-east-1',
      }),
    ).rejects.toMatchObject({ name: 'ResponseError', statusCode: 404 });
  });

  it('still throws for a model that cannot be read for another reason', async () => {
    answer = () => backendError(503, 'ServiceUnavailableError', 'Restarting');

    await expect(client().getModel({ modelName: 'm' })).rejects.toMatchObject({
      statusCode: 503,
      cause: { message: 'Restarting' },
    });
  });

  it("downloads the backend's CSV with the filters as query parameters", async () => {
    const csv = 'model,version\r\nsupport-summarizer,3\r\n';
    answer = () => ({ type: 'text/csv; charset=utf-8', body: csv });

    const text = await client().getReportCsv({
      q: 'support',
      account: '111122223333',
      managed: 'unmanaged',
      production: 'serving',
    });

    expect(text).toBe(csv);
    const url = new URL(seen[0].url, 'http://localhost');
    expect(url.pathname).toBe('/api/bedrock-models/report');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      q: 'support',
      account: '111122223333',
      managed: 'unmanaged',
      production: 'serving',
      format: 'csv',
    });
  });

  it('throws the reason when the CSV is refused', async () => {
    answer = () =>
      backendError(400, 'InputError', 'account: must be a 12-digit account id');

    await expect(client().getReportCsv({ account: 'x' })).rejects.toMatchObject(
      {
        statusCode: 400,
        cause: { message: 'account: must be a 12-digit account id' },
      },
    );
  });

  it('reads and sets a keep-warm policy, reads cold starts of a pointer and the models that met them', async () => {
    const view = {
      modelName: 'm',
      alias: 'production',
      region: 'eu-central-1',
      policy: { mode: 'always', intervalMinutes: 14, windows: [] },
    };
    answer = request =>
      json(request.url.includes('cold-starts') ? { items: [] } : view);
    const api = client();
    const pointer = {
      modelName: 'm',
      alias: 'production',
      region: 'eu-central-1',
    };

    await expect(api.getKeepWarm(pointer)).resolves.toEqual(view);
    await api.putKeepWarm({
      ...pointer,
      mode: 'windows',
      timeZone: 'Europe/Berlin',
      windows: [
        {
          days: ['mon', 'tue', 'wed', 'thu', 'fri'],
          startHour: 9,
          endHour: 17,
        },
      ],
      reason: 'Callers in office hours wait for cold starts',
    });
    await api.getColdStarts(pointer);
    await api.getColdStarts({ ...pointer, days: 7 });
    await api.listColdStartAttention();
    await api.listColdStartAttention({ days: 14 });

    expect(seen.map(r => `${r.method} ${r.url}`)).toEqual([
      'GET /api/bedrock-models/models/m/aliases/production/keep-warm?region=eu-central-1',
      'PUT /api/bedrock-models/models/m/aliases/production/keep-warm',
      'GET /api/bedrock-models/models/m/aliases/production/cold-starts?region=eu-central-1',
      'GET /api/bedrock-models/models/m/aliases/production/cold-starts?region=eu-central-1&days=7',
      'GET /api/bedrock-models/cold-starts',
      'GET /api/bedrock-models/cold-starts?days=14',
    ]);
    // The region travels in the body of a PUT, the pointer in its path.
    expect(seen[1].body).toEqual({
      region: 'eu-central-1',
      mode: 'windows',
      timeZone: 'Europe/Berlin',
      windows: [
        {
          days: ['mon', 'tue', 'wed', 'thu', 'fri'],
          startHour: 9,
          endHour: 17,
        },
      ],
      reason: 'Callers in office hours wait for cold starts',
    });
    expect(seen[1].headers['content-type']).toContain('application/json');
  });

  it('throws the reason a keep-warm policy is refused', async () => {
    answer = () =>
      backendError(
        400,
        'InputError',
        'intervalMinutes: 60 is not shorter than the eviction time (60 minutes)',
      );

    await expect(
      client().putKeepWarm({
        modelName: 'm',
        alias: 'production',
        region: 'us-east-1',
        mode: 'always',
        intervalMinutes: 60,
        reason: 'r',
      }),
    ).rejects.toMatchObject({
      statusCode: 400,
      cause: {
        message:
          'intervalMinutes: 60 is not shorter than the eviction time (60 minutes)',
      },
    });
  });
});
