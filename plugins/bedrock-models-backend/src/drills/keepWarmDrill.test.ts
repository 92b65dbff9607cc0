import {
  BedrockClient,
  ListImportedModelsCommand,
} from '@aws-sdk/client-bedrock';
import {
  BedrockRuntimeClient,
  ConverseCommand,
} from '@aws-sdk/client-bedrock-runtime';
import {
  CloudWatchClient,
  GetMetricDataCommand,
} from '@aws-sdk/client-cloudwatch';
import {
  RunningEmulator,
  seedImportedModels,
  startEmulator,
} from '@bedrock-portal/bedrock-emulator';
import {
  BUSINESS_HOURS,
  keepWarmEstimate,
  keepWarmWindows,
  localTime,
  windowCmuMinutes,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { Knex } from 'knex';
import { applyMigrations } from '../database/migrateDatabase';
import { ColdStartRecorder } from '../service/ColdStartRecorder';
import { ErrorReporter } from '../service/ErrorReporter';
import { KeepWarmService } from '../service/KeepWarmService';
import { KeepWarmHeartbeat } from '../workers/KeepWarmHeartbeat';
import { emulatorSdk } from '../__testUtils__/emulatorSdk';
import {
  insertModel,
  memoryDb,
  TEST_ACCOUNT,
} from '../__testUtils__/registryFixtures';
import { registryParts } from '../__testUtils__/registryParts';

jest.setTimeout(120_000);

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const ZONE = 'Europe/Berlin';
const PRICE = 0.05718;
const CMUS = 2;
/** Callers of both models, each simulated day, local time: two calls two hours apart, 20 minutes each. */
const CALLS = [9, 11, 13, 15].flatMap(hour => [hour * 60, hour * 60 + 20]);

/**
 * Two simulated working days of callers against two copies of the same model: `office` kept warm in
 * business hours (Mon-Fri 9-17, Berlin), `idle` with no policy. The emulator keeps AWS's durations
 * (an idle copy is evicted after an hour, a restore takes 70 s for 2 CMUs) and its clock is moved a
 * minute at a time, the heartbeat worker running once a minute as the scheduler would run it, on the
 * emulator's time. The emulator answers a call to an evicted copy with ModelNotReadyException at once
 * (no hold), so a cold start cannot hide as a slow call: every caller that meets one is refused.
 *
 * The emulator's --time-scale divides its durations but not its clock nor its 5-minute billing windows,
 * so ModelCopy agrees with AWS time only at a time-scale of 1: the drill moves the clock instead.
 */
describe('keep-warm drill: two working days of callers, with and without a policy', () => {
  let emulator: RunningEmulator;
  let knex: Knex;

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, coldStartHoldSeconds: 0 });
  });
  afterAll(() => emulator.close());

  // The emulator's clock, moved as `POST /_emulator/clock` moves it; in process, since the drill moves it
  // 2,880 times (a minute at a time) and the admin route costs milliseconds each.
  const emulatorNow = () => new Date(emulator.context.clock.now());
  const clock = (advanceMs: number): Date => {
    emulator.context.clock.advance(Math.max(0, advanceMs));
    return emulatorNow();
  };

  it('keeps every business-hours caller warm, leaves one after each idle hour cold, and bills what it computed', async () => {
    seedImportedModels(emulator, { count: 2, regions: ['us-east-1'] });
    const { modelSummaries } = await emulatorSdk(BedrockClient, emulator).send(
      new ListImportedModelsCommand({}),
    );
    const [officeArn, idleArn] = modelSummaries!.map(m => m.modelArn!);
    knex = memoryDb();
    await applyMigrations(knex);
    let simulatedNow = emulatorNow();
    const parts = registryParts(knex, {
      endpoint: emulator.endpoint,
      now: () => simulatedNow,
    });
    for (const [name, arn] of [
      ['office', officeArn],
      ['idle', idleArn],
    ]) {
      await insertModel(knex, { name, owner: 'group:default/support-ml' });
      await knex('model_versions').insert({
        model_name: name,
        number: 1,
        account_id: TEST_ACCOUNT,
        region: 'us-east-1',
        status: 'ready',
        imported_model_arn: arn,
        architecture: 'llama',
        instruct_supported: true,
        cmus_per_copy: CMUS,
        s3_uri: 's3://fleet-artifacts-us-east-1/llama/',
        managed: true,
        created_by: 'test',
        created_at: simulatedNow,
        updated_at: simulatedNow,
      });
      await parts.promotion.move({
        modelName: name,
        alias: 'production',
        region: 'us-east-1',
        kind: 'promote',
        version: 1,
        actor: 'user:default/ana',
        reason: 'first version',
      });
    }
    const config = {
      ...parts.config,
      pricing: { ...parts.config.pricing, cmuMinute: { 'us-east-1': PRICE } },
    };
    const coldStarts = new ColdStartRecorder({
      coldStarts: parts.stores.coldStarts,
      thresholdMs: config.keepWarm.coldStartThresholdMs,
      logger: parts.logger,
    });
    const service = new KeepWarmService({
      keepWarm: parts.stores.keepWarm,
      coldStarts: parts.stores.coldStarts,
      pointers: parts.stores.pointers,
      models: parts.stores.models,
      config,
      beatNow: () => {},
      now: () => simulatedNow,
    });
    const worker = new KeepWarmHeartbeat({
      keepWarm: parts.stores.keepWarm,
      invoker: parts.aws.invoker,
      coldStarts,
      config,
      logger: parts.logger,
      errors: new ErrorReporter(parts.logger),
    });
    const office = {
      modelName: 'office',
      alias: 'production',
      region: 'us-east-1',
    };
    const policy = {
      mode: 'windows' as const,
      intervalMinutes: 14,
      timeZone: ZONE,
      windows: [BUSINESS_HOURS],
      reason: 'Support agents wait for cold starts every morning',
    };
    const set = await service.setPolicy(office, policy, 'user:default/ana');

    // Two working days: from the next Monday 00:00 in Berlin to Wednesday 00:00.
    let start = Math.ceil(simulatedNow.getTime() / HOUR) * HOUR;
    while (
      localTime(new Date(start), ZONE).weekday !== 'mon' ||
      localTime(new Date(start), ZONE).minuteOfDay !== 0
    ) {
      start += 15 * MINUTE;
    }
    const end = start + 48 * HOUR;
    simulatedNow = clock(start - emulatorNow().getTime());

    // Callers call the model as an application would: the ARN, one attempt.
    const runtime = new BedrockRuntimeClient({
      endpoint: emulator.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      maxAttempts: 1,
    });
    const met: Array<{
      model: string;
      local: string;
      cold: boolean;
      error?: string;
    }> = [];
    const call = async (model: string, arn: string, at: Date) => {
      const local = localTime(at, ZONE);
      const label = `${local.weekday} ${String(
        Math.floor(local.minuteOfDay / 60),
      ).padStart(2, '0')}:${String(local.minuteOfDay % 60).padStart(2, '0')}`;
      try {
        await runtime.send(
          new ConverseCommand({
            modelId: arn,
            messages: [
              { role: 'user', content: [{ text: 'Where is my parcel?' }] },
            ],
            inferenceConfig: { maxTokens: 16 },
          }),
        );
        met.push({ model, local: label, cold: false });
      } catch (error) {
        met.push({
          model,
          local: label,
          cold: true,
          error: (error as Error).name,
        });
      }
    };

    // The scheduler's minute, on the emulator's clock.
    for (let step = start; step < end; step += MINUTE) {
      await worker.run({ now: simulatedNow });
      const local = localTime(simulatedNow, ZONE).minuteOfDay;
      if (CALLS.includes(local)) {
        await call('office', officeArn, simulatedNow);
        await call('idle', idleArn, simulatedNow);
      }
      simulatedNow = clock(step + MINUTE - simulatedNow.getTime());
    }
    runtime.destroy();

    // Every caller that was refused met an evicted copy, nothing else.
    expect(
      met.filter(m => m.error && m.error !== 'ModelNotReadyException'),
    ).toEqual([]);
    // Business hours kept warm: no caller of `office` met a cold start, on either day.
    const officeCalls = met.filter(m => m.model === 'office');
    expect(officeCalls).toHaveLength(2 * CALLS.length);
    expect(officeCalls.filter(m => m.cold)).toEqual([]);
    // No policy: every caller after an idle hour (or the night) met one; the one 20 minutes later did not.
    expect(
      met
        .filter(m => m.model === 'idle')
        .map(m => `${m.local} ${m.cold ? 'cold' : 'warm'}`),
    ).toEqual(
      ['mon', 'tue'].flatMap(day =>
        [9, 11, 13, 15].flatMap(hour => [
          `${day} ${String(hour).padStart(2, '0')}:00 cold`,
          `${day} ${String(hour).padStart(2, '0')}:20 warm`,
        ]),
      ),
    );

    // The heartbeats: each morning the first met the evicted copy and the copy was served two minutes
    // later (a recorded cold start, the portal's own, before the window opened); none reached `idle`.
    const beats = await knex('keep_warm_beats').orderBy('id');
    expect(new Set(beats.map(b => b.model_name))).toEqual(new Set(['office']));
    const heartbeatColdStarts = await parts.stores.coldStarts.list({
      since: new Date(start),
      modelName: 'office',
    });
    expect(
      heartbeatColdStarts.map(c => [c.source, localTime(new Date(c.at), ZONE)]),
    ).toEqual([
      ['heartbeat', { weekday: 'tue', minuteOfDay: 8 * 60 + 50 }],
      ['heartbeat', { weekday: 'mon', minuteOfDay: 8 * 60 + 50 }],
    ]);

    // What CloudWatch says was billed (ModelCopy per 5-minute window) against what the policy computes.
    const cloudWatch = emulatorSdk(CloudWatchClient, emulator);
    const copies = async (arn: string) => {
      const { MetricDataResults } = await cloudWatch.send(
        new GetMetricDataCommand({
          StartTime: new Date(start),
          EndTime: new Date(end),
          MetricDataQueries: [
            {
              Id: 'copies',
              MetricStat: {
                Metric: {
                  Namespace: 'AWS/Bedrock',
                  MetricName: 'ModelCopy',
                  Dimensions: [{ Name: 'ModelId', Value: arn }],
                },
                Period: 300,
                Stat: 'Sum',
              },
            },
          ],
        }),
      );
      return MetricDataResults![0].Values ?? [];
    };
    const officeWindows = await copies(officeArn);
    expect(Math.max(...officeWindows)).toBe(1);
    const billedWindows = officeWindows.length;
    const period = { from: new Date(start), to: new Date(end) };
    const timing = { evictionMinutes: 60, leadMinutes: 10 };
    // The estimate takes a copy as loaded from the first heartbeat of a spell: an upper bound by at most
    // one window a spell. With the restore the heartbeats measured, it is what CloudWatch billed.
    const estimated = keepWarmWindows(policy, period, timing);
    expect(estimated.spells).toHaveLength(2);
    expect(estimated.windows).toBeGreaterThanOrEqual(billedWindows);
    expect(estimated.windows - billedWindows).toBeLessThanOrEqual(
      estimated.spells.length,
    );
    const restoreMinutes =
      Math.max(...heartbeatColdStarts.map(c => c.waitedMs)) / MINUTE;
    const measured = keepWarmWindows(policy, period, {
      ...timing,
      restoreMinutes,
    });
    expect(measured.windows).toBe(billedWindows);
    // In money, as CostService prices CloudWatch's windows and the policy prices its own.
    const perWindow = windowCmuMinutes(1, CMUS) * PRICE;
    const billed = officeWindows.reduce(
      (sum, c) => sum + windowCmuMinutes(c, CMUS) * PRICE,
      0,
    );
    expect(measured.windows * perWindow).toBeCloseTo(billed, 9);
    const computed = estimated.windows * perWindow;
    expect(computed).toBeGreaterThanOrEqual(billed - 1e-9);
    expect(computed).toBeLessThanOrEqual(
      billed + estimated.spells.length * perWindow + 1e-9,
    );
    // The monthly figure on the pointer card is the same arithmetic: two working days are 2/20 of the
    // four weeks it reads, scaled to 30 days.
    expect(set.estimate.windowsPerMonth).toBeCloseTo(
      (estimated.windows / 2) * 20 * (30 / 28),
      6,
    );
    expect(set.estimate.monthlyCost).toBeCloseTo(
      keepWarmEstimate(policy, {
        from: new Date(set.policy.updatedAt!),
        timing,
        cmusPerCopy: CMUS,
        pricePerCmuMinute: PRICE,
      }).monthlyCost!,
      9,
    );
    // Without a policy, `idle` was billed only around its callers: the keep-warm cost it avoided paying.
    const idleWindows = await copies(idleArn);
    expect(idleWindows.length).toBeLessThan(billedWindows);
  });
});
