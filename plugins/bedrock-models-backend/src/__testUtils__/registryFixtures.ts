import knexFactory, { Knex } from 'knex';

/** An empty SQLite database in memory: the embedded default, for tests that need no other engine. */
export function memoryDb(): Knex {
  return knexFactory({
    client: 'better-sqlite3',
    connection: ':memory:',
    useNullAsDefault: true,
  });
}

/** The account every registry test uses. */
export const TEST_ACCOUNT = '123456789012';

/** An imported-model ARN for version `n` of a test model. */
export const testArn = (n: number, region = 'us-east-1') =>
  `arn:aws:bedrock:${region}:${TEST_ACCOUNT}:imported-model/v${n}aaaaaaaaaa`;

/** The buckets test artifacts are staged in: the sources test imports may come from. */
export const TEST_SOURCES = [
  {
    accountId: TEST_ACCOUNT,
    prefixes: [
      's3://ml-artifacts/',
      's3://no-such-bucket/',
      's3://drill-artifacts/',
      's3://drill-kill/',
      's3://corpus-bucket/',
    ],
  },
];

/** Root config for a test backend: managed Regions, and the emulator (when given) with static keys. */
export function registryTestConfig(options: {
  regions: string[];
  awsEndpoint?: string;
  adminGroups?: string[];
}) {
  return {
    bedrockModels: {
      accounts: [{ accountId: TEST_ACCOUNT, regions: options.regions }],
      awsEndpoint: options.awsEndpoint,
      adminGroups: options.adminGroups,
    },
    aws: {
      accounts: [
        {
          accountId: TEST_ACCOUNT,
          accessKeyId: 'local',
          secretAccessKey: 'local',
        },
      ],
    },
  };
}

/** Inserts a model row straight into the registry's database (the import API comes with the imports issue). */
export async function insertModel(
  knex: Knex,
  model: {
    name: string;
    owner: string;
    classification?: string;
    title?: string;
  },
) {
  const now = new Date();
  await knex('models').insert({
    name: model.name,
    owner: model.owner,
    title: model.title ?? null,
    classification: model.classification ?? 'internal',
    lineage: '{}',
    tags: '[]',
    created_by: 'test',
    created_at: now,
    updated_at: now,
  });
}

/** Inserts version rows of a model. */
export async function insertVersions(
  knex: Knex,
  modelName: string,
  versions: Array<{
    number: number;
    status?: string;
    region?: string;
    architecture?: string;
    arn?: string;
  }>,
) {
  const now = new Date();
  await knex('model_versions').insert(
    versions.map(v => ({
      model_name: modelName,
      number: v.number,
      account_id: TEST_ACCOUNT,
      region: v.region ?? 'us-east-1',
      status: v.status ?? 'ready',
      imported_model_arn: v.arn ?? testArn(v.number, v.region),
      s3_uri: 's3://a/b/',
      architecture: v.architecture ?? null,
      managed: true,
      created_by: 'test',
      created_at: now,
      updated_at: now,
    })),
  );
}

/** The Group that owns test models; test catalogs hold it so owner checks pass. */
export const OWNER_GROUP_ENTITY = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'support-ml', namespace: 'default' },
  spec: { type: 'team', children: [] },
};
