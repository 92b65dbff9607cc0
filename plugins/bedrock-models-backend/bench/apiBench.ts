/* eslint-disable no-console */
// yarn bench:api, in two parts; writes bench-results/api.json.
//
// 1. (apiInProcessBench.ts) The registry on its own, backend and load generator in this process: list
//    and promote at 20 clients, SQL statements per request at 100 and 1,000 models.
// 2. The registry side by side with Backstage's own catalog, each process on its own: a backend process
//    (backend-defaults on PostgreSQL, mock auth) runs the real catalog backend, this repository's catalog
//    module and the bedrock-models backend; the registry holds 1,000 models with 10 versions each, seeded
//    before the backend starts, and the module's first full refresh puts the 11,000 entities into the
//    catalog (timed until by-query counts them all). A load generator in a third process
//    (apiBenchClients.ts) then asks both for the same 50 models, at 1 and at 20 concurrent clients,
//    alternating between them in rounds:
//      registry: GET /api/bedrock-models/models?classification=internal&region=us-east-1 (sorted by name)
//      catalog:  GET /api/catalog/entities/by-query with kind=resource, spec.type=ai-model, the
//                classification annotation = internal and the production pointer annotation of
//                us-east-1 present (sorted by metadata.name).
//    The backend runs with --cpu-prof (BENCH_CPU_PROFILE=0 turns it off); after the measurement each
//    target alone gets a window of the profile, summarized by top functions and packages.
import { mockCredentials } from '@backstage/backend-test-utils';
import knexFactory, { Knex } from 'knex';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ApiClientsOptions, ApiTargetFigures } from './apiBenchClients';
import { measureInProcess } from './apiInProcessBench';
import { DatabaseModelStore } from '../src/database/DatabaseModelStore';
import {
  benchClassificationOf,
  benchModelName,
  benchRegionOf,
  benchRegistryConfig,
  createRegistryDatabase,
  DATASET_MIX,
  seedRegistry,
  VERSIONS_PER_MODEL,
} from './benchDataset';
import {
  BENCH_POSTGRES,
  dropDatabases,
  freePort,
  machineCpuMs,
  postgresCpuMs,
  processCpuMs,
  startBenchBackend,
} from './benchProcesses';
import { captureStatements, explainAnalyze, Statement } from './benchExplain';
import { benchMachine, writeBenchResult } from './benchResults';
import { monotonicUs, ProfileWindow, summarizeProfile } from './cpuProfileTop';

const MODELS = 1000;
const CLASSIFICATION_ANNOTATION = 'bedrock-models.io/classification';
const PRODUCTION_US_EAST_1_ANNOTATION =
  'bedrock-models.io/production.us-east-1';
/** The catalog module's backend process (it needs the catalog backend, a dependency of that package). */
const BACKEND_SCRIPT = path.resolve(
  __dirname,
  '../../catalog-backend-module-bedrock-models/bench/benchBackendProcess.ts',
);
const PROFILE = process.env.BENCH_CPU_PROFILE !== '0';

/** Runs the load generator in its own process and reads its figures. */
function runClients(
  options: ApiClientsOptions,
): Promise<Record<string, ApiTargetFigures>> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        '--require',
        require.resolve('@backstage/cli/config/nodeTransform.cjs'),
        path.resolve(__dirname, 'apiBenchClients.ts'),
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

/**
 * The two statements the catalog runs for the by-query request (rows and count), as
 * DefaultEntitiesCatalog.queryEntities of @backstage/plugin-catalog-backend 4.0.0 builds them with
 * this filter and orderField metadata.name (written out here: the catalog's knex is in the backend
 * process). Each filter is an EXISTS on the search table; the order joins search on metadata.name.
 */
function catalogStatements(): Record<string, Statement> {
  const filters = `(exists (select 1 from search f where f.entity_id = fe.entity_id and f.key = 'kind' and f.value = 'resource'))
    and (exists (select 1 from search f where f.entity_id = fe.entity_id and f.key = 'spec.type' and f.value = 'ai-model'))
    and (exists (select 1 from search f where f.entity_id = fe.entity_id and f.key = '${`metadata.annotations.${CLASSIFICATION_ANNOTATION}`}' and f.value = 'internal'))
    and (exists (select 1 from search f where f.entity_id = fe.entity_id and f.key = '${`metadata.annotations.${PRODUCTION_US_EAST_1_ANNOTATION}`}'))`;
  return {
    rows: {
      sql: `with filtered (entity_id, final_entity, value) as (
  select fe.entity_id, fe.final_entity, s.value from search s
  inner join final_entities fe on fe.entity_id = s.entity_id
  where s.key = 'metadata.name' and s.value is not null and fe.final_entity is not null and (${filters}))
select * from filtered order by value asc, entity_id asc limit 51`,
      bindings: [],
    },
    count: {
      sql: `select count(*) as count from final_entities fe where fe.final_entity is not null
  and exists (select 1 from search s where s.entity_id = fe.entity_id and s.key = 'metadata.name' and s.value is not null)
  and (${filters})`,
      bindings: [],
    },
  };
}

