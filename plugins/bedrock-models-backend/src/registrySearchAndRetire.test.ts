import {
  BedrockClient,
  CreateModelImportJobCommand,
  GetImportedModelCommand,
  GetModelImportJobCommand,
} from '@aws-sdk/client-bedrock';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  RunningEmulator,
  startEmulator,
} from '@bedrock-portal/bedrock-emulator';
import { Knex } from 'knex';
import request from 'supertest';
import { memoryDb, registryTestConfig } from './__testUtils__/registryFixtures';
import { bedrockModelsPlugin } from './plugin';

jest.setTimeout(60_000);

const ACCOUNT = '123456789012';

describe('model search and version retirement', () => {
  let emulator: RunningEmulator;
  let knex: Knex;
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];
  let importedArn: string;
  const auth = mockCredentials.user.header('user:default/ana');

  beforeAll(async () => {
    emulator = await startEmulator({
      port: 0,
      importJobSeconds: 0,
      seed: 'demo',
    });
    // A real imported model in the emulator, for the retire test to delete.
    const bedrock = new BedrockClient({
      endpoint: emulator.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    const { jobArn } = await bedrock.send(
      new CreateModelImportJobCommand({
        jobName: 'retire-me-job',
        importedModelName: 'retire-me',
        roleArn: `arn:aws:iam::${ACCOUNT}:role/Import`,
        modelDataSource: {
          s3DataSource: {
            s3Uri: 's3://demo-model-artifacts/support-summarizer/v3/',
          },
        },
      }),
    );
    importedArn = (
      await bedrock.send(
        new GetModelImportJobCommand({ jobIdentifier: jobArn }),
      )
    ).importedModelArn!;

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
    const now = new Date();
    const model = (
      name: string,
      owner: string,
      classification: string,
      title: string,
    ) => ({
      name,
      owner,
      classification,
      title,
      lineage: '{}',
      tags: '[]',
      created_by: 'x',
      created_at: now,
      updated_at: now,
    });
    await knex('models').insert([
      model(
        'support-summarizer',
        'group:default/support-ml',
        'internal',
        'Support summarizer',
      ),
      model(
        'claims-triage',
        'group:default/claims-ai',
        'confidential',
        'Claims triage',
      ),
      model(
        'contract-classifier',
        'group:default/legal-ai',
        'confidential',
        'Contract 100% classifier',
      ),
    ]);
    const version = (
      model_name: string,
      number: number,
      region: string,
      architecture: string,
      arn: string,
    ) => ({
      model_name,
      number,
      account_id: ACCOUNT,
      region,
      status: 'ready',
      imported_model_arn: arn,
      s3_uri: 's3://a/b/',
      architecture,
      managed: true,
      created_by: 'x',
      created_at: now,
      updated_at: now,
    });
    await knex('model_versions').insert([
      version('support-summarizer', 1, 'us-east-1', 'llama', importedArn),
      version(
        'support-summarizer',
        2,
        'us-east-1',
        'llama',
        `arn:aws:bedrock:us-east-1:${ACCOUNT}:imported-model/aaaaaaaaaaa2`,
      ),
      version(
        'claims-triage',
        1,
        'eu-central-1',
        'qwen2',
        `arn:aws:bedrock:eu-central-1:${ACCOUNT}:imported-model/aaaaaaaaaaa3`,
      ),
    ]);
    await request(server)
      .post('/api/bedrock-models/models/support-summarizer/aliases/production')
      .set('Authorization', auth)
      .send({ region: 'us-east-1', version: 2, reason: 'launch' })
      .expect(200);
  });
  afterAll(() => emulator.close());

  const search = (query: string) =>
    request(server)
      .get(`/api/bedrock-models/models?${query}`)
      .set('Authorization', auth);
  const names = (res: request.Response) =>
    res.status !== 200
      ? [res.status, res.body.error?.message]
      : res.body.items.map((m: { name: string }) => m.name);

  it('lists, filters, searches, sorts and pages models', async () => {
    const all = await search('');
    expect(all.status).toBe(200);
    expect(all.body.totalCount).toBe(3);
    expect(names(all)).toEqual([
      'claims-triage',
      'contract-classifier',
      'support-summarizer',
    ]);
    expect(all.body.items[2]).toMatchObject({
      versionCount: 2,
      regions: ['us-east-1'],
      pointers: [{ alias: 'production', region: 'us-east-1', version: 2 }],
    });

    expect(names(await search('classification=confidential'))).toEqual([
      'claims-triage',
      'contract-classifier',
    ]);
    expect(names(await search('region=eu-central-1'))).toEqual([
      'claims-triage',
    ]);
    expect(names(await search('architecture=llama'))).toEqual([
      'support-summarizer',
    ]);
    expect(
      names(
        await search(`owner=${encodeURIComponent('group:default/legal-ai')}`),
      ),
    ).toEqual(['contract-classifier']);
    expect(names(await search('alias=production&aliasState=set'))).toEqual([
      'support-summarizer',
    ]);
    expect(names(await search('alias=production&aliasState=unset'))).toEqual([
      'claims-triage',
      'contract-classifier',
    ]);
    expect(names(await search('q=TRIAGE'))).toEqual(['claims-triage']);
    expect(names(await search('q=100%25'))).toEqual(['contract-classifier']);
    expect(names(await search('sort=name&order=desc&limit=2'))).toEqual([
      'support-summarizer',
      'contract-classifier',
    ]);
    const page2 = await search('limit=2&offset=2');
    expect([names(page2), page2.body.totalCount]).toEqual([
      ['support-summarizer'],
      3,
    ]);
  });

  it.each([
    ['limit=0', 'limit:'],
    ['limit=500', 'limit:'],
    ['region=mars-1', 'region: must be a managed Region'],
    ['classification=secret', 'classification: must be one of'],
    ['aliasState=set', 'aliasState: aliasState needs alias'],
    [
      'sort=size',
      'request/query/sort must be equal to one of the allowed values',
    ],
    ['colour=red', "Unknown query parameter 'colour'"],
  ])(
    'refuses the query %p with 400 naming the field',
    async (query, message) => {
      const res = await search(query);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain(message);
    },
  );

  it('gives the inventory a page of models at a time, with their versions and pointers', async () => {
    const page = (query: string) =>
      request(server)
        .get(`/api/bedrock-models/inventory?${query}`)
        .set('Authorization', auth);
    const first = await page('limit=2');
    expect(first.status).toBe(200);
    expect(first.body.models.map((m: { name: string }) => m.name)).toEqual([
      'claims-triage',
      'contract-classifier',
    ]);
    expect(first.body.nextAfter).toBe('contract-classifier');
    const second = await page(`limit=2&after=${first.body.nextAfter}`);
    expect(second.body.models.map((m: { name: string }) => m.name)).toEqual([
      'support-summarizer',
    ]);
    expect(second.body.versions).toHaveLength(2);
    expect(second.body.pointers).toEqual([
      expect.objectContaining({
        alias: 'production',
        version: 2,
        parameterName: '/bedrock-models/support-summarizer/production',
      }),
    ]);
    expect(second.body.nextAfter).toBeUndefined();
    // Without a limit: everything, as before.
    expect((await page('')).body.models).toHaveLength(3);
  });

  it('refuses to retire a version a pointer names, naming the pointer', async () => {
    const res = await request(server)
      .post('/api/bedrock-models/models/support-summarizer/versions/2/retire')
      .set('Authorization', auth)
      .send({ reason: 'old' });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toBe(
      'Version 2 cannot be retired while production in us-east-1 names it: promote another version first.',
    );
  });

  it('keeps the version unchanged when Bedrock refuses, then retires it: DeleteImportedModel in the emulator', async () => {
    await fetch(`${emulator.endpoint}/_emulator/faults`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([
        { service: 'bedrock', operation: 'DeleteImportedModel', errorRate: 1 },
      ]),
    });
    const refused = await request(server)
      .post('/api/bedrock-models/models/support-summarizer/versions/1/retire')
      .set('Authorization', auth)
      .send({ reason: 'superseded by v2' });
    expect(refused.status).toBe(503);
    expect(refused.body.error.message).toContain('The version is unchanged');
    // What AWS said stays in the log; the user gets its kind, a reference, and what to do.
    expect(refused.body.error.message).toMatch(
      /^Bedrock did not delete arn:aws:bedrock:[^ ]+ \(\w+ \(log reference [0-9a-f]{8}\)\)\. The version is unchanged; try again, or ask the portal admins/,
    );
    expect(
      (
        await knex('model_versions')
          .where({ model_name: 'support-summarizer', number: 1 })
          .first()
      ).status,
    ).toBe('ready');

    await fetch(`${emulator.endpoint}/_emulator/faults`, { method: 'DELETE' });
    const retired = await request(server)
      .post('/api/bedrock-models/models/support-summarizer/versions/1/retire')
      .set('Authorization', auth)
      .send({ reason: 'superseded by v2' });
    expect(retired.status).toBe(200);
    expect(retired.body).toMatchObject({ number: 1, status: 'retired' });
    const bedrock = new BedrockClient({
      endpoint: emulator.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      maxAttempts: 1,
    });
    await expect(
      bedrock.send(
        new GetImportedModelCommand({ modelIdentifier: importedArn }),
      ),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException' });

    // A retired version is not ready: it cannot be promoted again, and retiring it again is refused.
    const promote = await request(server)
      .post('/api/bedrock-models/models/support-summarizer/aliases/staging')
      .set('Authorization', auth)
      .send({ region: 'us-east-1', version: 1, reason: 'x' });
    expect(promote.status).toBe(400);
    const again = await request(server)
      .post('/api/bedrock-models/models/support-summarizer/versions/1/retire')
      .set('Authorization', auth)
      .send({ reason: 'x' });
    expect(again.status).toBe(400);
    expect(again.body.error.message).toBe(
      'Version 1 is retired: only a ready version can be retired.',
    );
  });
});
