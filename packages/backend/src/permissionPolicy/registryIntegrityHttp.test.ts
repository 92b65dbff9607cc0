import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import permissionBackend from '@backstage/plugin-permission-backend';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  llama31_8bArtifacts,
  RunningEmulator,
  stageArtifactSet,
  startEmulator,
} from '@bedrock-portal/bedrock-emulator';
import bedrockModelsBackend from '@bedrock-portal/backstage-plugin-bedrock-models-backend';
import knexFactory, { Knex } from 'knex';
import request from 'supertest';
import { permissionModuleBedrockPortalPolicy } from './permissionPolicyModule';
import { authWithActors, userInfoFrom } from './__testUtils__/authWithActors';
import { insertSummarizer } from './__testUtils__/policyTestBackend';

jest.setTimeout(120_000);

const ACCOUNT = '123456789012';
const OTHER_ACCOUNT = '210987654321';

// Who belongs to which group, as the catalog says through the user info service.
const GROUPS: Record<string, string[]> = {
  'user:default/ana': ['group:default/support-ml'],
  'user:default/root': ['group:default/admins'],
  'user:default/bo': ['group:default/other-team'],
};

const group = (name: string) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default' },
  spec: { type: 'team', children: [] },
});

const callers = {
  none: mockCredentials.none.header(),
  'non-owner': mockCredentials.user.header('user:default/bo'),
  service: mockCredentials.service.header(),
  owner: mockCredentials.user.header('user:default/ana'),
  admin: mockCredentials.user.header('user:default/root'),
};
type Caller = keyof typeof callers;

/**
 * The registry's integrity rules over HTTP, through the real permission backend and the portal's policy:
 * who may own a new model, where artifacts may come from, classifications, accounts of pointers, dry
 * runs and versions discovery found. Each row: no token, non-owner, service, owner, admin.
 */
