import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  RunningEmulator,
  startEmulator,
} from '@bedrock-portal/bedrock-emulator';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { Knex } from 'knex';
import request from 'supertest';
import { bedrockModelsPlugin } from './plugin';
import {
  insertModel,
  insertVersions,
  memoryDb,
  registryTestConfig,
  testArn,
} from './__testUtils__/registryFixtures';

jest.setTimeout(60_000);

const arnOf = (n: number) => testArn(n);
const ANA = mockCredentials.user('user:default/ana');

async function seed(knex: Knex) {
  await insertModel(knex, { name: 'summarizer', owner: 'user:default/ana' });
  await insertVersions(knex, 'summarizer', [
    { number: 1 },
    { number: 2 },
    { number: 3, status: 'importing' },
    { number: 4, region: 'eu-central-1', arn: arnOf(4) },
  ]);
}

describe('registry routes when the policy denies', () => {
  it('answers 403 with the reason and writes nothing', async () => {
    const knex = memoryDb();
    const { server } = await startTestBackend({
      features: [
        bedrockModelsPlugin,
        mockServices.database.factory({ knex }),
        mockServices.permissions.mock({
          authorize: async () => [{ result: AuthorizeResult.DENY }],
        }).factory,
        mockServices.rootConfig.factory({
          data: registryTestConfig({ regions: ['us-east-1'] }),
        }),
      ],
    });
    await seed(knex);
    const res = await request(server)
      .post('/api/bedrock-models/models/summarizer/aliases/production')
      .set('Authorization', mockCredentials.user.header('user:default/bo'))
      .send({ region: 'us-east-1', version: 1, reason: 'r' });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toBe(
      'You may not move the pointers of model summarizer: only its owners and the portal admins may.',
    );
    const [{ count }] = await knex('alias_history').count({ count: '*' });
    expect(Number(count)).toBe(0);
  });
});

