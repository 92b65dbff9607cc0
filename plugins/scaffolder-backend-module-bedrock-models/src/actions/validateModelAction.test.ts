import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import {
  backendError,
  FAKE_ACCOUNT,
  FakeBedrockModelsService,
  GOOD_REPORT,
} from '../__testUtils__/FakeBedrockModelsService';
import { createValidateModelAction } from './validateModelAction';

const NEW_MODEL = {
  modelName: 'support-summarizer',
  owner: 'group:default/support-ml',
  s3Uri: 's3://demo-model-artifacts/support-summarizer/v3/',
  accountId: FAKE_ACCOUNT,
  region: 'us-east-1',
  classification: 'internal',
};

type Context = Parameters<
  ReturnType<typeof createValidateModelAction>['handler']
>[0];

describe('bedrock:model:validate', () => {
  let service: FakeBedrockModelsService;
  let action: ReturnType<typeof createValidateModelAction>;

  beforeEach(() => {
    service = new FakeBedrockModelsService();
    action = createValidateModelAction({ service });
  });

  function context(input: Context['input'], extra: Partial<Context> = {}) {
    const ctx: Context = {
      ...createMockActionContext<Context['input']>({
        input,
        logger: mockServices.logger.mock(),
      }),
      ...extra,
    };
    return ctx;
  }

  it('outputs the detected architecture, size and CMU estimate of good artifacts, asking as the user', async () => {
    const ctx = context(NEW_MODEL);

    await action.handler(ctx);

    expect(ctx.output).toHaveBeenCalledWith('isNewModel', true);
    expect(ctx.output).toHaveBeenCalledWith('architecture', 'LlamaForCausalLM');
    expect(ctx.output).toHaveBeenCalledWith('family', 'llama');
    expect(ctx.output).toHaveBeenCalledWith('weightBytes', 16_060_000_000);
    expect(ctx.output).toHaveBeenCalledWith('weightSize', '16.1 GB');
    expect(ctx.output).toHaveBeenCalledWith('cmuEstimate', 2);
    expect(ctx.output).toHaveBeenCalledWith('converseSupported', true);
    expect(ctx.output).toHaveBeenCalledWith('warnings', []);
    expect(ctx.logger.info).toHaveBeenCalledWith(
      expect.stringContaining(
        'can be imported as a new model, support-summarizer in us-east-1: LlamaForCausalLM, 16.1 GB of weights in 8 files, about 2 CMU per copy',
      ),
    );
    expect(service.calls.map(c => c.method)).toEqual([
      'getModel',
      'validateArtifacts',
    ]);
    const initiator = await ctx.getInitiatorCredentials();
    for (const call of service.calls) {
      expect(call.credentials).toBe(initiator);
    }
    expect(initiator).toEqual(mockCredentials.user());
  });

  it('fails the step with every problem at once, numbered, and the warnings', async () => {
    service.reports.set(NEW_MODEL.s3Uri, {
      valid: false,
      errors: [
        {
          code: 'missing-tokenizer',
          message: 'tokenizer.json (or tokenizer.model) is missing.',
        },
        {
          code: 'residency',
          message: 'Data classified phi may not be stored in eu-central-1.',
        },
      ],
      warnings: [
        { code: 'no-chat-template', message: 'No chat template ships.' },
      ],
      detected: { weightBytes: 0, fileCount: 2 },
    });
    const ctx = context({ ...NEW_MODEL, owner: '' });

    await expect(action.handler(ctx)).rejects.toThrow(
      [
        `support-summarizer cannot be imported from ${NEW_MODEL.s3Uri} into us-east-1 (account ${FAKE_ACCOUNT}); fix these 3 problem(s):`,
        '  1. Model support-summarizer is new: choose the team or person who owns it.',
        '  2. [missing-tokenizer] tokenizer.json (or tokenizer.model) is missing.',
        '  3. [residency] Data classified phi may not be stored in eu-central-1.',
        '',
        'Warnings:',
        '  - [no-chat-template] No chat template ships.',
      ].join('\n'),
    );
    expect(ctx.logger.warn).toHaveBeenCalledWith(
      '[no-chat-template] No chat template ships.',
    );
    expect(ctx.output).not.toHaveBeenCalled();
  });

  it('reports a bad name and a bad URI without asking the backend about the artifacts', async () => {
    const ctx = context({
      ...NEW_MODEL,
      modelName: 'Support_Summarizer',
      s3Uri: 'demo-model-artifacts/x',
    });

    const failure = action.handler(ctx);

    await expect(failure).rejects.toThrow(
      /1\. Model name may only hold.*\n {2}2\. "demo-model-artifacts\/x" is not an S3 URI/,
    );
    expect(service.calls).toEqual([]);
  });

  it('adds a version to an existing model without an owner, and refuses another classification', async () => {
    service.seedModel({
      name: 'support-summarizer',
      owner: 'group:default/support-ml',
      classification: 'internal',
    });
    const ok = context({ ...NEW_MODEL, owner: '' });
    await action.handler(ok);
    expect(ok.output).toHaveBeenCalledWith('isNewModel', false);

    const wrongClass = context({ ...NEW_MODEL, classification: 'phi' });
    await expect(action.handler(wrongClass)).rejects.toThrow(
      '1. Model support-summarizer is classified internal: choose that classification for its new version (not phi).',
    );
  });

  it('holds the form to its choice: a new model must not exist, an existing one must', async () => {
    service.seedModel({
      name: 'support-summarizer',
      owner: 'group:default/support-ml',
      classification: 'internal',
    });

    const taken = context({ ...NEW_MODEL, newModel: true });
    await expect(action.handler(taken)).rejects.toThrow(
      '1. A model named support-summarizer already exists (owned by group:default/support-ml): choose another name, or add a version to the existing model.',
    );

    const missing = context({
      ...NEW_MODEL,
      modelName: 'claims-triage',
      owner: undefined,
      newModel: false,
    });
    await expect(action.handler(missing)).rejects.toThrow(
      /fix these 1 problem\(s\):\n {2}1\. There is no model named claims-triage in the portal: choose an existing model, or create a new one\.$/,
    );

    const added = context({ ...NEW_MODEL, newModel: false });
    await action.handler(added);
    expect(added.output).toHaveBeenCalledWith(
      'modelName',
      'support-summarizer',
    );
    expect(added.output).toHaveBeenCalledWith('isNewModel', false);
  });

  it("lists the backend's refusal of the request itself (an unmanaged account) as one more problem", async () => {
    const ctx = context({ ...NEW_MODEL, accountId: '210987654321' });

    await expect(action.handler(ctx)).rejects.toThrow(
      `1. Invalid body: accountId: must be a managed account (${FAKE_ACCOUNT})`,
    );
  });

  it('fails with what it was doing and the reason when the backend or AWS cannot answer', async () => {
    service.validateArtifacts = async () => {
      throw await backendError(
        503,
        'S3 in us-east-1 could not be reached: ServiceUnavailable',
      );
    };
    const ctx = context(NEW_MODEL);

    const failure = action.handler(ctx);

    await expect(failure).rejects.toMatchObject({
      name: 'ServiceUnavailableError',
      message: `Validating the artifacts at ${NEW_MODEL.s3Uri}: S3 in us-east-1 could not be reached: ServiceUnavailable`,
    });
  });

  it('runs the same read-only checks in a dry run', async () => {
    expect(action.supportsDryRun).toBe(true);
    const good = context(NEW_MODEL, { isDryRun: true });
    await action.handler(good);
    expect(good.output).toHaveBeenCalledWith('cmuEstimate', 2);
    expect(good.logger.info).toHaveBeenCalledWith(
      'Dry run: the checks only read, so they run in full',
    );

    service.reports.set(NEW_MODEL.s3Uri, {
      ...GOOD_REPORT,
      valid: false,
      errors: [{ code: 'missing-weights', message: 'No weights.' }],
    });
    const bad = context(NEW_MODEL, { isDryRun: true });
    await expect(action.handler(bad)).rejects.toThrow(
      '1. [missing-weights] No weights.',
    );
  });
});
