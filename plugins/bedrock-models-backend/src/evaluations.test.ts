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
import { emulatorSdk } from './__testUtils__/emulatorSdk';
import {
  insertModel,
  insertVersions,
  memoryDb,
} from './__testUtils__/registryFixtures';
import { startTrustBackend } from './__testUtils__/trustTestBackend';

jest.setTimeout(120_000);

const ANA = 'user:default/ana';
const SUITE = '/models/claims/evaluation-suite';

/** Prompts whose checks the emulator's answers pass (it never says "refund denied"). */
const PASSING = [
  {
    id: 'greeting',
    prompt: 'Say hello to a customer.',
    checks: { mustNotContain: ['refund denied'], maxOutputTokens: 300 },
  },
  {
    id: 'summary',
    prompt: 'Summarise: the parcel arrived late.',
    checks: { mustMatch: '\\w+' },
  },
];

/** The emulator's generated text never contains this, so the check fails. */
const FAILING = [
  {
    id: 'policy',
    prompt: 'Quote the refund policy.',
    checks: { mustContain: ['zz-refund-policy-7'] },
  },
];

describe('evaluation suites, runs and the gate they feed', () => {
  let emulator: RunningEmulator;
  let knex: Knex;
  let backend: Awaited<ReturnType<typeof startTrustBackend>>;

  async function setUp(gate: 'block' | 'warn') {
    emulator = await startEmulator({
      port: 0,
      // A copy restores in 2 emulated minutes and a call is held 1 minute at most: the first call of a
      // run meets ModelNotReadyException once, which the SDK retries (100 times faster here).
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
    backend = await startTrustBackend(knex, emulator, {
      evaluationGates: [{ alias: 'production', mode: gate, minPassRate: 1 }],
    });
  }
  afterEach(async () => {
    await backend.stop();
    await emulator.close();
  });

  /** Starts a run on a version and lets the runner carry it out; answers the finished run. */
  async function evaluate(version: number, compareWithAlias?: string) {
    const started = await backend.post(
      ANA,
      `/models/claims/versions/${version}/evaluations`,
      {
        region: 'us-east-1',
        ...(compareWithAlias ? { compareWithAlias } : {}),
      },
    );
    expect(started.status).toBe(202);
    expect(started.body.run.status).toBe('queued');
    await backend.scheduler.triggerTask(EVALUATION_RUNNER_TASK_ID);
    const deadline = Date.now() + 60_000;
    for (;;) {
      const run = await backend.get(
        ANA,
        `/models/claims/evaluations/${started.body.run.id}`,
      );
      if (!['queued', 'running'].includes(run.body.status)) {
        return { run: run.body, comparison: started.body.comparison };
      }
      if (Date.now() > deadline) throw new Error('the run never finished');
      await new Promise(resolve => setTimeout(resolve, 100));
    }
  }

  const promote = (version: number) =>
    backend.post(ANA, '/models/claims/aliases/production', {
      region: 'us-east-1',
      version,
      reason: 'gate',
    });

  it('blocks a promote without a passing evaluation, and lets it through with one; a cold start is recorded, not failed', async () => {
    await setUp('block');
    const none = await promote(1);
    expect([none.status, none.body.error.message]).toEqual([
      409,
      "Version 1 has not been evaluated: run the model's evaluation suite on it before promoting it to production.",
    ]);
    // A pattern that can take exponential time is refused with what to fix.
    const bad = await backend.put(ANA, SUITE, {
      prompts: [{ id: 'x', prompt: 'p', checks: { mustMatch: '(a+)+$' } }],
    });
    expect([bad.status, bad.body.error.message]).toEqual([
      400,
      'Invalid evaluation suite: prompts[0].checks: mustMatch repeats a group that itself repeats (like (a+)+): simplify the pattern.',
    ]);
    await backend.put(ANA, SUITE, { prompts: PASSING }).expect(200);

    const { run } = await evaluate(1);
    expect(run).toMatchObject({
      status: 'passed',
      prompts: 2,
      passed: 2,
      passRate: 1,
      coldStarts: 1,
    });
    expect(run.results[0]).toMatchObject({
      promptId: 'greeting',
      coldStart: true,
      passed: true,
    });
    expect(run.results[1]).toMatchObject({ coldStart: false, passed: true });
    expect(run.results[1].output.length).toBeGreaterThan(0);

    const dry = await backend.post(ANA, '/models/claims/aliases/production', {
      region: 'us-east-1',
      version: 1,
      reason: 'check',
      dryRun: true,
    });
    expect(dry.body.evaluation).toMatchObject({
      mode: 'block',
      verdict: 'pass',
      candidate: { id: run.id, passRate: 1 },
    });
    expect((await promote(1)).status).toBe(200);
  });

  it('compares a candidate with the version an alias names, side by side, and refuses a failing candidate', async () => {
    await setUp('block');
    await backend.put(ANA, SUITE, { prompts: PASSING }).expect(200);
    await evaluate(1);
    await promote(1).expect(200);
    await backend
      .put(ANA, SUITE, { prompts: [...PASSING, ...FAILING] })
      .expect(200);
    const { run, comparison } = await evaluate(2, 'production');
    expect(comparison).toMatchObject({ version: 1 });
    expect(run).toMatchObject({
      status: 'failed',
      passed: 2,
      prompts: 3,
      comparedRunId: comparison.id,
    });
    expect(run.results[2]).toMatchObject({
      promptId: 'policy',
      passed: false,
      failures: ['does not contain "zz-refund-policy-7"'],
    });
    const refused = await promote(2);
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toMatch(
      /^The last evaluation of version 2 \(.+\) passed 67% of its prompts; production needs 100%\.$/,
    );
    const runs = (
      await backend.get(ANA, '/models/claims/evaluations?version=2')
    ).body.items;
    expect(runs).toHaveLength(1);
  });

  it('lets a failing candidate through with a warning when the gate only warns', async () => {
    await setUp('warn');
    await backend.put(ANA, SUITE, { prompts: FAILING }).expect(200);
    await evaluate(2);
    const warned = await promote(2);
    expect(warned.status).toBe(200);
    expect(warned.body.warnings).toEqual([
      expect.stringMatching(/passed 0% of its prompts; production needs 100%/),
    ]);
  });
});