describe('registry routes', () => {
  let emulator: RunningEmulator;
  let knex: Knex;
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];

  beforeEach(async () => {
    emulator = await startEmulator({ port: 0 });
    knex = memoryDb();
    ({ server } = await startTestBackend({
      features: [
        bedrockModelsPlugin,
        mockServices.database.factory({ knex }),
        mockServices.rootConfig.factory({
          data: registryTestConfig({
            regions: ['us-east-1', 'eu-central-1'],
            awsEndpoint: emulator.endpoint,
          }),
        }),
      ],
    }));
    await seed(knex);
  });
  afterEach(async () => {
    await emulator.close();
  });

  const promote = (body: object, alias = 'production') =>
    request(server)
      .post(`/api/bedrock-models/models/summarizer/aliases/${alias}`)
      .set('Authorization', mockCredentials.user.header('user:default/ana'))
      .send(body);

  it('promotes, rolls back, shows history and the point-in-time answer, and publishes to SSM', async () => {
    const first = await promote({
      region: 'us-east-1',
      version: 1,
      reason: 'first release',
      expectedCurrentVersion: null,
    });
    expect(first.status).toBe(200);
    expect(first.body.move).toMatchObject({
      seq: 1,
      fromVersion: null,
      toVersion: 1,
      actor: 'user:default/ana',
    });
    await promote({
      region: 'us-east-1',
      version: 2,
      reason: 'better evals',
      expectedCurrentVersion: 1,
    }).expect(200);
    const rollback = await request(server)
      .post('/api/bedrock-models/models/summarizer/aliases/production/rollback')
      .set('Authorization', mockCredentials.user.header('user:default/ana'))
      .send({
        region: 'us-east-1',
        reason: 'latency regression',
        expectedCurrentVersion: 2,
      });
    expect(rollback.status).toBe(200);
    expect(rollback.body.move).toMatchObject({
      kind: 'rollback',
      fromVersion: 2,
      toVersion: 1,
    });

    const history = await request(server)
      .get(
        '/api/bedrock-models/models/summarizer/aliases/production/history?region=us-east-1',
      )
      .set('Authorization', mockCredentials.user.header());
    expect(
      history.body.items.map((m: { toVersion: number }) => m.toVersion),
    ).toEqual([1, 2, 1]);
    const at = await request(server)
      .get(
        `/api/bedrock-models/models/summarizer/aliases/production/history?region=us-east-1&at=${encodeURIComponent(
          history.body.items[1].at,
        )}`,
      )
      .set('Authorization', mockCredentials.user.header());
    expect(at.body.version).toBe(2);

    const model = await request(server)
      .get('/api/bedrock-models/models/summarizer')
      .set('Authorization', mockCredentials.user.header());
    expect(model.status).toBe(200);
    expect(model.body.pointers).toEqual([
      expect.objectContaining({
        alias: 'production',
        region: 'us-east-1',
        version: 1,
        revision: 3,
      }),
    ]);
    expect(model.body.versions).toHaveLength(4);
    expect(model.body.recentHistory.map((m: { seq: number }) => m.seq)).toEqual(
      [3, 2, 1],
    );

    // The scheduler publishes the outbox; the newest move is what SSM ends with.
    const ssm = new SSMClient({
      endpoint: emulator.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    let value: string | undefined;
    const deadline = Date.now() + 30_000;
    while (value !== arnOf(1) && Date.now() < deadline) {
      value = await ssm
        .send(
          new GetParameterCommand({
            Name: '/bedrock-models/summarizer/production',
          }),
        )
        .then(
          r => r.Parameter?.Value,
          () => undefined,
        );
      if (value !== arnOf(1))
        await new Promise(resolve => setTimeout(resolve, 100));
    }
    expect(value).toBe(arnOf(1));
    expect(ANA.principal.userEntityRef).toBe('user:default/ana');
  });

  it('answers 409 with the current state to a stale caller, and changes nothing', async () => {
    await promote({ region: 'us-east-1', version: 1, reason: 'first' }).expect(
      200,
    );
    const stale = await promote({
      region: 'us-east-1',
      version: 2,
      reason: 'second',
      expectedCurrentVersion: null,
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.message).toContain(
      'now names version 1, not no version',
    );
    const [{ count }] = await knex('alias_history').count({ count: '*' });
    expect(Number(count)).toBe(1);
  });

  it.each([
    [
      { region: 'us-east-1', version: 1 },
      400,
      "request/body must have required property 'reason'",
    ],
    [
      { region: 'us-east-1', version: 1, reason: 'x'.repeat(1001) },
      400,
      'request/body/reason must NOT have more than 1000 characters',
    ],
    [
      { region: 'mars-1', version: 1, reason: 'r' },
      400,
      'region: must be a managed Region',
    ],
    [
      { region: 'us-east-1', version: 'one', reason: 'r' },
      400,
      'request/body/version must be integer',
    ],
    [
      { region: 'us-east-1', version: 1, reason: 'r', extra: true },
      400,
      'request/body must NOT have additional properties',
    ],
    [
      { region: 'us-east-1', version: 3, reason: 'r' },
      400,
      'Version 3 is importing, not ready',
    ],
    [
      { region: 'us-east-1', version: 4, reason: 'r' },
      400,
      'imported into eu-central-1',
    ],
    [
      { region: 'us-east-1', version: 9, reason: 'r' },
      404,
      'Model summarizer has no version 9.',
    ],
  ])(
    'refuses %p with %p naming the problem, writing nothing',
    async (body, status, message) => {
      const res = await promote(body);
      expect(res.status).toBe(status);
      expect(res.body.error.message).toContain(message);
      const [{ count }] = await knex('alias_history').count({ count: '*' });
      expect(Number(count)).toBe(0);
    },
  );

  it('refuses bad paths and malformed JSON with 400, unknown models with 404, and no token with 401', async () => {
    const auth = mockCredentials.user.header('user:default/ana');
    expect(
      (
        await request(server)
          .post('/api/bedrock-models/models/summarizer/aliases/canary')
          .set('Authorization', auth)
          .send({ region: 'us-east-1', version: 1, reason: 'r' })
      ).body.error.message,
    ).toContain('Unknown alias "canary"');
    expect(
      (
        await request(server)
          .get('/api/bedrock-models/models/Bad_Name')
          .set('Authorization', auth)
      ).status,
    ).toBe(400);
    expect(
      (
        await request(server)
          .get('/api/bedrock-models/models/nope')
          .set('Authorization', auth)
      ).status,
    ).toBe(404);
    expect(
      (
        await request(server)
          .get('/api/bedrock-models/models/summarizer/versions/x')
          .set('Authorization', auth)
      ).status,
    ).toBe(400);
    expect(
      (
        await request(server)
          .get('/api/bedrock-models/models/summarizer/versions/2')
          .set('Authorization', auth)
      ).body,
    ).toMatchObject({ number: 2, status: 'ready' });
    const malformed = await request(server)
      .post('/api/bedrock-models/models/summarizer/aliases/production')
      .set('Authorization', auth)
      .set('Content-Type', 'application/json')
      .send('{"region":');
    expect(malformed.status).toBe(400);
    expect(
      (
        await request(server)
          .post('/api/bedrock-models/models/summarizer/aliases/production')
          .set('Authorization', mockCredentials.none.header())
          .send({})
      ).status,
    ).toBe(401);
    const service = await request(server)
      .post('/api/bedrock-models/models/summarizer/aliases/production')
      .set('Authorization', mockCredentials.service.header())
      .send({ region: 'us-east-1', version: 1, reason: 'r' });
    expect(service.status).toBe(403);
    expect(service.body.error.message).toContain('on behalf of a user');
  });
});
