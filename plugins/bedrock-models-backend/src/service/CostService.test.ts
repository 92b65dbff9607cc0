import {
  BedrockClient,
  ListImportedModelsCommand,
} from '@aws-sdk/client-bedrock';
import {
  BedrockRuntimeClient,
  InvokeModelCommand,
} from '@aws-sdk/client-bedrock-runtime';
import { mockServices } from '@backstage/backend-test-utils';
import {
  RunningEmulator,
  seedImportedModels,
  startEmulator,
} from '@bedrock-portal/bedrock-emulator';
import { windowCmuMinutes } from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { Knex } from 'knex';
import { applyMigrations } from '../database/migrateDatabase';
import { registryStoresOn } from '../database/RegistryStores';
import { insertModel } from '../__testUtils__/registryFixtures';
import { registryParts } from '../__testUtils__/registryParts';
import { emulatorSdk } from '../__testUtils__/emulatorSdk';
import { CostService } from './CostService';
import { ErrorReporter } from './ErrorReporter';
import { memoryDb } from '../__testUtils__/registryFixtures';

jest.setTimeout(60_000);

const PRICE = 0.05718;
const MINUTE = 60_000;

/**
 * Cost as AWS bills it, read back through CloudWatch from the emulator: every 5-minute window a copy is
 * loaded counts, from its first call until it is evicted, whether or not it is called; load brings up a
 * second copy, billed the same way.
 */
describe('CostService against the runtime as AWS bills it', () => {
  let emulator: RunningEmulator;
  let knex: Knex;
  let arn: string;
  let cost: CostService;
  const emulatorNow = () => new Date(emulator.context.clock.now());

  beforeEach(async () => {
    emulator = await startEmulator({
      port: 0,
      // Instant restores, and a second copy once more than 2 calls are in flight.
      coldStartRestoreSeconds: 0,
      coldStartRestorePerCmuSeconds: 0,
      requestsPerCopy: 2,
    });
    seedImportedModels(emulator, { count: 1, regions: ['us-east-1'] });
    const { modelSummaries } = await emulatorSdk(BedrockClient, emulator).send(
      new ListImportedModelsCommand({}),
    );
    arn = modelSummaries![0].modelArn!;
    knex = memoryDb();
    await applyMigrations(knex);
    await insertModel(knex, {
      name: 'summarizer',
      owner: 'group:default/support-ml',
    });
    await knex('model_versions').insert({
      model_name: 'summarizer',
      number: 1,
      account_id: emulator.options.defaultAccountId,
      region: 'us-east-1',
      status: 'ready',
      imported_model_arn: arn,
      cmus_per_copy: 2,
      s3_uri: 's3://fleet-artifacts-us-east-1/llama/',
      managed: true,
      created_by: 'test',
      created_at: new Date(Date.now() - 60 * MINUTE),
      updated_at: new Date(),
    });
    const { aws, config } = registryParts(knex, {
      endpoint: emulator.endpoint,
    });
    const stores = registryStoresOn(knex);
    cost = new CostService({
      metrics: aws.metrics,
      models: stores.models,
      errors: new ErrorReporter(mockServices.logger.mock()),
      config: {
        ...config,
        pricing: { ...config.pricing, cmuMinute: { 'us-east-1': PRICE } },
      },
      // The emulator's clock, which the test moves forward.
      now: emulatorNow,
    });
  });
  afterEach(() => emulator.close());

  const invoke = () =>
    emulatorSdk(BedrockRuntimeClient, emulator).send(
      new InvokeModelCommand({
        modelId: arn,
        contentType: 'application/json',
        body: JSON.stringify({ prompt: 'hello', max_gen_len: 64 }),
      }),
    );
  const advanceMinutes = (minutes: number) =>
    fetch(`${emulator.endpoint}/_emulator/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ advanceSeconds: minutes * 60 }),
    });

  it('charges every window a copy stays loaded after one call, idle or not, until it is evicted', async () => {
    const from = new Date(emulatorNow().getTime() - 10 * MINUTE);
    await invoke();
    // 40 idle minutes: within the hour before eviction, so the copy stays loaded (and billed).
    await advanceMinutes(40);
    const report = await cost.modelCost('summarizer', from, emulatorNow());
    const [v1] = report.versions;
    const cmuMinutes = v1.days.reduce((sum, d) => sum + d.cmuMinutes, 0);
    // One call, but at least 8 of the windows since (40 minutes) were billed, one copy of 2 CMUs each.
    expect(cmuMinutes).toBeGreaterThanOrEqual(8 * windowCmuMinutes(1, 2));
    expect(cmuMinutes).toBeLessThanOrEqual(10 * windowCmuMinutes(1, 2));
    expect(v1.compute).toBeCloseTo(cmuMinutes * PRICE, 6);

    // After an idle hour the copy is evicted: the next hour costs nothing.
    await advanceMinutes(60);
    const later = new Date(emulatorNow().getTime() + 1);
    await advanceMinutes(60);
    const evicted = await cost.modelCost('summarizer', later, emulatorNow());
    expect(evicted.versions[0].compute).toBe(0);
  });

  it('charges a second copy when load brings one up', async () => {
    const from = new Date(emulatorNow().getTime() - 10 * MINUTE);
    // Six calls at once, two per copy: a second (and third) copy comes up.
    await Promise.all(Array.from({ length: 6 }, () => invoke()));
    await advanceMinutes(10);
    const samples = await registryParts(knex, {
      endpoint: emulator.endpoint,
    }).aws.metrics.copies(
      { accountId: emulator.options.defaultAccountId, region: 'us-east-1' },
      [arn],
      from,
      emulatorNow(),
    );
    const copies = samples.get(arn)!.map(s => s.copies);
    expect(Math.max(...copies)).toBeGreaterThanOrEqual(2);
    const report = await cost.modelCost('summarizer', from, emulatorNow());
    const billed = copies.reduce((sum, c) => sum + windowCmuMinutes(c, 2), 0);
    expect(report.versions[0].days.reduce((s, d) => s + d.cmuMinutes, 0)).toBe(
      billed,
    );
  });
});