/** EXPLAIN ANALYZE of each statement of both requests, in their databases. */
async function explainBoth(prefix: string) {
  const connect = (plugin: string) =>
    knexFactory({
      client: 'pg',
      connection: `${BENCH_POSTGRES}/${prefix}${plugin}`,
      pool: { min: 0, max: 1 },
    });
  const registry = connect('bedrock-models');
  const catalog = connect('catalog');
  try {
    const explainAll = async (knex: Knex, statements: Statement[]) => {
      const plans = [];
      for (const statement of statements) {
        plans.push(await explainAnalyze(knex, statement));
      }
      return plans;
    };
    const registryStatements = await captureStatements(registry, () =>
      new DatabaseModelStore(registry).searchModels({
        classification: 'internal',
        region: 'us-east-1',
        sort: 'name',
        order: 'asc',
        limit: 50,
        offset: 0,
      }),
    );
    return {
      registry: {
        note: 'captured from DatabaseModelStore.searchModels with the same search (count, page, versions of the page, pointers of the page)',
        statements: await explainAll(registry, registryStatements),
      },
      catalog: {
        note: 'written out from DefaultEntitiesCatalog.queryEntities (@backstage/plugin-catalog-backend 4.0.0) for the same filter and order; both run at once per request',
        statements: await explainAll(
          catalog,
          Object.values(catalogStatements()),
        ),
      },
    };
  } finally {
    await registry.destroy();
    await catalog.destroy();
  }
}

