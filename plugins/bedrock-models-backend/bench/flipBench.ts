/* eslint-disable no-console */
// yarn bench:flip: how soon callers see a promote or a rollback. The backend (on PostgreSQL) and the
// emulator run here; a load generator in its own process flips the production pointers of 20 models at
// 1 and at 20 concurrent clients and, after each 200, polls SSM GetParameter until it returns the new
// ARN. Reports p50/p95 of that time (and of the request itself) in bench-results/flip.json.
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { startEmulator } from '@bedrock-portal/bedrock-emulator';
import knexFactory from 'knex';
import { spawn } from 'node:child_process';
import { AddressInfo } from 'node:net';
import path from 'node:path';
import { registryTestConfig } from '../src/__testUtils__/registryFixtures';
import { bedrockModelsPlugin } from '../src/plugin';
import { benchMachine, writeBenchResult } from './benchResults';
import { FLIP_MODELS, FlipRun, flipArn } from './flipBenchShared';

const CONNECTION =
  process.env.BENCH_POSTGRES_CONNECTION ??
  'postgresql://postgres@127.0.0.1:5432';

/** Runs the load generator in its own process and reads its figures. */
function runClients(options: object): Promise<FlipRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        '--require',
        require.resolve('@backstage/cli/config/nodeTransform.cjs'),
        path.resolve(__dirname, 'flipBenchClients.ts'),
        JSON.stringify(options),
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let output = '';
    child.stdout.on('data', chunk => (output += chunk));
    child.on('exit', code =>
      code === 0
        ? resolve(JSON.parse(output))
        : reject(new Error(`load generator exited with ${code}`)),
    );
  });
}

async function main() {
  const admin = knexFactory({ client: 'pg', connection: CONNECTION });
  const database = `bedrock_models_flip_${Date.now()}`;
  await admin.raw(`create database ${database}`);
  const knex = knexFactory({
    client: 'pg',
    connection: `${CONNECTION}/${database}`,
    pool: { min: 0, max: 10 },
  });
  const emulator = await startEmulator({ port: 0 });
  const backend = await startTestBackend({
    features: [
      bedrockModelsPlugin,
      mockServices.database.factory({ knex }),
      mockServices.rootConfig.factory({
        data: registryTestConfig({
          regions: ['us-east-1'],
          awsEndpoint: emulator.endpoint,
        }),
      }),
    ],
  });
  try {
    const now = new Date();
    for (let m = 0; m < FLIP_MODELS; m++) {
      const name = `flip-${m}`;
      await knex('models').insert({
        name,
        owner: 'user:default/bench',
        classification: 'internal',
        lineage: '{}',
        tags: '[]',
        created_by: 'bench',
        created_at: now,
        updated_at: now,
      });
      await knex('model_versions').insert(
        [1, 2].map(number => ({
          model_name: name,
          number,
          account_id: '123456789012',
          region: 'us-east-1',
          status: 'ready',
          imported_model_arn: flipArn(m, number),
          s3_uri: 's3://bench/x/',
          managed: true,
          created_by: 'bench',
          created_at: now,
          updated_at: now,
        })),
      );
    }
    const base = `http://127.0.0.1:${
      (backend.server.address() as AddressInfo).port
    }/api/bedrock-models`;
    const common = {
      base,
      endpoint: emulator.endpoint,
      authorization: mockCredentials.user.header('user:default/bench'),
    };
    // Warm-up: connections, clients and the first SSM writes.
    await runClients({ ...common, clients: 5, flipsPerClient: 2 });
    const oneClient = await runClients({
      ...common,
      clients: 1,
      flipsPerClient: 60,
    });
    const twentyClients = await runClients({
      ...common,
      clients: 20,
      flipsPerClient: 20,
    });
    writeBenchResult('flip', {
      benchmark: 'bench:flip',
      date: new Date().toISOString(),
      machine: benchMachine(),
      setup:
        'backend and emulator in one process on PostgreSQL (127.0.0.1); load generator in its own process; each client flips its own model between versions 1 and 2 (promote, then rollback)',
      measured:
        'visible: from the 200 of a promote or rollback to the first GetParameter (polled every 10 ms) returning the new ARN; request: from sending the move to its 200',
      aimVisibleP95Ms: 1000,
      oneClient,
      twentyClients,
    });
  } finally {
    await backend.stop();
    await emulator.close();
    await knex.destroy();
    await admin.raw(`drop database ${database} with (force)`);
    await admin.destroy();
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
