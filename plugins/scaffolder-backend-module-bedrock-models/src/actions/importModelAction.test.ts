import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { ResponseError } from '@backstage/errors';
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

  it("fails the step with a plain summary of AWS's message, the job and codes in a details part", async () => {
    const awsMessage =
      'Amazon Bedrock could not import the model: the tokenizer files are missing from s3://demo-model-artifacts/support-summarizer/v3/.';
    setUp({ imports: { readsUntilDone: 2, failureMessage: awsMessage } });
    const ctx = context();

    const error = await action.handler(ctx).catch(e => e);

    const summary = `The import of support-summarizer v1 into us-east-1 failed after 5s: ${awsMessage} Nothing is serving it: fix the cause and run the template again (version 1 stays in the registry as failed).`;
    const job = `Import job: arn:aws:bedrock:us-east-1:${MOCK_ACCOUNT}:model-import-job/job0`;
    // The error card renders the message as Markdown: the summary, then the details apart.
    expect(error.message).toBe(
      [
        summary,
        '',
        'Details:',
        '',
        `- Message: ${awsMessage}`,
        `- ${job}`,
      ].join('\n'),
    );
    // The task log shows the error's stack: the same in words, and no server stack frames.
    expect(error.stack).toBe(
      [summary, `  Message: ${awsMessage}`, `  ${job}`].join('\n'),
    );
  });

  it('keeps AWS error names and log references out of the summary, in the details', async () => {
    setUp({
      imports: {
        readsUntilDone: 2,
        failureMessage:
          "Bedrock refused the import job: the portal's AWS role may not call CreateModelImportJob; ask the portal admins to grant it (docs/aws-setup.md lists the policy) (AccessDeniedException (log reference 1a2b3c4d)).",
      },
    });

    const error = await action.handler(context()).catch(e => e);

    const [summary, ...details] = error.stack.split('\n');
    expect(summary).toBe(
      "The import of support-summarizer v1 into us-east-1 failed after 5s: Bedrock refused the import job: the portal's AWS role may not call CreateModelImportJob; ask the portal admins to grant it (docs/aws-setup.md lists the policy). Nothing is serving it: fix the cause and run the template again (version 1 stays in the registry as failed).",
    );
    expect(details).toEqual([
      expect.stringMatching(/^ {2}Message: .*\(AccessDeniedException/),
      '  AWS errors: AccessDeniedException',
      "  Portal log references (for the portal's operators): 1a2b3c4d",
      expect.stringMatching(/^ {2}Import job: arn:aws:bedrock:/),
    ]);
  });

  it('puts no server stack frames or file paths in the task log or the error, whatever fails', async () => {
    // A refusal read from the backend (its body may carry a stack in development), a failure inside
    // the action, and a failed import: each as the scaffolder shows it.
    const refusal = await refusalWithStack(
      'Only the owners of support-summarizer may import',
    );
    const failures: Array<() => void> = [
      () => service.importVersion.mockRejectedValueOnce(refusal),
      () =>
        service.getVersion.mockImplementationOnce(() => {
          throw new RangeError('Invalid time value');
        }),
      () =>
        setUp({
          imports: { readsUntilDone: 2, failureMessage: 'AWS said no.' },
        }),
    ];
    for (const fail of failures) {
      lines = [];
      fail();
      const error = await action.handler(context()).catch(e => e);
      const shown = [
        String(error.stack),
        error.message,
        ...lines.map(l => l.message),
      ];
      for (const text of shown) {
        expect(text).not.toMatch(/\n\s+at /);
        expect(text).not.toMatch(/\.(ts|js|cjs):\d+/);
        expect(text).not.toMatch(/\/(work|src|node_modules)\//);
      }
      expect(error.stack).not.toBe('');
    }
  });

  it('says how long the import should take, from the weights, and what happens next', async () => {
    setUp({ imports: { readsUntilDone: 4 } });
    const ctx = context({}, { ...INPUT, weightBytes: 16_060_000_000 });

    await action.handler(ctx);

    const messages = lines.map(l => l.message);
    expect(messages[1]).toBe(
      'Next: Amazon Bedrock copies the weights from S3 and creates the imported model (about 12 min for 16.1 GB of weights); this step reports its progress and ends when support-summarizer v1 is ready to call.',
    );
    expect(messages).toContain(
      'support-summarizer v1: importing, 0s of about 12 min',
    );
    expect(messages).toContain(
      `support-summarizer v1: ready as arn:aws:bedrock:us-east-1:${MOCK_ACCOUNT}:imported-model/support-summarizerv1, 15s of about 12 min`,
    );
    expect(messages[messages.length - 1]).toBe(
      "Next: callers can invoke support-summarizer v1 by its ARN now; promote it to an alias on the model's page (or in the template's promote step) and callers reading the alias get it.",
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

/** A 403 as the real client reads it, its body carrying a stack as a development backend sends one. */
function refusalWithStack(message: string): Promise<ResponseError> {
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: {
          name: 'NotAllowedError',
          message,
          stack: `NotAllowedError: ${message}\n    at AuthorizedRegistryService.requireOnModel (/work/main/plugins/bedrock-models-backend/src/service/AuthorizedRegistryService.ts:80:13)`,
        },
        request: { method: 'POST', url: '/api/bedrock-models' },
        response: { statusCode: 403 },
      }),
      {
        status: 403,
        statusText: 'Forbidden',
        headers: { 'Content-Type': 'application/json' },
      },
    ),
  );
}

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