describe('registry integrity and access, over HTTP through the permission backend', () => {
  let emulator: RunningEmulator;
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];
  let knex: Knex;
  const api = (path: string) => `/api/bedrock-models${path}`;

  beforeAll(async () => {
    emulator = await startEmulator({
      port: 0,
      importJobSeconds: 3600,
      quotas: { importedModelsPerRegion: 100, concurrentImportJobs: 100 },
    });
    for (const team of ['support-ml', 'other-team']) {
      stageArtifactSet(
        emulator,
        'ml-artifacts',
        `teams/${team}/llama/`,
        llama31_8bArtifacts(),
      );
    }
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
        catalogServiceMock.factory({
          entities: [group('support-ml'), group('other-team'), group('admins')],
        }),
        mockServices.rootConfig.factory({
          data: {
            permission: { enabled: true },
            bedrockModels: {
              accounts: [
                {
                  accountId: ACCOUNT,
                  regions: ['us-east-1'],
                  importRoleArn: `arn:aws:iam::${ACCOUNT}:role/BedrockModelImport`,
                },
                { accountId: OTHER_ACCOUNT, regions: ['us-east-1'] },
              ],
              sources: [
                {
                  accountId: ACCOUNT,
                  prefixes: ['s3://ml-artifacts/teams/{group}/'],
                },
              ],
              adminGroups: ['group:default/admins'],
              awsEndpoint: emulator.endpoint,
            },
            aws: {
              accounts: [ACCOUNT, OTHER_ACCOUNT].map(accountId => ({
                accountId,
                accessKeyId: accountId,
                secretAccessKey: 'l',
              })),
            },
          },
        }),
        userInfoFrom(GROUPS),
      ],
    }));
    await insertSummarizer(knex, [
      { number: 1, created_by: 'user:default/ana' },
      { number: 2, created_by: 'user:default/ana' },
      // Imported outside the portal; discovery found it.
      { number: 3, managed: false, created_by: 'bedrock-models:discovery' },
      // A copy in another account.
      {
        number: 4,
        created_by: 'user:default/ana',
        account_id: OTHER_ACCOUNT,
        imported_model_arn: `arn:aws:bedrock:us-east-1:${OTHER_ACCOUNT}:imported-model/v4aaaaaaaaaa`,
      },
    ]);
  });
  afterAll(() => emulator.close());

  const post = (caller: Caller, path: string, body: object, key?: string) => {
    const req = request(server)
      .post(api(path))
      .set('Authorization', callers[caller])
      .send(body);
    return key ? req.set('Idempotency-Key', key) : req;
  };
  const count = async (table: string) =>
    Number((await knex(table).count({ n: '*' }))[0].n);

  const CREATE_REFUSALS: Partial<Record<Caller, string>> = {
    none: 'Missing credentials',
    service:
      'Imports are made on behalf of a user: call with a user token (or on behalf of one), not service credentials alone.',
    'non-owner':
      'You may not create a model owned by group:default/support-ml: choose yourself or a group you belong to (user:default/bo, group:default/other-team), or ask a portal admin.',
  };

  const newModel = (owner: string, team = 'support-ml') => ({
    s3Uri: `s3://ml-artifacts/teams/${team}/llama/`,
    accountId: ACCOUNT,
    region: 'us-east-1',
    classification: 'internal',
    owner,
  });

  it.each([
    ['none', 401],
    ['service', 403],
    // Owner spoofing: bo is not in support-ml.
    ['non-owner', 403],
    ['owner', 202],
    // An admin may create a model for a team they are not in.
    ['admin', 202],
  ] as const)(
    'a new model owned by support-ml, created by %s: %p',
    async (caller, status) => {
      const before = await count('models');
      const res = await post(
        caller,
        `/models/new-${caller}/versions`,
        newModel('group:default/support-ml'),
        `key-${caller}`,
      );
      expect(res.status).toBe(status);
      expect(await count('models')).toBe(before + (status === 202 ? 1 : 0));
      expect(res.body.error?.message).toBe(CREATE_REFUSALS[caller]);
    },
  );

  it("refuses artifacts outside the owner's allowed sources, naming them, without reading S3", async () => {
    // Ana's model, from the other team's folder: another team's weights under her team's name.
    const imported = await post(
      'owner',
      '/models/copied/versions',
      newModel('group:default/support-ml', 'other-team'),
      'copied',
    );
    expect(imported.status).toBe(400);
    expect(imported.body.error.message).toContain(
      's3://ml-artifacts/teams/other-team/llama/ is not an allowed source for models owned by group:default/support-ml in account 123456789012. Put the artifacts under s3://ml-artifacts/teams/support-ml/.',
    );
    expect(await knex('models').where({ name: 'copied' })).toEqual([]);
    // Validation reports the same, and a bucket that does not exist reads like one it may not read.
    const validated = await post('owner', '/validate', {
      s3Uri: 's3://no-such-bucket/x/',
      accountId: ACCOUNT,
      region: 'us-east-1',
      classification: 'internal',
    });
    expect(validated.status).toBe(200);
    expect(validated.body.errors[0]).toEqual({
      code: 'source-not-allowed',
      message:
        's3://no-such-bucket/x/ is not an allowed source for models owned by user:default/ana in account 123456789012. Put the artifacts under s3://ml-artifacts/teams/ana/.',
    });
  });

  it.each([
    ['owner', 'public', 400],
    ['owner', 'confidential', 403],
    ['admin', 'confidential', 202],
  ] as const)(
    'a new version of an internal model, by the %s, classified %s: %p',
    async (caller, classification, status) => {
      const res = await post(
        caller,
        '/models/summarizer/versions',
        { ...newModel('group:default/support-ml'), classification },
        `summarizer-${caller}-${classification}`,
      );
      expect(res.status).toBe(status);
      const [model] = await knex('models').where({ name: 'summarizer' });
      expect(model.classification).toBe(
        status === 202 ? 'confidential' : 'internal',
      );
      expect(res.body.error?.message).toBe(
        {
          public:
            'Model summarizer is classified internal; a new version may not lower that to public. Import it as internal.',
          confidential:
            status === 403
              ? 'Importing a confidential version raises model summarizer from internal to confidential, which only the portal admins may do. Ask them, or import it as internal if the data allows.'
              : undefined,
        }[classification],
      );
    },
  );

  it('keeps a pointer in its account: 409 saying why, and nothing moves', async () => {
    const first = await post('owner', '/models/summarizer/aliases/staging', {
      region: 'us-east-1',
      version: 1,
      reason: 'staging',
    });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      published: true,
      pointer: { accountId: ACCOUNT },
    });
    const ssm = new SSMClient({
      endpoint: emulator.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: ACCOUNT, secretAccessKey: 'l' },
    });
    expect(
      (
        await ssm.send(
          new GetParameterCommand({
            Name: '/bedrock-models/summarizer/staging',
          }),
        )
      ).Parameter?.Value,
    ).toBe(`arn:aws:bedrock:us-east-1:${ACCOUNT}:imported-model/v1aaaaaaaaaa`);
    const cross = await post('owner', '/models/summarizer/aliases/staging', {
      region: 'us-east-1',
      version: 4,
      reason: 'other account',
    });
    expect(cross.status).toBe(409);
    expect(cross.body.error.message).toContain(
      'a pointer never names a version of another account',
    );
    const [pointer] = await knex('alias_pointers').where({ alias: 'staging' });
    expect(pointer.version_number).toBe(1);
  });

  it.each([
    ['none', 401],
    ['service', 403],
    ['non-owner', 403],
    ['owner', 200],
    ['admin', 200],
  ] as const)(
    'a dry-run promote by %s answers as the real one would (%p) and moves nothing',
    async (caller, status) => {
      const moves = await count('alias_history');
      const res = await post(caller, '/models/summarizer/aliases/production', {
        region: 'us-east-1',
        version: 2,
        reason: 'would it',
        dryRun: true,
      });
      expect(res.status).toBe(status);
      expect(res.body.dryRun ?? null).toBe(status === 200 ? true : null);
      expect(await count('alias_history')).toBe(moves);
      expect(await count('ssm_outbox')).toBe(1);
    },
  );

  it.each([
    ['non-owner', 403],
    ['owner', 403],
    ['admin', 200],
  ] as const)(
    'retiring a version discovery found, by %s: %p',
    async (caller, status) => {
      const res = await post(caller, '/models/summarizer/versions/3/retire', {
        reason: 'unknown import',
      });
      expect(res.status).toBe(status);
      const [v3] = await knex('model_versions').where({
        model_name: 'summarizer',
        number: 3,
      });
      expect(v3.status).toBe(status === 200 ? 'retired' : 'ready');
      expect(res.body.error?.message).toBe(
        {
          'non-owner':
            'You may not retire versions of model summarizer: only its owners and the portal admins may.',
          owner:
            'You may not retire version 3 of summarizer: discovery found it (it was imported outside the portal), so only the portal admins may retire it.',
          admin: undefined,
        }[caller],
      );
    },
  );
});
