/* eslint-disable no-console */
// yarn bench:catalog: time to build the catalog mutation for 10,000 versions of 1,000 models.
//  1. The mapping alone (ModelEntityMapper.fromInventory) on an in-memory inventory: the figure the aim
//     (under 1 s) is about.
//  2. A whole full refresh through the real provider: GET /inventory from the real bedrock-models backend
//     on PostgreSQL, seeded with the same registry, over HTTP with service credentials, then the mapping.
//     The mutation is captured, not applied: writing it is the catalog's cost, not this module's.
//     GET /inventory alone is timed too, to show where the time goes.
//  3. A delta refresh of one model (what a promote costs): GET /models/{model} and its mapping.
// Writes bench-results/catalog.json.
import {
  AuthService,
  coreServices,
  createBackendPlugin,
  DatabaseService,
} from '@backstage/backend-plugin-api';
import {
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import {
  catalogProcessingExtensionPoint,
  EntityProvider,
  EntityProviderMutation,
} from '@backstage/plugin-catalog-node';
// The bench runs the real backend plugin the provider reads from.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import bedrockModelsBackend from '@bedrock-portal/backstage-plugin-bedrock-models-backend';
import {
  AliasPointer,
  Model,
  ModelVersion,
  RegistryInventory,
  VersionStatus,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import {
  BedrockModelsService,
  bedrockModelsServiceRef,
} from '@bedrock-portal/backstage-plugin-bedrock-models-node';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ModelEntityMapper } from '../src/entities/ModelEntityMapper';
import { BedrockModelsEntityProvider } from '../src/provider/BedrockModelsEntityProvider';
import { catalogModuleBedrockModels } from '../src/module';

type Knex = Awaited<ReturnType<DatabaseService['getClient']>>;

const MODELS = 1000;
const VERSIONS = 10;
const ACCOUNT = '123456789012';
const MAPPING_RUNS = 30;
const REFRESH_RUNS = 10;
const DELTA_RUNS = 50;
const AT = new Date('2026-11-01T10:00:00.000Z');

const modelName = (i: number) => `model-${String(i).padStart(4, '0')}`;
const regionOf = (i: number) => (i % 2 ? 'us-east-1' : 'eu-central-1');
/** Most versions ready; one retired and one failed per model (every tenth model is discovered). */
function statusOf(v: number): VersionStatus {
  if (v === 1) return 'retired';
  if (v === VERSIONS) return 'failed';
  return 'ready';
}
const arnOf = (i: number, v: number) =>
  `arn:aws:bedrock:${regionOf(i)}:${ACCOUNT}:imported-model/${String(
    i,
  ).padStart(4, '0')}v${String(v).padStart(2, '0')}aaaaaa`;

/** The registry the bench maps: the same in memory and in the backend's database. */
function benchInventory(): RegistryInventory {
  const models: Model[] = [];
  const versions: ModelVersion[] = [];
  const pointers: AliasPointer[] = [];
  for (let i = 0; i < MODELS; i++) {
    const name = modelName(i);
    models.push({
      name,
      title: `Model ${i}`,
      description: `Fine-tune number ${i}`,
      owner: `group:default/team-${i % 25}`,
      system: i % 3 ? `system-${i % 7}` : undefined,
      classification: ['public', 'internal', 'confidential'][i % 3],
      lineage: { baseModel: 'meta-llama/Llama-3.1-8B-Instruct' },
      tags: ['bench'],
      createdBy: 'user:default/bench',
      createdAt: AT.toISOString(),
      updatedAt: AT.toISOString(),
    });
    for (let v = 1; v <= VERSIONS; v++) {
      versions.push({
        modelName: name,
        number: v,
        accountId: ACCOUNT,
        region: regionOf(i),
        status: statusOf(v),
        importedModelArn: statusOf(v) === 'failed' ? undefined : arnOf(i, v),
        jobArn: `arn:aws:bedrock:${regionOf(
          i,
        )}:${ACCOUNT}:model-import-job/${String(i).padStart(4, '0')}v${String(
          v,
        ).padStart(2, '0')}jjjjjj`,
        failureMessage:
          statusOf(v) === 'failed'
            ? 'The tokenizer files are missing.'
            : undefined,
        s3Uri: `s3://bench/${name}/v${v}/`,
        architecture: 'llama',
        managed: i % 10 !== 0,
        createdBy: 'user:default/bench',
        createdAt: AT.toISOString(),
        updatedAt: AT.toISOString(),
      });
    }
    for (const [alias, version] of [
      ['production', VERSIONS - 2],
      ['staging', VERSIONS - 1],
    ] as const) {
      pointers.push({
        modelName: name,
        alias,
        region: regionOf(i),
        accountId: ACCOUNT,
        version,
        revision: 1,
        parameterName: `/bedrock-models/${name}/${alias}`,
        updatedBy: 'user:default/bench',
        updatedAt: AT.toISOString(),
      });
    }
  }
  return { models, versions, pointers };
}

/** Writes the inventory into the backend's tables (after its migrations ran), 100 models at a time. */
async function seed(knex: Knex, inventory: RegistryInventory) {
  const chunk = <T>(items: T[], size: number) =>
    Array.from({ length: Math.ceil(items.length / size) }, (_, n) =>
      items.slice(n * size, (n + 1) * size),
    );
  for (const models of chunk(inventory.models, 100)) {
    await knex('models').insert(
      models.map(m => ({
        name: m.name,
        title: m.title,
        description: m.description,
        owner: m.owner,
        system: m.system ?? null,
        classification: m.classification,
        lineage: JSON.stringify(m.lineage),
        tags: JSON.stringify(m.tags),
        created_by: m.createdBy,
        created_at: AT,
        updated_at: AT,
      })),
    );
  }
  for (const versions of chunk(inventory.versions, 500)) {
    await knex('model_versions').insert(
      versions.map(v => ({
        model_name: v.modelName,
        number: v.number,
        account_id: v.accountId,
        region: v.region,
        status: v.status,
        imported_model_arn: v.importedModelArn ?? null,
        job_arn: v.jobArn ?? null,
        failure_message: v.failureMessage ?? null,
        s3_uri: v.s3Uri,
        architecture: v.architecture ?? null,
        managed: v.managed,
        created_by: v.createdBy,
        created_at: AT,
        updated_at: AT,
      })),
    );
  }
  for (const pointers of chunk(inventory.pointers, 500)) {
    await knex('alias_pointers').insert(
      pointers.map(p => ({
        model_name: p.modelName,
        alias: p.alias,
        region: p.region,
        version_number: p.version,
        revision: p.revision,
        updated_by: p.updatedBy,
        updated_at: AT,
      })),
    );
  }
}

async function timed(runs: number, fn: () => Promise<unknown> | unknown) {
  const durations: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await fn();
    durations.push(performance.now() - started);
  }
  durations.sort((a, b) => a - b);
  const at = (p: number) =>
    +durations[
      Math.min(durations.length - 1, Math.floor((p / 100) * durations.length))
    ].toFixed(1);
  return { runs, p50Ms: at(50), p95Ms: at(95), maxMs: at(100) };
}