async function main() {
  const loadAtStart = +os.loadavg()[0].toFixed(2);
  console.log('Part 1: the registry in-process (statements per request)');
  const inProcess =
    process.env.BENCH_API_SKIP_IN_PROCESS === '1'
      ? undefined
      : await measureInProcess();

  console.log('Part 2: the registry and the catalog, side by side');
  const prefix = `bench_api_${Date.now()}_`;
  const profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-api-prof-'));
  let backend: Awaited<ReturnType<typeof startBenchBackend>> | undefined;
  try {
    const knex = await createRegistryDatabase(prefix);
    await seedRegistry(knex, 0, MODELS);
    await knex.destroy();

    const port = await freePort();
    const config = {
      ...benchRegistryConfig({ port, databasePrefix: prefix }),
      catalog: {
        // Once ingested, the catalog would re-process every entity every 100-150 s (its default),
        // competing with both targets for the two cores: held off for the measurement (see
        // `catalogProcessing` in the results for what that work costs).
        processingInterval: { minutes: 60 },
        providers: {
          bedrockModels: {
            schedule: {
              frequency: { minutes: 60 },
              timeout: { minutes: 10 },
              initialDelay: { seconds: 1 },
            },
          },
        },
      },
    };
    const cpuAtSpawn = { postgres: postgresCpuMs(), machine: machineCpuMs() };
    const spawnedAt = performance.now();
    backend = await startBenchBackend({
      script: BACKEND_SCRIPT,
      url: `http://127.0.0.1:${port}`,
      env: { BENCH_BACKEND_CONFIG: JSON.stringify(config) },
      healthPath: '/api/bedrock-models/health',
      nodeArgs: PROFILE ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : [],
    });
    const healthyAt = performance.now();
    const authorization = mockCredentials.user.header('user:default/bench');
    const headers = { Authorization: authorization };
    const catalogBase = `${backend.url}/api/catalog/entities/by-query`;
    const count = async (type: string) => {
      const res = await fetch(
        `${catalogBase}?filter=${encodeURIComponent(
          `kind=resource,spec.type=${type}`,
        )}&limit=1&fields=metadata.name`,
        { headers },
      );
      return res.ok ? Number((await res.json()).totalItems) : 0;
    };

    // Ingestion: the provider's first full mutation, then the catalog's processing and stitching.
    const mutationAt = await backend.waitForLine(
      new RegExp(`Full mutation: ${MODELS} models`),
      180_000,
    );
    const expected = { models: MODELS, versions: MODELS * VERSIONS_PER_MODEL };
    let counted = { models: 0, versions: 0 };
    const progress: Array<{ s: number; entities: number }> = [];
    for (;;) {
      counted = {
        models: await count('ai-model'),
        versions: await count('ai-model-version'),
      };
      progress.push({
        s: +((performance.now() - mutationAt) / 1000).toFixed(1),
        entities: counted.models + counted.versions,
      });
      if (
        counted.models === expected.models &&
        counted.versions === expected.versions
      )
        break;
      if (performance.now() - mutationAt > 20 * 60_000) {
        throw new Error(
          `The catalog holds ${JSON.stringify(counted)} after 20 minutes`,
        );
      }
      await new Promise(resolve => setTimeout(resolve, 2000));
    }
    const ingestedAt = performance.now();
    const ingestionCpu = {
      backendCpuS: +(processCpuMs(backend.pid) / 1000).toFixed(1),
      postgresCpuS: +((postgresCpuMs() - cpuAtSpawn.postgres) / 1000).toFixed(
        1,
      ),
      machineBusyShare: +(
        (machineCpuMs().busy - cpuAtSpawn.machine.busy) /
        (machineCpuMs().total - cpuAtSpawn.machine.total)
      ).toFixed(2),
    };
    console.log(
      `Catalog ingested ${expected.models + expected.versions} entities in ${(
        (ingestedAt - mutationAt) /
        1000
      ).toFixed(1)} s`,
    );

    // The two requests, and proof that they answer the same models.
    const registryUrl = `${backend.url}/api/bedrock-models/models?classification=internal&region=us-east-1&sort=name&order=asc&limit=50`;
    const catalogFilter = [
      'kind=resource',
      'spec.type=ai-model',
      `metadata.annotations.${CLASSIFICATION_ANNOTATION}=internal`,
      `metadata.annotations.${PRODUCTION_US_EAST_1_ANNOTATION}`,
    ].join(',');
    const catalogUrl = `${catalogBase}?filter=${encodeURIComponent(
      catalogFilter,
    )}&limit=50&orderField=${encodeURIComponent('metadata.name,asc')}`;
    // This PostgreSQL runs with autovacuum off: nothing has analyzed the catalog's tables since the
    // ingestion, so the planner thinks they are empty. One request as they are, then VACUUM ANALYZE,
    // as autovacuum would have (the registry's tables had theirs after seeding).
    const analyzeAndTime = async () => {
      const catalogDb = knexFactory({
        client: 'pg',
        connection: `${BENCH_POSTGRES}/${prefix}catalog`,
      });
      try {
        const autovacuum = (await catalogDb.raw('show autovacuum')).rows[0]
          .autovacuum;
        const sent = performance.now();
        const res = await fetch(catalogUrl, { headers });
        await res.arrayBuffer();
        const beforeAnalyzeMs = +(performance.now() - sent).toFixed(0);
        await catalogDb.raw('vacuum analyze');
        return { autovacuum, catalogRequestBeforeAnalyzeMs: beforeAnalyzeMs };
      } finally {
        await catalogDb.destroy();
      }
    };

    const statistics = await analyzeAndTime();
    const registryAnswer = await fetch(registryUrl, { headers }).then(r =>
      r.json(),
    );
    const catalogAnswer = await fetch(catalogUrl, { headers }).then(r =>
      r.json(),
    );
    const expectedNames = Array.from({ length: MODELS }, (_, i) => i)
      .filter(
        i =>
          benchClassificationOf(i) === 'internal' &&
          benchRegionOf(i) === 'us-east-1',
      )
      .map(benchModelName);
    const registryNames = registryAnswer.items.map(
      (m: { name: string }) => m.name,
    );
    const catalogNames = catalogAnswer.items.map(
      (e: { metadata: { name: string } }) => e.metadata.name,
    );
    const same =
      registryAnswer.totalCount === expectedNames.length &&
      catalogAnswer.totalItems === expectedNames.length &&
      JSON.stringify(registryNames) ===
        JSON.stringify(expectedNames.slice(0, 50)) &&
      JSON.stringify(catalogNames) === JSON.stringify(registryNames);
    if (!same) {
      throw new Error(
        `The two requests answer different models: registry ${
          registryAnswer.totalCount
        } ${registryNames.slice(0, 3).join(',')}..., catalog ${
          catalogAnswer.totalItems
        } ${catalogNames.slice(0, 3).join(',')}..., expected ${
          expectedNames.length
        }`,
      );
    }

    const targets = [
      { name: 'registry', url: registryUrl },
      { name: 'catalog', url: catalogUrl },
    ];
    const common = { targets, authorization, backendPid: backend.pid };
    console.log('Load: 1 client');
    const oneClient = await runClients({
      ...common,
      clients: 1,
      rounds: 6,
      requestsPerRound: 50,
      warmupRequests: 30,
    });
    console.log('Load: 20 clients');
    const twentyClients = await runClients({
      ...common,
      clients: 20,
      rounds: 8,
      requestsPerRound: 200,
      warmupRequests: 100,
    });

    // Each target alone, for the profile.
    const windows: Record<string, ProfileWindow> = {};
    if (PROFILE) {
      for (const target of targets) {
        const fromUs = monotonicUs();
        await runClients({
          ...common,
          targets: [target],
          clients: 20,
          rounds: 1,
          requestsPerRound: 600,
          warmupRequests: 0,
        });
        windows[target.name] = { fromUs, toUs: monotonicUs() };
      }
    }
    const explained = await explainBoth(prefix);
    await backend.stop();
    const profileFile = PROFILE
      ? fs
          .readdirSync(profileDir)
          .filter(f => f.endsWith('.cpuprofile'))
          .map(f => path.join(profileDir, f))[0]
      : undefined;
    const profile = profileFile
      ? {
          note: 'node --cpu-prof of the backend process (BENCH_PROFILE_OUT=<file> keeps it); each window: 600 requests of one target at 20 clients (load generator start-up included, as idle); self time of the main thread',
          registry: summarizeProfile(profileFile, windows.registry),
          catalog: summarizeProfile(profileFile, windows.catalog),
        }
      : undefined;
    if (profileFile && process.env.BENCH_PROFILE_OUT) {
      fs.copyFileSync(profileFile, process.env.BENCH_PROFILE_OUT);
    }

    const ratio = (clients: Record<string, ApiTargetFigures>) =>
      +(clients.registry.p95Ms / clients.catalog.p95Ms).toFixed(2);
    const result = {
      benchmark: 'bench:api',
      date: new Date().toISOString(),
      machine: {
        ...benchMachine(),
        loadAverage1mAtStart: loadAtStart,
        loadAverage1mAtEnd: +os.loadavg()[0].toFixed(2),
      },
      sideBySide: {
        setup:
          'one backend process (backend-defaults, PostgreSQL 127.0.0.1 with a database per plugin, mock auth and permissions): the real catalog backend, catalog-backend-module-bedrock-models and bedrock-models-backend; the load generator in its own process; the bench process seeds and watches. AWS endpoint unreachable (discovery fails and changes nothing).',
        dataset: {
          models: MODELS,
          versionsPerModel: VERSIONS_PER_MODEL,
          catalogEntities: counted.models + counted.versions,
          mix: DATASET_MIX,
        },
        requests: {
          registry: `GET ${registryUrl.replace(backend.url, '')}`,
          catalog: `GET ${catalogUrl.replace(backend.url, '')}`,
          matchingModels: expectedNames.length,
          equivalence:
            'Both answer the same 167 models, first 50 by name (checked before measuring). The registry filters classification on models and Region through EXISTS on versions; a model entity carries the classification as an annotation but its Region only in the pointer annotations (bedrock-models.io/<alias>.<region>), so the catalog filter asks for the production pointer annotation of us-east-1 to exist. Every bench model has a production pointer in its only Region, so both sets are equal. The catalog also needs kind and spec.type, the registry reads the models table.',
        },
        measured:
          'latency from sending a GET to the last byte of its answer (fetch asks for gzip, as browsers do; responseBytes is the decoded size); rounds alternate the two targets (1 client: 6 rounds of 50 requests each, 20 clients: 8 rounds of 200, after a warm-up); requests per second = requests / time spent on that target; CPU per request from /proc: the backend process, and PostgreSQL (all its processes); machineBusyShare: both cores, anything on the machine (other work shares it)',
        ingestion: {
          backendStartS: +((healthyAt - spawnedAt) / 1000).toFixed(1),
          fullMutationAfterStartS: +((mutationAt - spawnedAt) / 1000).toFixed(
            1,
          ),
          catalogProcessingS: +((ingestedAt - mutationAt) / 1000).toFixed(1),
          note: 'catalogProcessingS: from the provider applying its full mutation (11,000 entities) until by-query counts all 11,000 (polled every 2 s)',
          cpuFromSpawnUntilIngested: ingestionCpu,
          progress: progress.filter(
            (_, i) => i % Math.ceil(progress.length / 12) === 0,
          ),
        },
        statistics: {
          ...statistics,
          note: 'autovacuum is off on this PostgreSQL: the catalog database gets a VACUUM ANALYZE once ingested (the registry once seeded), as autovacuum would have; catalogRequestBeforeAnalyzeMs is one by-query request before that',
        },
        explainAnalyze: explained,
        catalogProcessing:
          'held off during the measurement (catalog.processingInterval 60 min); by default the catalog re-processes each of the 11,000 entities every 100-150 s',
        oneClient: {
          ...oneClient,
          registryP95OverCatalogP95: ratio(oneClient),
        },
        twentyClients: {
          ...twentyClients,
          registryP95OverCatalogP95: ratio(twentyClients),
        },
        aim: 'registry p95 at or below half the catalog p95 (ratio <= 0.5)',
        aimMet: {
          oneClient: ratio(oneClient) <= 0.5,
          twentyClients: ratio(twentyClients) <= 0.5,
        },
        profile,
      },
      inProcess,
    };
    writeBenchResult('api', result);
  } finally {
    await backend?.stop();
    await dropDatabases(prefix);
    fs.rmSync(profileDir, { recursive: true, force: true });
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
