import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  createMockDirectory,
  mockCredentials,
  mockServices,
} from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import {
  BedrockModelsService,
  bedrockModelsServiceRef,
} from '@bedrock-portal/backstage-plugin-bedrock-models-node';
import {
  llama31_8bArtifacts,
  RunningEmulator,
  stageArtifactSet,
  startEmulator,
} from '@bedrock-portal/bedrock-emulator';
import { eventually } from '../__testUtils__/eventually';
import { permissionsDenying } from '../__testUtils__/permissionsDenying';
import { persistedCheckpoints } from '../__testUtils__/persistedCheckpoints';
import {
  asUser,
  PORTAL_ACCOUNT,
  startPortalBackend,
} from '../__testUtils__/portalTestBackend';
import { createEvaluateModelAction } from './evaluateModelAction';

jest.setTimeout(180_000);

type Context = Parameters<
  ReturnType<typeof createEvaluateModelAction>['handler']
>[0];

/** A member of support-ml (examples/org.yaml), which owns the model. */
const GUEST = 'user:default/guest';
/** In claims-ai: the permission policy does not let her move (or evaluate) support-summarizer. */
const CASEY = 'user:default/casey';
const MODEL = 'support-summarizer';

const INPUT: Context['input'] = {
  modelName: MODEL,
  version: 1,
  region: 'us-east-1',
  failOnFailure: false,
  timeoutMinutes: 2,
};

