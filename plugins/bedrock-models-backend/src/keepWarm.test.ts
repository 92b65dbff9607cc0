import {
  BedrockClient,
  ListImportedModelsCommand,
} from '@aws-sdk/client-bedrock';
import {
  RunningEmulator,
  seedImportedModels,
  startEmulator,
} from '@bedrock-portal/bedrock-emulator';
import { Knex } from 'knex';
import { applyMigrations } from './database/migrateDatabase';
import { EVALUATION_RUNNER_TASK_ID } from './workers/EvaluationRunner';
import { KEEP_WARM_TASK_ID } from './workers/KeepWarmHeartbeat';
import { emulatorSdk } from './__testUtils__/emulatorSdk';
import {
  insertModel,
  insertVersions,
  memoryDb,
  TEST_ACCOUNT,
} from './__testUtils__/registryFixtures';
import { startTrustBackend } from './__testUtils__/trustTestBackend';

jest.setTimeout(120_000);

const ANA = 'user:default/ana';
const POLICY = '/models/claims/aliases/production/keep-warm';
const PRICE = 0.05718;

/**
 * Keep-warm over HTTP against the emulator: policies checked, priced and kept in history; the heartbeat
 * worker reaching the version the pointer names now (a moved pointer warms its new version), backing off
 * when throttled; cold starts measured from heartbeats and evaluations, per pointer and across models.
 */
