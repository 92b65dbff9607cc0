// The registry bench:api and bench:report seed straight into the bedrock-models database (after its
// migrations): models with 10 versions each, production and staging pointers, and a fresh cost
// estimate for every ready version, so the report reads estimates from the database, never CloudWatch.
import { Knex } from 'knex';
import knexFactory from 'knex';
import { applyMigrations } from '../src/database/migrateDatabase';
import { BENCH_POSTGRES } from './benchProcesses';

export const BENCH_ACCOUNT = '123456789012';
export const BENCH_REGIONS = ['us-east-1', 'eu-central-1'];
export const VERSIONS_PER_MODEL = 10;
export const CLASSIFICATIONS = ['public', 'internal', 'confidential'];

/** What one model of the bench registry looks like. */
export const benchModelName = (i: number) =>
  `model-${String(i).padStart(5, '0')}`;
export const benchRegionOf = (i: number) => BENCH_REGIONS[(i + 1) % 2];
export const benchClassificationOf = (i: number) =>
  CLASSIFICATIONS[i % CLASSIFICATIONS.length];
/** Versions 2-9 ready, 1 retired, 10 failed (no imported model). */
const statusOf = (v: number) => {
  if (v === 1) return 'retired';
  if (v === VERSIONS_PER_MODEL) return 'failed';
  return 'ready';
};
const arnOf = (i: number, v: number) =>
  `arn:aws:bedrock:${benchRegionOf(i)}:${BENCH_ACCOUNT}:imported-model/${String(
    i,
  ).padStart(5, '0')}v${String(v).padStart(2, '0')}bench`;

/** The mix, as the result files describe it. */
export const DATASET_MIX =
  'per model 10 versions (1 retired, 8 ready, 1 failed), all in one Region (odd models us-east-1, even eu-central-1), production pointer on v8 and staging on v9 in that Region, classification public/internal/confidential by model number mod 3, owner one of 25 groups, a cost estimate read 1 minute before the run for every ready version';

/** Creates the plugin's database under `prefix` (as backend-defaults names it) and migrates it. */
export async function createRegistryDatabase(prefix: string): Promise<Knex> {
  const database = `${prefix}bedrock-models`;
  const admin = knexFactory({ client: 'pg', connection: BENCH_POSTGRES });
  await admin.raw(`create database "${database}"`);
  await admin.destroy();
  const knex = knexFactory({
    client: 'pg',
    connection: `${BENCH_POSTGRES}/${database}`,
    pool: { min: 0, max: 4 },
  });
  await applyMigrations(knex);
  return knex;
}

/** Inserts models `from` .. `to - 1` with their versions, pointers and estimates, 100 models at a time. */
export async function seedRegistry(knex: Knex, from: number, to: number) {
  const now = new Date();
  const estimateReadAt = new Date(now.getTime() - 60_000);
  for (let start = from; start < to; start += 100) {
    const models = Array.from(
      { length: Math.min(100, to - start) },
      (_, k) => start + k,
    );
    await knex('models').insert(
      models.map(i => ({
        name: benchModelName(i),
        title: `Model ${i}`,
        description: `Fine-tune number ${i} for the benchmarks`,
        owner: `group:default/team-${i % 25}`,
        system: i % 3 ? `system-${i % 7}` : null,
        classification: benchClassificationOf(i),
        lineage: JSON.stringify({
          baseModel: 'meta-llama/Llama-3.1-8B-Instruct',
        }),
        tags: JSON.stringify(['bench']),
        created_by: 'user:default/bench',
        created_at: now,
        updated_at: now,
      })),
    );
    const versions = models.flatMap(i =>
      Array.from({ length: VERSIONS_PER_MODEL }, (_, k) => {
        const v = k + 1;
        const status = statusOf(v);
        return {
          model_name: benchModelName(i),
          number: v,
          account_id: BENCH_ACCOUNT,
          region: benchRegionOf(i),
          status,
          imported_model_arn: status === 'failed' ? null : arnOf(i, v),
          imported_model_name: `${benchModelName(i)}-v${v}`,
          job_arn: `arn:aws:bedrock:${benchRegionOf(
            i,
          )}:${BENCH_ACCOUNT}:model-import-job/${String(i).padStart(
            5,
            '0',
          )}v${v}`,
          failure_message:
            status === 'failed' ? 'The tokenizer files are missing.' : null,
          s3_uri: `s3://bench/${benchModelName(i)}/v${v}/`,
          architecture: 'llama',
          cmus_per_copy: 2,
          managed: i % 10 !== 0,
          created_by: 'user:default/bench',
          created_at: new Date(now.getTime() - (VERSIONS_PER_MODEL - v) * 1000),
          updated_at: now,
        };
      }),
    );
    await knex('model_versions').insert(versions);
    await knex('alias_pointers').insert(
      models.flatMap(i =>
        (
          [
            ['production', VERSIONS_PER_MODEL - 2],
            ['staging', VERSIONS_PER_MODEL - 1],
          ] as const
        ).map(([alias, version]) => ({
          model_name: benchModelName(i),
          alias,
          region: benchRegionOf(i),
          account_id: BENCH_ACCOUNT,
          version_number: version,
          revision: 1,
          updated_by: 'user:default/bench',
          updated_at: now,
        })),
      ),
    );
    await knex('cost_estimates').insert(
      versions
        .filter(v => v.status === 'ready')
        .map(v => ({
          imported_model_arn: v.imported_model_arn,
          account_id: v.account_id,
          region: v.region,
          compute_30d: 120 + (v.number % 7) * 10,
          read_at: estimateReadAt,
        })),
    );
  }
  // As autovacuum would after a bulk load (this PostgreSQL runs without it): current statistics for
  // the planner, and the visibility map that lets index-only scans skip the table.
  await knex.raw('vacuum analyze');
}

/** Root config of the bench backends: the two Regions, and an AWS endpoint nothing listens on. */
export function benchRegistryConfig(options: {
  port: number;
  databasePrefix: string;
}) {
  const baseUrl = `http://127.0.0.1:${options.port}`;
  return {
    app: { baseUrl: 'http://127.0.0.1:3000' },
    backend: {
      baseUrl,
      listen: { port: options.port, host: '127.0.0.1' },
      database: {
        client: 'pg',
        connection: BENCH_POSTGRES,
        prefix: options.databasePrefix,
      },
    },
    bedrockModels: {
      accounts: [{ accountId: BENCH_ACCOUNT, regions: BENCH_REGIONS }],
      // Discovery runs 5 s after start: against an empty emulator it would mark every seeded version
      // deleted. With nothing listening, it fails (and changes nothing), as do the other AWS workers.
      awsEndpoint: 'http://127.0.0.1:9',
      discovery: { frequencyMinutes: 600 },
    },
    aws: {
      accounts: [
        {
          accountId: BENCH_ACCOUNT,
          accessKeyId: 'bench',
          secretAccessKey: 'bench',
        },
      ],
    },
  };
}
