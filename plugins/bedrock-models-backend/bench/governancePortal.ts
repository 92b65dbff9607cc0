// The portal bench:governance opens in a browser, each part in its own process: the Bedrock emulator (the
// AWS the backend talks to), and the real portal backend (packages/backend: every plugin, the guest
// sign-in, the portal's permission policy) serving the built app (packages/app/dist) on PostgreSQL, as
// scripts/e2e.sh runs it but on free ports and with its databases under a prefix of the bench's own.
import knexFactory, { Knex } from 'knex';
import fs from 'node:fs';
import path from 'node:path';
import {
  BENCH_POSTGRES,
  BenchBackend,
  freePort,
  startBenchBackend,
} from './benchProcesses';

const ROOT = path.resolve(__dirname, '../../..');
const BACKEND_DIR = path.join(ROOT, 'packages/backend');
const APP_DIST = path.join(ROOT, 'packages/app/dist');
const EMULATOR_DIR = path.join(ROOT, 'packages/bedrock-emulator');

/** The Regions app-config.yaml configures (discovery lists each one). */
export const CONFIGURED_REGIONS = ['us-east-1', 'us-west-2', 'eu-central-1'];

/** A started emulator and portal backend. */
export type GovernancePortal = {
  url: string;
  emulator: BenchBackend;
  backend: BenchBackend;
};

/** Starts the emulator (empty: no seed) on a free port. */
export async function startEmulatorProcess(): Promise<BenchBackend> {
  const port = await freePort();
  return startBenchBackend({
    script: path.join(EMULATOR_DIR, 'bin/bedrock-emulator'),
    args: ['--port', String(port)],
    cwd: EMULATOR_DIR,
    url: `http://127.0.0.1:${port}`,
    env: {},
    healthPath: '/_emulator/health',
  });
}

/**
 * Starts the portal backend on a free port, with its plugins' databases named `<prefix><plugin>` on the
 * bench's PostgreSQL, talking to the emulator at `awsEndpoint`. Two schedules are moved out of the
 * bench's way: discovery's next pass (10 hours after its first, 5 s after start) and the catalog
 * module's full re-read (first in 10 hours), so neither runs while pages are measured.
 */
export async function startPortalBackend(options: {
  databasePrefix: string;
  awsEndpoint: string;
}): Promise<BenchBackend> {
  if (!fs.existsSync(path.join(APP_DIST, 'index.html'))) {
    throw new Error(
      `No built app in ${APP_DIST}: run \`yarn workspace app build\` first`,
    );
  }
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  return startBenchBackend({
    script: path.join(BACKEND_DIR, 'src/index.ts'),
    cwd: BACKEND_DIR,
    url,
    // As scripts/e2e.sh: the guest sign-in needs NODE_ENV=development.
    env: {
      NODE_ENV: 'development',
      ESBK_TSCONFIG_PATH: path.join(ROOT, 'tsconfig.json'),
      BEDROCK_AWS_ENDPOINT: options.awsEndpoint,
      APP_CONFIG_app_baseUrl: url,
      APP_CONFIG_backend_baseUrl: url,
      APP_CONFIG_backend_cors_origin: url,
      APP_CONFIG_backend_listen_port: String(port),
      APP_CONFIG_backend_database_client: 'pg',
      APP_CONFIG_backend_database_connection: BENCH_POSTGRES,
      APP_CONFIG_backend_database_prefix: options.databasePrefix,
      APP_CONFIG_bedrockModels_discovery_frequencyMinutes: '600',
      APP_CONFIG_catalog_providers_bedrockModels_schedule: JSON.stringify({
        frequency: { minutes: 600 },
        timeout: { minutes: 3 },
        initialDelay: { minutes: 600 },
      }),
    },
    healthPath: '/.backstage/health/v1/readiness',
  });
}

/**
 * Waits until discovery's first pass has recorded every configured Region without an error. Seeding
 * after it keeps the seeded versions, which the empty emulator does not list (a pass would mark them
 * deleted), and leaves the report's sync state as a healthy portal's.
 */
export async function waitForFirstDiscovery(
  knex: Knex,
  timeoutMs = 120_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const rows: Array<{ region: string; last_error: string | null }> =
      await knex('discovery_state').select('region', 'last_error');
    const done = CONFIGURED_REGIONS.every(region =>
      rows.some(r => r.region === region),
    );
    if (done) {
      const failing = rows.filter(r => r.last_error);
      if (failing.length) {
        throw new Error(
          `Discovery failed: ${failing
            .map(r => `${r.region}: ${r.last_error}`)
            .join('; ')}`,
        );
      }
      return;
    }
    if (Date.now() > deadline) {
      throw new Error(`Discovery did not finish in ${timeoutMs} ms`);
    }
    await new Promise(resolve => setTimeout(resolve, 500));
  }
}

/** A connection to the registry's database the backend uses. */
export function registryDatabase(prefix: string): Knex {
  return knexFactory({
    client: 'pg',
    connection: `${BENCH_POSTGRES}/${prefix}bedrock-models`,
    pool: { min: 0, max: 4 },
  });
}
