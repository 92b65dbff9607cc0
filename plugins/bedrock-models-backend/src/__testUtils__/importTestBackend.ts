import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { RunningEmulator } from '@bedrock-portal/bedrock-emulator';
import { ModelVersion } from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { Knex } from 'knex';
import request from 'supertest';
import { bedrockModelsPlugin } from '../plugin';
import {
  OWNER_GROUP_ENTITY,
  registryTestConfig,
  TEST_ACCOUNT,
  TEST_SOURCES,
} from './registryFixtures';

/** The scheduled task ids tests drive by hand. */
export const TASKS = {
  tracker: 'bedrock-models:import-tracker',
  discovery: 'bedrock-models:discovery',
} as const;

/** The owner every import test uses; it exists in the mock catalog. */
export const OWNER = 'group:default/support-ml';
/** A user the default (allow-all) permission mock lets do anything. */
export const ANA = 'user:default/ana';

/** Root config of an import-capable test backend talking to the emulator. */
export function importTestConfig(
  emulator: RunningEmulator,
  extra: { dataResidency?: Record<string, string[]>; warmUp?: boolean } = {},
) {
  const base = registryTestConfig({
    regions: ['us-east-1', 'eu-central-1'],
    awsEndpoint: emulator.endpoint,
  });
  return {
    ...base,
    bedrockModels: {
      ...base.bedrockModels,
      accounts: [
        {
          accountId: TEST_ACCOUNT,
          regions: ['us-east-1', 'eu-central-1'],
          importRoleArn: `arn:aws:iam::${TEST_ACCOUNT}:role/BedrockModelImport`,
        },
      ],
      // Where imports may come from (the integrity tests cover refusals of anything else).
      sources: TEST_SOURCES,
      // Tests move fast; the default is 30 s between two calls about a job.
      imports: { pollIntervalSeconds: 0.05, warmUp: extra.warmUp ?? false },
      dataResidency: extra.dataResidency,
      pricing: {
        cmuMinute: { 'us-east-1': 0.05718, 'eu-central-1': 0.07144 },
        storageCmuMonth: 1.95,
        source: 'test prices',
      },
    },
  };
}

/** A bedrock-models backend on the given database and emulator, with a scheduler the test drives. */
export async function startImportBackend(
  knex: Knex,
  emulator: RunningEmulator,
  extra: { dataResidency?: Record<string, string[]>; warmUp?: boolean } = {},
) {
  // The mock scheduler runs a task only when the test triggers it.
  const scheduler = mockServices.scheduler();
  const backend = await startTestBackend({
    features: [
      bedrockModelsPlugin,
      mockServices.database.factory({ knex }),
      createServiceFactory({
        service: coreServices.scheduler,
        deps: {},
        factory: () => scheduler,
      }),
      mockServices.rootConfig.factory({
        data: importTestConfig(emulator, extra),
      }),
      catalogServiceMock.factory({
        entities: [OWNER_GROUP_ENTITY],
      }),
    ],
  });
  const api = (path: string) => `/api/bedrock-models${path}`;
  const asAna = mockCredentials.user.header(ANA);

  /**
   * Runs the job tracker until the version leaves `importing`, or gives up after `timeoutMs`. Bounded by
   * time, not passes: a trigger while the router's own kick is still running returns at once.
   */
  async function trackUntilDone(
    modelName: string,
    number: number,
    timeoutMs = 60_000,
  ): Promise<ModelVersion> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      await scheduler.triggerTask(TASKS.tracker);
      const res = await request(backend.server)
        .get(api(`/models/${modelName}/versions/${number}`))
        .set('Authorization', asAna);
      if (res.body.status !== 'importing') return res.body;
      if (Date.now() > deadline) {
        throw new Error(
          `${modelName} v${number} was still importing after ${timeoutMs} ms`,
        );
      }
      await new Promise(resolve => setTimeout(resolve, 60));
    }
  }

  /** Posts an import as Ana with an Idempotency-Key. */
  const postImport = (modelName: string, key: string, body: object) =>
    request(backend.server)
      .post(api(`/models/${modelName}/versions`))
      .set('Authorization', asAna)
      .set('Idempotency-Key', key)
      .send(body);

  return {
    server: backend.server,
    postImport,
    stop: () => backend.stop(),
    scheduler,
    api,
    asAna,
    trackUntilDone,
  };
}