describe('keep-warm policies and the cold starts they avoid', () => {
  let emulator: RunningEmulator;
  let knex: Knex;
  let backend: Awaited<ReturnType<typeof startTrustBackend>>;

  beforeEach(async () => {
    emulator = await startEmulator({
      port: 0,
      // A copy restores in 2 emulated minutes and a call is held 1 minute at most, 100 times faster:
      // a heartbeat (one attempt) to an evicted copy meets ModelNotReadyException.
      timeScale: 100,
      coldStartRestoreSeconds: 120,
      coldStartRestorePerCmuSeconds: 0,
      coldStartHoldSeconds: 60,
    });
    seedImportedModels(emulator, { count: 2, regions: ['us-east-1'] });
    const { modelSummaries } = await emulatorSdk(BedrockClient, emulator).send(
      new ListImportedModelsCommand({}),
    );
    knex = memoryDb();
    await applyMigrations(knex);
    await insertModel(knex, {
      name: 'claims',
      owner: 'group:default/claims-ai',
    });
    await insertVersions(
      knex,
      'claims',
      modelSummaries!.map((m, i) => ({ number: i + 1, arn: m.modelArn })),
    );
    await knex('model_versions').update({ cmus_per_copy: 2 });
    // Version 2 takes Converse; version 1 gets InvokeModel's smallest Llama body.
    await knex('model_versions')
      .where({ number: 2 })
      .update({ instruct_supported: true, architecture: 'llama' });
    backend = await startTrustBackend(knex, emulator, {
      accounts: [
        { accountId: TEST_ACCOUNT, regions: ['us-east-1', 'us-west-2'] },
      ],
      pricing: { cmuMinute: { 'us-east-1': PRICE } },
    });
  });
  afterEach(async () => {
    await backend.stop();
    await emulator.close();
  });

  const promote = (version: number) =>
    backend
      .post(ANA, '/models/claims/aliases/production', {
        region: 'us-east-1',
        version,
        reason: 'ship it',
      })
      .expect(200);

  const view = async () =>
    (await backend.get(ANA, `${POLICY}?region=us-east-1`).expect(200)).body;

  /** Runs the worker until the pointer's last heartbeat is one `wanted` accepts. */
  async function beatUntil(
    wanted: (last: { outcome: string; version: number }) => boolean,
  ) {
    const deadline = Date.now() + 60_000;
    for (;;) {
      // A pass the test did not start (after a policy change or a move) may be running: this one then
      // returns at once, and the loop reads again.
      await backend.scheduler.triggerTask(KEEP_WARM_TASK_ID);
      const last = (await view()).lastHeartbeat;
      if (last && wanted(last)) return last;
      if (Date.now() > deadline) {
        throw new Error(`no such heartbeat: ${JSON.stringify(last)}`);
      }
      await new Promise(resolve => setTimeout(resolve, 200));
    }
  }

  const beatUntilServed = (version: number) =>
    beatUntil(last => last.outcome === 'served' && last.version === version);

  it('refuses a policy that cannot keep a copy warm, saying what to fix, and changes nothing', async () => {
    await promote(1);
    const put = (body: object) =>
      backend.put(ANA, POLICY, {
        region: 'us-east-1',
        reason: 'Office callers wait',
        ...body,
      });
    const refusals = await Promise.all([
      put({ mode: 'always', intervalMinutes: 60 }),
      put({
        mode: 'windows',
        windows: [{ days: ['mon'], startHour: 9, endHour: 17 }],
      }),
      put({
        mode: 'windows',
        timeZone: 'Europe/Berlin',
        windows: [{ days: ['mon'], startHour: 22, endHour: 6 }],
      }),
      put({ mode: 'windows', timeZone: 'Nowhere/Land', windows: [] }),
      put({ mode: 'always', region: 'us-west-2' }),
      put({ mode: 'always', reason: '  ' }),
    ]);
    expect(refusals.map(r => [r.status, r.body.error.message])).toEqual([
      [
        400,
        'Invalid body: intervalMinutes: must be shorter than the eviction time (60 minutes): use at most 59',
      ],
      [
        400,
        'Invalid keep-warm policy: timeZone: windows need the time zone their hours are in, e.g. Europe/Berlin.',
      ],
      [
        400,
        'Invalid keep-warm policy: windows[0]: endHour (6) must be after startHour (22); a window cannot cross midnight, so split it in two (e.g. 22-24 and 0-6).',
      ],
      [
        400,
        'Invalid body: timeZone: must be an IANA time zone such as Europe/Berlin',
      ],
      [
        400,
        'Model claims has no version in us-west-2: keep-warm warms the version a pointer names there, so import or discover one first.',
      ],
      [400, 'Invalid body: reason: give a reason; it is kept in the history'],
    ]);
    expect(await knex('keep_warm_policies')).toEqual([]);
    expect(await knex('keep_warm_changes')).toEqual([]);
    // Before anyone set one, a pointer is off, with the default interval.
    expect((await view()).policy).toEqual({
      mode: 'off',
      intervalMinutes: 14,
      windows: [],
    });
  });

  it('prices a policy, keeps its history, and warms the version the pointer names now', async () => {
    await promote(1);
    const set = await backend.put(ANA, POLICY, {
      region: 'us-east-1',
      mode: 'always',
      reason: 'Callers meet two-minute cold starts',
    });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({
      version: 1,
      policy: {
        mode: 'always',
        intervalMinutes: 14,
        updatedBy: ANA,
        reason: 'Callers meet two-minute cold starts',
      },
      estimate: {
        windowsPerMonth: 8640,
        cmusPerCopy: 2,
        pricePerCmuMinute: PRICE,
        currency: 'USD',
      },
      timing: {
        evictionMinutes: 60,
        leadMinutes: 10,
        defaultIntervalMinutes: 14,
      },
      canEdit: true,
    });
    // A copy loaded every 5-minute window of a 30-day month, 2 CMUs each.
    expect(set.body.estimate.monthlyCost).toBeCloseTo(8640 * 5 * 2 * PRICE, 6);
    expect(set.body.history).toEqual([
      expect.objectContaining({
        actor: ANA,
        reason: 'Callers meet two-minute cold starts',
        after: expect.objectContaining({ mode: 'always' }),
      }),
    ]);
    expect(set.body.nextHeartbeatAt).toEqual(expect.any(String));

    // The first heartbeat meets an evicted copy; once it has restored, one is served: a cold start.
    const served = await beatUntilServed(1);
    expect(served.coldCopy).toBe(true);
    const coldStarts = (
      await backend
        .get(
          ANA,
          '/models/claims/aliases/production/cold-starts?region=us-east-1',
        )
        .expect(200)
    ).body;
    expect(coldStarts).toMatchObject({
      days: 30,
      count: 1,
      last: {
        source: 'heartbeat',
        version: 1,
        alias: 'production',
        served: true,
      },
      // Always on: every cold start fell in the hours the policy keeps warm.
      insidePolicy: 1,
    });
    expect(coldStarts.p95WaitedMs).toBeGreaterThan(0);
    const beats = await knex('keep_warm_beats').orderBy('id');
    expect(beats.map(b => b.outcome)).toEqual([
      ...beats.slice(0, -1).map(() => 'not-ready'),
      'served',
    ]);

    // Warm, the next slot is 14 minutes on: another pass sends nothing.
    await backend.scheduler.triggerTask(KEEP_WARM_TASK_ID);
    expect(await knex('keep_warm_beats')).toHaveLength(beats.length);

    // A promote moves the pointer: the worker warms version 2 at once, through Converse.
    await promote(2);
    const second = await beatUntilServed(2);
    expect(second.version).toBe(2);
    expect((await view()).version).toBe(2);

    // The governance totals carry the commitment, and the attention list the model that met cold starts.
    const report = (await backend.get(ANA, '/report').expect(200)).body;
    expect(report.totals.keepWarmMonthlyUsd).toBeCloseTo(
      8640 * 5 * 2 * PRICE,
      6,
    );
    const attention = (await backend.get(ANA, '/cold-starts').expect(200)).body;
    expect(attention).toMatchObject({
      days: 7,
      items: [
        {
          modelName: 'claims',
          owner: 'group:default/claims-ai',
          region: 'us-east-1',
          pointers: [{ alias: 'production', keepWarm: 'always' }],
        },
      ],
    });
    expect(attention.items[0].count).toBeGreaterThanOrEqual(1);

    // Turned off, with a reason; the history keeps both changes, newest first.
    const off = await backend.put(ANA, POLICY, {
      region: 'us-east-1',
      mode: 'off',
      reason: 'Traffic moved to the batch window',
    });
    expect(
      off.body.history.map((c: { after: { mode: string } }) => c.after.mode),
    ).toEqual(['off', 'always']);
    expect(off.body.history[0].before.mode).toBe('always');
    expect(off.body.nextHeartbeatAt).toBeUndefined();
    expect(off.body.estimate.monthlyCost).toBe(0);
  });

  it('backs off a throttled heartbeat', async () => {
    await promote(1);
    await fetch(`${emulator.endpoint}/_emulator/faults`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ service: 'bedrock-runtime', throttleRate: 1 }]),
    });
    await backend
      .put(ANA, POLICY, { region: 'us-east-1', mode: 'always', reason: 'r' })
      .expect(200);
    await beatUntil(() => true);
    const throttled = await view();
    expect(throttled.lastHeartbeat).toMatchObject({
      outcome: 'throttled',
      coldCopy: false,
      error: expect.stringMatching(
        /^ThrottlingException \(log reference \w+\)$/,
      ),
    });
    // The next heartbeat waits a minute after the throttled one.
    expect(Date.parse(throttled.nextHeartbeatAt)).toBeGreaterThanOrEqual(
      Date.parse(throttled.lastHeartbeat.at) + 60_000,
    );
    await backend.scheduler.triggerTask(KEEP_WARM_TASK_ID);
    expect(await knex('keep_warm_beats')).toHaveLength(1);
    expect((await knex('keep_warm_policies'))[0].failures).toBe(1);
  });

  it('records the cold start an evaluation call met, against the pointer that named the version', async () => {
    await promote(2);
    await backend
      .put(ANA, '/models/claims/evaluation-suite', {
        prompts: [{ id: 'hi', prompt: 'Say hello.', checks: {} }],
      })
      .expect(200);
    const started = await backend
      .post(ANA, '/models/claims/versions/2/evaluations', {
        region: 'us-east-1',
      })
      .expect(202);
    await backend.scheduler.triggerTask(EVALUATION_RUNNER_TASK_ID);
    const deadline = Date.now() + 60_000;
    let run;
    do {
      await new Promise(resolve => setTimeout(resolve, 100));
      run = (
        await backend.get(
          ANA,
          `/models/claims/evaluations/${started.body.run.id}`,
        )
      ).body;
    } while (
      ['queued', 'running'].includes(run.status) &&
      Date.now() < deadline
    );
    expect(run.results[0].coldStart).toBe(true);
    const coldStarts = (
      await backend
        .get(
          ANA,
          '/models/claims/aliases/production/cold-starts?region=us-east-1&days=1',
        )
        .expect(200)
    ).body;
    expect(coldStarts).toMatchObject({
      days: 1,
      count: 1,
      last: { source: 'evaluation', version: 2, served: true },
      insidePolicy: 0,
    });
    // Staging never named version 2: none of it is staging's.
    expect(
      (
        await backend
          .get(
            ANA,
            '/models/claims/aliases/staging/cold-starts?region=us-east-1',
          )
          .expect(200)
      ).body.count,
    ).toBe(0);
  });
});