async function main() {
  const loadAtStart = os.loadavg()[0];
  const inventory = benchInventory();

  // 1. The mapping alone.
  const mapper = new ModelEntityMapper({
    appBaseUrl: 'https://portal.example.com',
    backendBaseUrl: 'https://portal.example.com/api/bedrock-models',
    locationKey: 'bedrock-models',
  });
  const entityCount = mapper.fromInventory(inventory).entities.length;
  await timed(5, () => mapper.fromInventory(inventory)); // warm-up
  const mapping = await timed(MAPPING_RUNS, () =>
    mapper.fromInventory(inventory),
  );

  // 2 and 3. Through the real backend on PostgreSQL.
  process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING ??=
    process.env.BENCH_POSTGRES_CONNECTION ??
    'postgresql://postgres@127.0.0.1:5432';
  // TestDatabases registers its clean-up (dropping the database) with jest's afterAll: keep it for the end.
  let dropDatabases: () => Promise<void> = async () => {};
  Object.assign(globalThis, {
    afterAll: (fn: () => Promise<void>) => {
      dropDatabases = fn;
    },
  });
  const databases = TestDatabases.create({ ids: ['POSTGRES_15'] });
  const knex = await databases.init('POSTGRES_15');
  const providers: EntityProvider[] = [];
  // Another plugin holding the same client, to time GET /inventory on its own.
  let probe: { client: BedrockModelsService; auth: AuthService } | undefined;
  const probePlugin = createBackendPlugin({
    pluginId: 'bench-probe',
    register(env) {
      env.registerInit({
        deps: { client: bedrockModelsServiceRef, auth: coreServices.auth },
        async init(deps) {
          probe = deps;
        },
      });
    },
  });
  const backend = await startTestBackend({
    extensionPoints: [
      [
        catalogProcessingExtensionPoint,
        {
          addEntityProvider: (
            ...added: Array<EntityProvider | EntityProvider[]>
          ) => providers.push(...added.flat()),
        },
      ],
    ],
    features: [
      catalogModuleBedrockModels,
      bedrockModelsBackend,
      probePlugin,
      mockServices.database.factory({ knex }),
      mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
      mockServices.rootConfig.factory({
        data: {
          app: { baseUrl: 'https://portal.example.com' },
          bedrockModels: {
            accounts: [
              { accountId: ACCOUNT, regions: ['us-east-1', 'eu-central-1'] },
            ],
          },
        },
      }),
    ],
  });
  await seed(knex, inventory);
  // As autovacuum would after a bulk load: current statistics for the planner.
  await knex.raw('analyze');

  const provider = providers[0] as BedrockModelsEntityProvider;
  const applied: EntityProviderMutation[] = [];
  await provider.connect({
    applyMutation: async mutation => {
      applied.push(mutation);
    },
    refresh: async () => {},
  });
  await timed(2, () => provider.refresh()); // warm-up
  const fullRefresh = await timed(REFRESH_RUNS, () => provider.refresh());
  const full = applied.at(-1);
  if (full?.type !== 'full' || full.entities.length !== entityCount) {
    throw new Error(`a full refresh did not build ${entityCount} entities`);
  }
  const credentials = await probe!.auth.getOwnServiceCredentials();
  let inventoryBytes = 0;
  const inventoryFetch = await timed(REFRESH_RUNS, async () => {
    const fetched = await probe!.client.getInventory(undefined, {
      credentials,
    });
    inventoryBytes = JSON.stringify(fetched).length;
  });
  let n = 0;
  await timed(5, () => provider.refreshModel(modelName(n++))); // warm-up
  const deltaRefresh = await timed(DELTA_RUNS, () =>
    provider.refreshModel(modelName(n++ % MODELS)),
  );
  const delta = applied.at(-1);
  if (delta?.type !== 'delta' || delta.added.length !== VERSIONS + 1) {
    throw new Error(`a delta refresh did not build ${VERSIONS + 1} entities`);
  }

  const result = {
    benchmark: 'bench:catalog',
    date: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model,
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
      // The machine is shared: figures are noisier the higher this is.
      loadAverage1mAtStart: +loadAtStart.toFixed(2),
      node: process.version,
      platform: `${os.platform()} ${os.release()}`,
    },
    dataset: {
      models: MODELS,
      versionsPerModel: VERSIONS,
      versions: inventory.versions.length,
      pointers: inventory.pointers.length,
      entities: entityCount,
      mix: 'per model: 8 ready, 1 retired, 1 failed; production and staging pointers; every tenth model unmanaged',
    },
    mapping: {
      ...mapping,
      aimMs: 1000,
      note: 'ModelEntityMapper.fromInventory on an in-memory inventory: the mutation itself',
    },
    fullRefresh: {
      ...fullRefresh,
      database: 'PostgreSQL (127.0.0.1)',
      note: 'provider.refresh(): GET /inventory from the real backend over HTTP, mapping, mutation handed to a capturing connection',
    },
    inventoryFetch: {
      ...inventoryFetch,
      responseBytes: inventoryBytes,
      note: "GET /inventory alone through the -node client: the backend's query and JSON, HTTP, parsing",
    },
    deltaRefresh: {
      ...deltaRefresh,
      note: 'provider.refreshModel(): GET /models/{model} and the mapping of one model with 10 versions',
    },
  };
  const out = path.resolve(__dirname, '../../../bench-results/catalog.json');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
  console.log(JSON.stringify(result, null, 2));

  await backend.stop();
  await dropDatabases();
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
