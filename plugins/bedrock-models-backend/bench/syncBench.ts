/* eslint-disable no-console */
// yarn bench:sync: the emulator holds 5,000 imported models in 4 Regions (half tagged by the portal, half
// imported by hand); discovery reconciles them into an empty registry on PostgreSQL, then runs again with
// nothing new. Times both passes and counts AWS calls by operation. Writes bench-results/sync.json.
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { DefaultAwsCredentialsManager } from '@backstage/integration-aws-node';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { benchMachine, writeBenchResult } from './benchResults';
import knexFactory from 'knex';
import { AwsClients } from '../src/aws/AwsClients';
import { BedrockImportApi } from '../src/aws/BedrockImportApi';
import { readRegistryConfig } from '../src/config/readRegistryConfig';
import { MIGRATIONS_TABLE } from '../src/database/migrateDatabase';
import { registryStoresOn } from '../src/database/RegistryStores';
import { ErrorReporter } from '../src/service/ErrorReporter';
import { RegistryChanges } from '../src/service/RegistryChanges';
import { ModelDiscovery } from '../src/workers/ModelDiscovery';

const CONNECTION =
  process.env.BENCH_POSTGRES_CONNECTION ??
  'postgresql://postgres@127.0.0.1:5432';
const MODELS = 5000;
const REGIONS = ['us-east-1', 'us-east-2', 'us-west-2', 'eu-central-1'];
const ACCOUNT = '123456789012';

async function main() {
  // The emulator runs in its own process, as AWS would be remote, so its work does not share the
  // portal's event loop.
  const seedStarted = performance.now();
  const child = spawn(
    process.execPath,
    [
      '--require',
      require.resolve('@backstage/cli/config/nodeTransform.cjs'),
      path.resolve(__dirname, 'syncBenchEmulator.ts'),
      String(MODELS),
      REGIONS.join(','),
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const ready = await new Promise<string>((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', chunk => {
      output += chunk;
      const line = output.split('\n').find(l => l.startsWith('READY '));
      if (line) resolve(line);
    });
    child.on('exit', code => reject(new Error(`emulator exited with ${code}`)));
  });
  const [, endpoint, counts] = ready.split(' ');
  const perRegion = JSON.parse(counts) as Record<string, number>;
  console.log(
    `Seeded ${MODELS} imported models in ${(
      (performance.now() - seedStarted) /
      1000
    ).toFixed(1)} s: ${counts}`,
  );

  const admin = knexFactory({ client: 'pg', connection: CONNECTION });
  const database = `bedrock_models_sync_bench_${Date.now()}`;
  await admin.raw(`create database ${database}`);
  const knex = knexFactory({
    client: 'pg',
    connection: `${CONNECTION}/${database}`,
  });
  await knex.migrate.latest({
    directory: path.resolve(__dirname, '../migrations'),
    tableName: MIGRATIONS_TABLE,
  });

  const rootConfig = new ConfigReader({
    bedrockModels: {
      accounts: [{ accountId: ACCOUNT, regions: REGIONS }],
      awsEndpoint: endpoint,
    },
    aws: {
      accounts: [
        { accountId: ACCOUNT, accessKeyId: 'bench', secretAccessKey: 'bench' },
      ],
    },
  });
  const clients = new AwsClients(
    DefaultAwsCredentialsManager.fromConfig(rootConfig),
    endpoint,
  );
  let calls: Record<string, number> = {};
  clients.onCall(call => {
    const key = `${call.service}:${call.operation}`;
    calls[key] = (calls[key] ?? 0) + 1;
  });
  const logger = mockServices.rootLogger({ level: 'warn' });
  const stores = registryStoresOn(knex);
  const discovery = new ModelDiscovery({
    bedrock: new BedrockImportApi(clients),
    models: stores.models,
    imports: stores.imports,
    discovery: stores.discovery,
    config: readRegistryConfig(rootConfig),
    logger,
    changes: new RegistryChanges({ logger }),
    errors: new ErrorReporter(logger),
  });

  const pass = async () => {
    calls = {};
    const started = performance.now();
    const results = await discovery.reconcileAll();
    const seconds = +((performance.now() - started) / 1000).toFixed(2);
    return {
      seconds,
      discovered: results.reduce((n, r) => n + r.discovered, 0),
      errors: results.filter(r => r.error).map(r => r.error),
      awsCallsByOperation: calls,
    };
  };
  const first = await pass();
  const steady = await pass();
  const [{ count: versions }] = await knex('model_versions').count({
    count: '*',
  });
  const [{ count: models }] = await knex('models').count({ count: '*' });

  const result = {
    benchmark: 'bench:sync',
    date: new Date().toISOString(),
    machine: benchMachine(),
    database: 'PostgreSQL (127.0.0.1)',
    dataset: {
      importedModels: MODELS,
      regions: REGIONS,
      perRegion,
      note: 'half carry portal tags (500 models), half were imported by hand',
    },
    firstReconcile: { ...first, aimSeconds: 10 },
    steadyState: {
      ...steady,
      aim: 'list calls only (ListImportedModels, ListModelImportJobs)',
    },
    registryAfter: { models: Number(models), versions: Number(versions) },
  };
  writeBenchResult('sync', result);

  child.kill('SIGTERM');
  await knex.destroy();
  await admin.raw(`drop database ${database} with (force)`);
  await admin.destroy();
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
