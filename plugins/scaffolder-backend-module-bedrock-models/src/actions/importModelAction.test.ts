import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import type { BedrockModelsRequestOptions } from '@bedrock-portal/backstage-plugin-bedrock-models-node';
import {
  bedrockModelsResponseError,
  bedrockModelsServiceMock,
} from '@bedrock-portal/backstage-plugin-bedrock-models-node/testUtils';
import { persistedCheckpoints } from '../__testUtils__/persistedCheckpoints';
import {
  MEMBERSHIPS,
  MOCK_ACCOUNT,
  TEMPLATE_USER,
} from '../__testUtils__/registrySeeds';
import { virtualClock } from '../__testUtils__/virtualClock';
import {
  createImportModelAction,
  importIdempotencyKey,
} from './importModelAction';

type Context = Parameters<
  ReturnType<typeof createImportModelAction>['handler']
>[0];

const INPUT: Context['input'] = {
  modelName: 'support-summarizer',
  owner: 'group:default/support-ml',
  description: 'Summarizes support tickets',
  s3Uri: 's3://demo-model-artifacts/support-summarizer/v3/',
  accountId: MOCK_ACCOUNT,
  region: 'us-east-1',
  classification: 'internal',
  lineage: {
    baseModel: 'meta-llama/Llama-3.1-8B-Instruct',
    trainingDataUri: '',
  },
};

const WAIT = { pollIntervalMs: 5_000, progressIntervalMs: 10_000 };

