// Part 1 of bench:api (the benchmark it was first): seeds 1,000 models with 10 versions each on
// PostgreSQL, then measures list and promote latency (p50, p95) through the real plugin over HTTP at 20
// concurrent clients, with the backend and the load generator in this process, and SQL statements per
// request (counted on the plugin's knex) at 100 and at 1,000 models. SSM publishing is excluded: it runs
// after the response, against the emulator. apiBench.ts writes the figures to bench-results/api.json.
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { startEmulator } from '@bedrock-portal/bedrock-emulator';
import knexFactory, { Knex } from 'knex';
import { AddressInfo } from 'node:net';
import { registryTestConfig } from '../src/__testUtils__/registryFixtures';
import { bedrockModelsPlugin } from '../src/plugin';

const CONNECTION =
  process.env.BENCH_POSTGRES_CONNECTION ??
  'postgresql://postgres@127.0.0.1:5432';
const MODELS = 1000;
const VERSIONS = 10;
const CONCURRENCY = 20;
const ACCOUNT = '123456789012';

function percentile(sorted: number[], p: number): number {
  return sorted[
    Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))
  ];
}

async function seedModels(knex: Knex, from: number, to: number) {
  const now = new Date();
  for (let start = from; start < to; start += 100) {
    const names = Array.from(
      { length: Math.min(100, to - start) },
      (_, i) => `model-${String(start + i).padStart(4, '0')}`,
    );
    await knex('models').insert(
      names.map((name, i) => ({
        name,
        title: `Model ${start + i}`,
        owner: `group:default/team-${(start + i) % 25}`,
        classification: ['public', 'internal', 'confidential'][(start + i) % 3],
        lineage: '{}',
        tags: '[]',
        created_by: 'bench',
        created_at: now,
        updated_at: now,
      })),
    );
    await knex('model_versions').insert(
      names.flatMap((name, i) =>
        Array.from({ length: VERSIONS }, (_, v) => ({
          model_name: name,
          number: v + 1,
          account_id: ACCOUNT,
          region: (start + i) % 2 ? 'us-east-1' : 'eu-central-1',
          status: 'ready',
          imported_model_arn:
            `arn:aws:bedrock:us-east-1:${ACCOUNT}:imported-model/${String(
              start + i,
            ).padStart(4, '0')}v${String(v + 1).padStart(2, '0')}aaaaa`.slice(
              0,
              70,
            ),
          s3_uri: 's3://bench/x/',
          architecture: 'llama',
          managed: true,
          created_by: 'bench',
          created_at: now,
          updated_at: now,
        })),
      ),
    );
  }
}

/** Runs part 1 and answers its figures. */
export async function measureInProcess() {
  const admin = knexFactory({ client: 'pg', connection: CONNECTION });
  const database = `bedrock_models_bench_${Date.now()}`;
  await admin.raw(`create database ${database}`);
  const knex = knexFactory({
    client: 'pg',
    connection: `${CONNECTION}/${database}`,
    pool: { min: 0, max: 10 },
  });
  let statements = 0;
  knex.on('query', () => {
    statements += 1;
  });
  const emulator = await startEmulator({ port: 0 });
  const backend = await startTestBackend({
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
  });
  const base = `http://127.0.0.1:${
    (backend.server.address() as AddressInfo).port
  }/api/bedrock-models`;
  const headers = {
    Authorization: mockCredentials.user.header('user:default/bench'),
    'Content-Type': 'application/json',
  };

  const listQueries = [
    '',
    'classification=internal',
    'region=us-east-1&sort=updatedAt&order=desc',
    'alias=production&aliasState=set',
    'q=model-01',
    `owner=${encodeURIComponent('group:default/team-3')}&offset=10`,
  ];
  const list = (i: number) =>
    fetch(`${base}/models?limit=50&${listQueries[i % listQueries.length]}`, {
      headers,
    });
  let promoteCounter = 0;
  const promote = (i: number) => {
    const n = i % MODELS;
    const model = `model-${String(n).padStart(4, '0')}`;
    promoteCounter += 1;
    return fetch(`${base}/models/${model}/aliases/production`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        region: n % 2 ? 'us-east-1' : 'eu-central-1',
        version: (promoteCounter % VERSIONS) + 1,
        reason: 'bench',
      }),
    });
  };

  async function statementsPer(call: () => Promise<Response>): Promise<number> {
    const before = statements;
    const res = await call();
    await res.text();
    // Give the outbox trigger's background statements no chance to count: they follow the response.
    return statements - before;
  }

  // Statements per request at 100 models, then at 1,000.
  await seedModels(knex, 0, 100);
  await promote(1).then(r => r.text());
  // Let the SSM publish that the promote triggered finish, so its statements are not counted below.
  await new Promise(resolve => setTimeout(resolve, 1500));
  const at100 = {
    list: await statementsPer(() => list(0)),
    promote: await statementsPer(() => promote(3)),
  };
  await seedModels(knex, 100, MODELS);
  // As autovacuum would after a bulk load: current statistics, so the planner picks the indexes.
  await knex.raw('analyze');
  const at1000 = {
    list: await statementsPer(() => list(0)),
    promote: await statementsPer(() => promote(5)),
  };

  async function measure(
    count: number,
    call: (i: number) => Promise<Response>,
  ) {
    const durations: number[] = [];
    const statuses: Record<number, number> = {};
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < count) {
          const i = next++;
          const started = performance.now();
          const res = await call(i);
          await res.text();
          durations.push(performance.now() - started);
          statuses[res.status] = (statuses[res.status] ?? 0) + 1;
        }
      }),
    );
    durations.sort((a, b) => a - b);
    return {
      requests: count,
      p50Ms: +percentile(durations, 50).toFixed(1),
      p95Ms: +percentile(durations, 95).toFixed(1),
      statuses,
    };
  }

  await measure(60, list); // warm-up
  // One client at a time: the cost of a request itself, without queueing on this 2-core machine.
  const single = async (
    count: number,
    call: (i: number) => Promise<Response>,
  ) => {
    const durations: number[] = [];
    for (let i = 0; i < count; i++) {
      const started = performance.now();
      await (await call(i)).text();
      durations.push(performance.now() - started);
    }
    durations.sort((a, b) => a - b);
    return {
      requests: count,
      p50Ms: +percentile(durations, 50).toFixed(1),
      p95Ms: +percentile(durations, 95).toFixed(1),
    };
  };
  const listSingle = await single(120, list);
  const byQuery = Object.fromEntries(
    await listQueries.reduce(
      async (acc, query, q) => [
        ...(await acc),
        [query || '(none)', (await single(10, () => list(q))).p50Ms],
      ],
      Promise.resolve([] as Array<[string, number]>),
    ),
  );
  const listResult = await measure(600, list);
  const promoteResult = await measure(400, i => promote(i * 7));

  const result = {
    setup:
      'backend (startTestBackend, mock auth) and load generator in the bench process; PostgreSQL (127.0.0.1)',
    dataset: { models: MODELS, versionsPerModel: VERSIONS },
    concurrency: CONCURRENCY,
    list: {
      ...listResult,
      aimP95Ms: 50,
      oneClientAtATime: listSingle,
      oneClientP50MsByQuery: byQuery,
    },
    promote: {
      ...promoteResult,
      aimP95Ms: 100,
      note: 'SSM publishing excluded (runs after the response)',
    },
    statementsPerRequest: { at100Models: at100, at1000Models: at1000 },
  };
  await backend.stop();
  await emulator.close();
  await knex.destroy();
  await admin.raw(`drop database ${database} with (force)`);
  await admin.destroy();
  return result;
}