/** Prompts whose checks the emulator's answers pass (it never says "refund denied"). */
const PASSING = [
  {
    id: 'greeting',
    prompt: 'Say hello to a customer.',
    checks: { mustNotContain: ['refund denied'] },
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

// The action runs against the real bedrock-models backend (with the emulator for AWS), through the
// service the portal gives the scaffolder module, so refusals are the backend's own.
describe('bedrock:model:evaluate', () => {
  const databases = createMockDirectory();
  let emulator: RunningEmulator;
  let portal: Awaited<ReturnType<typeof startPortalBackend>>;
  let service: BedrockModelsService;
  let action: ReturnType<typeof createEvaluateModelAction>;
  let pump: ReturnType<typeof setInterval>;

  beforeAll(async () => {
    emulator = await startEmulator({
      port: 0,
      // Imports take 6 s and a cold start a second or two, so runs meet one and still finish quickly.
      timeScale: 100,
      coldStartRestoreSeconds: 120,
      coldStartRestorePerCmuSeconds: 0,
      coldStartHoldSeconds: 60,
    });
    const s3Uri = stageArtifactSet(
      emulator,
      'ml-artifacts',
      'support-summarizer/v1/',
      llama31_8bArtifacts(),
    );
    portal = await startPortalBackend({
      databaseDirectory: databases.path,
      emulator,
      extraFeatures: [
        permissionsDenying({
          userEntityRef: CASEY,
          permissionName: 'bedrock.model.promote',
        }),
        // The service the scaffolder module is given, for the action under test.
        createBackendModule({
          pluginId: 'scaffolder',
          moduleId: 'evaluate-test',
          register(env) {
            env.registerInit({
              deps: { bedrockModels: bedrockModelsServiceRef },
              async init({ bedrockModels }) {
                service = bedrockModels;
              },
            });
          },
        }),
      ],
    });
    action = createEvaluateModelAction({
      service,
      wait: { pollIntervalMs: 50, progressIntervalMs: 1_000 },
    });
    // Stands for the scheduler (the tracker and the evaluation runner run every few seconds).
    pump = setInterval(() => {
      void portal.trackImports();
      void portal.runEvaluations();
    }, 100);
    // The backend reads who owns what from the catalog, which reads the demo org first.
    await eventually('the owners in the catalog', async () => {
      const res = await fetch(
        `${portal.url}/api/catalog/entities/by-name/group/default/support-ml`,
        { headers: asUser(GUEST) },
      );
      return res.status === 200 ? true : undefined;
    });
    const credentials = mockCredentials.user(GUEST);
    await service.importVersion(
      {
        modelName: MODEL,
        owner: 'group:default/support-ml',
        s3Uri,
        accountId: PORTAL_ACCOUNT,
        region: 'us-east-1',
        classification: 'internal',
        idempotencyKey: 'evaluate-test',
      },
      { credentials },
    );
    await eventually(`${MODEL} v1 ready`, async () => {
      const version = await service.getVersion(
        { modelName: MODEL, version: 1 },
        { credentials },
      );
      return version?.status === 'ready' ? true : undefined;
    });
  });

  afterAll(async () => {
    clearInterval(pump);
    await portal?.stop();
    await emulator?.close();
  });

  /** Replaces the model's suite, as its owner does on the model page. */
  async function putSuite(prompts: object[]) {
    const res = await fetch(
      `${portal.url}/api/bedrock-models/models/${MODEL}/evaluation-suite`,
      {
        method: 'PUT',
        headers: asUser(GUEST),
        body: JSON.stringify({ prompts }),
      },
    );
    expect(res.status).toBe(200);
  }

  /** The ids of the model's runs of v1, newest first. */
  async function runIds(): Promise<string[]> {
    const res = await fetch(
      `${portal.url}/api/bedrock-models/models/${MODEL}/evaluations?version=1`,
      { headers: asUser(GUEST) },
    );
    const { items } = (await res.json()) as { items: Array<{ id: string }> };
    return items.map(run => run.id);
  }

  function context(
    extra: Partial<Context> = {},
    input: Context['input'] = INPUT,
    user = GUEST,
  ) {
    const ctx: Context = {
      ...createMockActionContext<Context['input']>({
        input,
        logger: mockServices.logger.mock(),
      }),
      getInitiatorCredentials: async () => mockCredentials.user(user),
      ...extra,
    };
    return ctx;
  }

  /** Every value the step output, by name. */
  function outputsOf(ctx: Context): Record<string, unknown> {
    return Object.fromEntries(
      (ctx.output as jest.Mock).mock.calls.map(([name, value]) => [
        name,
        value,
      ]),
    );
  }

  const infoLines = (ctx: Context) =>
    (ctx.logger.info as jest.Mock).mock.calls.map(([line]) => line);

  it('says plainly that a model without a suite was not evaluated, skipping unless asked to fail', async () => {
    await putSuite([]);
    const reason =
      'Model support-summarizer has no evaluation prompts yet: add some to its suite first.';

    const skipped = context();
    await action.handler(skipped);

    expect(outputsOf(skipped)).toEqual({
      status: 'skipped',
      passed: false,
      passRate: 0,
      coldStarts: 0,
      skippedReason: reason,
    });
    expect(skipped.logger.warn).toHaveBeenCalledWith(
      `support-summarizer v1 was not evaluated: ${reason} The step goes on (failOnFailure is false).`,
    );

    await expect(
      action.handler(context({}, { ...INPUT, failOnFailure: true })),
    ).rejects.toMatchObject({
      name: 'ConflictError',
      message: `support-summarizer v1 was not evaluated: ${reason}`,
    });
    expect(await runIds()).toEqual([]);
  });

  it("runs the suite as the owner and outputs the run's result, with each prompt's line and a link to it", async () => {
    await putSuite(PASSING);
    const ctx = context();

    await action.handler(ctx);

    const [runId] = await runIds();
    expect(outputsOf(ctx)).toEqual({
      runId,
      runLink: `/catalog/default/resource/support-summarizer/bedrock?evaluationRun=${runId}#bedrock-evaluations`,
      status: 'passed',
      passed: true,
      passRate: 1,
      p50LatencyMs: expect.any(Number),
      p95LatencyMs: expect.any(Number),
      coldStarts: expect.any(Number),
    });
    const lines = infoLines(ctx);
    expect(lines).toEqual(
      expect.arrayContaining([
        `Started evaluation run ${runId} of support-summarizer v1 in us-east-1`,
        expect.stringMatching(/^Prompt greeting: passed \(/),
        expect.stringMatching(/^Prompt summary: passed \(/),
        expect.stringMatching(
          /^support-summarizer v1 passed: 2 of 2 prompts passed \(100%\); latency p50 /,
        ),
      ]),
    );
    const run = await service.getEvaluationRun(
      { modelName: MODEL, runId },
      { credentials: mockCredentials.user(GUEST) },
    );
    // Started on behalf of the user running the template, not the scaffolder.
    expect(run?.startedBy).toBe(GUEST);
  });

  it("fails with the backend's refusal for someone who may not evaluate the model, and starts nothing", async () => {
    await putSuite(PASSING);
    const before = await runIds();

    await expect(
      action.handler(context({}, INPUT, CASEY)),
    ).rejects.toMatchObject({
      name: 'NotAllowedError',
      message:
        'The evaluation of support-summarizer v1 in us-east-1 was not started: You may not move the pointers of model support-summarizer: only its owners and the portal admins may.',
    });
    expect(await runIds()).toEqual(before);
  });

  it('fails without a user to answer for the run (service credentials alone)', async () => {
    const ctx = context({
      getInitiatorCredentials: async () => mockCredentials.service(),
    });

    await expect(action.handler(ctx)).rejects.toMatchObject({
      name: 'NotAllowedError',
      message: expect.stringContaining(
        'was not started: Evaluations are run on behalf of a user',
      ),
    });
  });

  it('resumes from its checkpoint following the run it started, without starting a second', async () => {
    await putSuite(PASSING);
    const before = await runIds();
    const checkpoints = persistedCheckpoints();
    const first = context({ checkpoint: checkpoints.checkpoint });
    await action.handler(first);

    const resumed = context({ checkpoint: checkpoints.checkpoint });
    await action.handler(resumed);

    const after = await runIds();
    expect(after).toHaveLength(before.length + 1);
    expect(outputsOf(resumed)).toMatchObject({
      runId: after[0],
      status: 'passed',
    });
    expect(infoLines(resumed)).toContain(
      `Resuming: this step already started evaluation run ${after[0]} of support-summarizer v1; following it`,
    );
  });

  it('reports a failing run and succeeds, unless asked to fail the step on it', async () => {
    await putSuite(FAILING);

    const reported = context();
    await action.handler(reported);
    expect(outputsOf(reported)).toMatchObject({
      status: 'failed',
      passed: false,
      passRate: 0,
    });
    expect(infoLines(reported)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^Prompt policy: failed \(.*\): .*zz-refund-policy-7/,
        ),
      ]),
    );
    expect(reported.logger.warn).toHaveBeenCalledWith(
      expect.stringMatching(
        /^support-summarizer v1 failed: 0 of 1 prompts passed \(0%\).*The step goes on \(failOnFailure is false\); see the run: \/catalog\/default\/resource\/support-summarizer\/bedrock\?evaluationRun=/,
      ),
    );

    const strict = context({}, { ...INPUT, failOnFailure: true });
    await expect(action.handler(strict)).rejects.toMatchObject({
      message: expect.stringMatching(
        /^support-summarizer v1 failed: 0 of 1 prompts passed \(0%\).*See the run: \/catalog\/default\/resource\/support-summarizer\/bedrock\?evaluationRun=/,
      ),
    });
    // The outputs are there for a later step (or the task page) even when the step fails.
    expect(outputsOf(strict)).toMatchObject({
      status: 'failed',
      passed: false,
    });
  });
});