describe('bedrock:model:import', () => {
  let clock: ReturnType<typeof virtualClock>;
  let service: ReturnType<typeof bedrockModelsServiceMock>;
  let action: ReturnType<typeof createImportModelAction>;
  /** Log lines with the (virtual) time they were written at. */
  let lines: Array<{ at: number; level: string; message: string }>;

  /** A backend on the test's clock; its imports finish (or fail) as `options` say. */
  function setUp(options: Parameters<typeof bedrockModelsServiceMock>[0] = {}) {
    service = bedrockModelsServiceMock({
      memberships: MEMBERSHIPS,
      now: clock.now,
      ...options,
    });
    action = createImportModelAction({ service, clock, wait: WAIT });
  }

  beforeEach(() => {
    clock = virtualClock();
    setUp();
    lines = [];
  });

  /** Import jobs the backend started. */
  async function jobsStarted() {
    const { versions } = await service.getInventory(undefined, {
      credentials: mockCredentials.user(TEMPLATE_USER),
    });
    return versions.filter(v => v.jobArn).length;
  }

  /** The Idempotency-Key of every import request. */
  const idempotencyKeys = () =>
    service.importVersion.mock.calls.map(([request]) => request.idempotencyKey);

  /** Every call made to the backend, by method, with its options. */
  const calls = () =>
    (
      [
        'getModel',
        'getSettings',
        'validateArtifacts',
        'importVersion',
        'getVersion',
      ] as const
    ).flatMap(method =>
      service[method].mock.calls.map(args => ({
        method,
        // Every method takes whose behalf it acts on last.
        options: args[args.length - 1] as BedrockModelsRequestOptions,
      })),
    );

  function context(extra: Partial<Context> = {}, input = INPUT) {
    const record = (level: string) => (message: string) => {
      lines.push({ at: clock.now(), level, message });
    };
    const logger = mockServices.logger.mock({
      info: record('info'),
      warn: record('warn'),
    });
    const ctx: Context = {
      ...createMockActionContext<Context['input']>({ input, logger }),
      task: { id: 'task-1' },
      ...extra,
    };
    return ctx;
  }

  it('imports as the user, waits for the version and outputs model, version, Region, ARN and links', async () => {
    const ctx = context();

    await action.handler(ctx);

    expect(await jobsStarted()).toBe(1);
    expect(idempotencyKeys()).toEqual(['scaffolder:task-1:mock-step-id']);
    const initiator = await ctx.getInitiatorCredentials();
    expect(initiator).toEqual(mockCredentials.user());
    expect(calls().every(c => c.options.credentials === initiator)).toBe(true);
    const details = await service.getModel(
      { modelName: 'support-summarizer' },
      { credentials: initiator },
    );
    expect(details?.model).toMatchObject({
      owner: 'group:default/support-ml',
      description: 'Summarizes support tickets',
      // The empty form field is left out rather than stored as "".
      lineage: { baseModel: 'meta-llama/Llama-3.1-8B-Instruct' },
      createdBy: 'user:default/mock',
    });
    const outputs = Object.fromEntries(
      jest.mocked(ctx.output).mock.calls.map(([name, value]) => [name, value]),
    );
    expect(outputs).toEqual({
      modelName: 'support-summarizer',
      version: 1,
      accountId: MOCK_ACCOUNT,
      region: 'us-east-1',
      importedModelArn: `arn:aws:bedrock:us-east-1:${MOCK_ACCOUNT}:imported-model/support-summarizerv1`,
      cmusPerCopy: 2,
      modelEntityRef: 'resource:default/support-summarizer',
      versionEntityRef: 'resource:default/support-summarizer-v1',
      consoleUrl:
        'https://us-east-1.console.aws.amazon.com/bedrock/home?region=us-east-1#/imported-models',
    });
    expect(lines[0].message).toMatch(
      /^Started the import of s3:\/\/demo-model-artifacts\/support-summarizer\/v3\/ as support-summarizer v1 in us-east-1 \(job arn:aws:bedrock:us-east-1:123456789012:model-import-job\/job0\)$/,
    );
  });

  it('logs a progress line with status and elapsed time at least every 20 seconds while importing', async () => {
    setUp({ imports: { readsUntilDone: 14 } });
    const ctx = context();

    await action.handler(ctx);

    const progress = lines.filter(l =>
      l.message.startsWith('support-summarizer v1: '),
    );
    expect(progress.map(l => l.message)).toEqual([
      'support-summarizer v1: importing, 0s since the import started',
      'support-summarizer v1: importing, 10s since the import started',
      'support-summarizer v1: importing, 20s since the import started',
      'support-summarizer v1: importing, 30s since the import started',
      'support-summarizer v1: importing, 40s since the import started',
      'support-summarizer v1: importing, 50s since the import started',
      'support-summarizer v1: importing, 1m 0s since the import started',
      `support-summarizer v1: ready as arn:aws:bedrock:us-east-1:${MOCK_ACCOUNT}:imported-model/support-summarizerv1, 1m 5s since the import started`,
    ]);
    for (let i = 1; i < progress.length; i++) {
      expect(progress[i].at - progress[i - 1].at).toBeLessThanOrEqual(20_000);
    }
  });

  it('fails the step with the backend report of every problem and starts no job when validation fails', async () => {
    // Only the config and the tokenizer config were uploaded.
    setUp({
      artifacts: {
        [INPUT.s3Uri]: {
          objects: [
            { name: 'config.json', sizeBytes: 855 },
            { name: 'tokenizer_config.json', sizeBytes: 55_351 },
          ],
          config: { architectures: ['LlamaForCausalLM'] },
        },
      },
    });
    const ctx = context();

    await expect(action.handler(ctx)).rejects.toMatchObject({
      name: 'InputError',
      message: `The import of ${INPUT.s3Uri} as a version of support-summarizer was refused: The artifacts at ${INPUT.s3Uri} cannot be imported: (1) tokenizer.json (or tokenizer.model) is missing. Upload the tokenizer file next to config.json. (2) No .safetensors weights were found. Convert the weights to safetensors (.bin and .pt files are not imported).`,
    });
    expect(await jobsStarted()).toBe(0);
    expect(ctx.output).not.toHaveBeenCalledWith('version', expect.anything());
  });

  it("fails the step with AWS's message when the import job fails", async () => {
    setUp({
      imports: {
        readsUntilDone: 2,
        failureMessage:
          'Amazon Bedrock could not import the model: the tokenizer files are missing from s3://demo-model-artifacts/support-summarizer/v3/.',
      },
    });
    const ctx = context();

    await expect(action.handler(ctx)).rejects.toThrow(
      'The import of support-summarizer v1 into us-east-1 failed: Amazon Bedrock could not import the model: the tokenizer files are missing from s3://demo-model-artifacts/support-summarizer/v3/.',
    );
  });

  it('refuses with the reason when the backend will not import on behalf of the caller', async () => {
    const ctx = context({
      getInitiatorCredentials: async () => mockCredentials.service(),
    });

    await expect(action.handler(ctx)).rejects.toMatchObject({
      name: 'NotAllowedError',
      message: expect.stringContaining('Imports are made on behalf of a user'),
    });
    expect(await jobsStarted()).toBe(0);
  });

  it('validates only in a dry run: problems fail it, and no job is ever started', async () => {
    expect(action.supportsDryRun).toBe(true);
    const good = context({ isDryRun: true });
    await action.handler(good);
    expect(calls().map(c => c.method)).toEqual([
      'getModel',
      'validateArtifacts',
    ]);
    expect(good.output).toHaveBeenCalledWith(
      'modelEntityRef',
      'resource:default/support-summarizer',
    );
    expect(good.output).not.toHaveBeenCalledWith('version', expect.anything());
    expect(lines.map(l => l.message)).toContain(
      `Dry run: ${INPUT.s3Uri} would be imported as a new version of the new model support-summarizer in us-east-1; no import was started`,
    );

    const bad = context({ isDryRun: true }, { ...INPUT, owner: undefined });
    await expect(action.handler(bad)).rejects.toThrow(
      '1. Model support-summarizer is new: choose the team or person who owns it.',
    );
    expect(await jobsStarted()).toBe(0);
  });

  it('resumes from its checkpoint after a restart: follows the same version and calls no import again', async () => {
    setUp({ imports: { readsUntilDone: 4 } });
    const checkpoints = persistedCheckpoints();
    // The first run dies while waiting, as a backend restart would end it.
    const dying = context({ checkpoint: checkpoints.checkpoint });
    service.getVersion.mockRejectedValueOnce(
      new Error('The process was stopped'),
    );
    await expect(action.handler(dying)).rejects.toThrow(
      /Reading the status of support-summarizer v1: The process was stopped/,
    );
    expect(checkpoints.saved.size).toBe(1);

    lines = [];
    const resumed = context({ checkpoint: checkpoints.checkpoint });
    await action.handler(resumed);

    expect(service.importVersion).toHaveBeenCalledTimes(1);
    expect(await jobsStarted()).toBe(1);
    expect(resumed.output).toHaveBeenCalledWith('version', 1);
    expect(lines[0].message).toBe(
      'Resuming: this step already started the import of support-summarizer v1; following it',
    );
  });

  it('starts no second job when a restart came before the checkpoint was saved: the same key answers', async () => {
    await action.handler(context());
    lines = [];

    // A fresh checkpoint store, but the same task and step: the same Idempotency-Key.
    const rerun = context();
    await action.handler(rerun);

    expect(idempotencyKeys()).toEqual([
      'scaffolder:task-1:mock-step-id',
      'scaffolder:task-1:mock-step-id',
    ]);
    expect(await jobsStarted()).toBe(1);
    expect(rerun.output).toHaveBeenCalledWith('version', 1);
    expect(lines[0].message).toBe(
      "The portal already had this step's import (support-summarizer v1); no second job was started",
    );
  });

  it('waits out a backend that does not answer for a while, saying so', async () => {
    service.getVersion
      .mockRejectedValueOnce(
        await bedrockModelsResponseError(503, 'The database is restarting'),
      )
      .mockRejectedValueOnce(new TypeError('fetch failed'));
    const ctx = context();

    await action.handler(ctx);

    expect(ctx.output).toHaveBeenCalledWith('version', 1);
    expect(lines.filter(l => l.level === 'warn').map(l => l.message)).toEqual([
      'support-summarizer v1: status unknown (the portal did not answer: The database is restarting); retrying, 0s since the import started',
    ]);
  });

  it('gives up after the timeout, saying the import goes on and how to resume', async () => {
    setUp({ imports: { readsUntilDone: Number.MAX_SAFE_INTEGER } });
    action = createImportModelAction({
      service,
      clock,
      wait: { ...WAIT, timeoutMs: 60_000 },
    });

    await expect(action.handler(context())).rejects.toThrow(
      "support-summarizer v1 was still importing after waiting 1m 0s. The import goes on in the portal: follow it on the model's page, or run the task again to resume waiting (that never starts a second import).",
    );
  });
});

describe('importIdempotencyKey', () => {
  it('is the same for one step of one task and differs for other steps, tasks and loop items', () => {
    const key = importIdempotencyKey({
      task: { id: 't1' },
      step: { id: 'import' },
    });
    expect(key).toBe('scaffolder:t1:import');
    expect(
      importIdempotencyKey({ task: { id: 't1' }, step: { id: 'import' } }),
    ).toBe(key);
    expect(
      new Set([
        key,
        importIdempotencyKey({ task: { id: 't2' }, step: { id: 'import' } }),
        importIdempotencyKey({ task: { id: 't1' }, step: { id: 'other' } }),
        importIdempotencyKey({
          task: { id: 't1' },
          step: { id: 'import' },
          each: { key: '0', value: 'a' },
        }),
      ]).size,
    ).toBe(4);
  });

  it('stays within the 255 characters the backend accepts', () => {
    const key = importIdempotencyKey({
      task: { id: 't1' },
      step: { id: 'x'.repeat(300) },
    });
    expect(key).toMatch(/^scaffolder:[0-9a-f]{64}$/);
  });
});
