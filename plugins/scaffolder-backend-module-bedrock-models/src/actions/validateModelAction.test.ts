import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import type { BedrockModelsRequestOptions } from '@bedrock-portal/backstage-plugin-bedrock-models-node';
import {
  bedrockModelsResponseError,
  bedrockModelsServiceMock,
} from '@bedrock-portal/backstage-plugin-bedrock-models-node/testUtils';
import {
  MEMBERSHIPS,
  MOCK_ACCOUNT,
  readyModel,
} from '../__testUtils__/registrySeeds';
import { createValidateModelAction } from './validateModelAction';

const NEW_MODEL = {
  modelName: 'support-summarizer',
  owner: 'group:default/support-ml',
  s3Uri: 's3://demo-model-artifacts/support-summarizer/v3/',
  accountId: MOCK_ACCOUNT,
  region: 'us-east-1',
  classification: 'internal',
};

type Context = Parameters<
  ReturnType<typeof createValidateModelAction>['handler']
>[0];

describe('bedrock:model:validate', () => {
  let service: ReturnType<typeof bedrockModelsServiceMock>;
  let action: ReturnType<typeof createValidateModelAction>;

  function setUp(options: Parameters<typeof bedrockModelsServiceMock>[0] = {}) {
    service = bedrockModelsServiceMock({
      memberships: MEMBERSHIPS,
      ...options,
    });
    action = createValidateModelAction({ service });
  }

  beforeEach(() => setUp());

  /** Every call made to the backend, by method, with its options. */
  const calls = () =>
    (['getModel', 'getSettings', 'validateArtifacts'] as const).flatMap(
      method =>
        service[method].mock.calls.map(args => ({
          method,
          // Every method takes whose behalf it acts on last.
          options: args[args.length - 1] as BedrockModelsRequestOptions,
        })),
    );

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
    expect(calls().map(c => c.method)).toEqual([
      'getModel',
      'validateArtifacts',
    ]);
    // The sources a new model may import from are its owner's.
    expect(service.validateArtifacts).toHaveBeenCalledWith(
      expect.objectContaining({ owner: 'group:default/support-ml' }),
      expect.anything(),
    );
    const initiator = await ctx.getInitiatorCredentials();
    for (const call of calls()) {
      expect(call.options.credentials).toBe(initiator);
    }
    expect(initiator).toEqual(mockCredentials.user());
  });

  it('fails the step with every problem at once, numbered, and the warnings', async () => {
    // No tokenizer and no chat template uploaded; internal data may stay only in Frankfurt.
    setUp({
      dataResidency: { internal: ['eu-central-1'] },
      artifacts: {
        [NEW_MODEL.s3Uri]: {
          objects: [
            { name: 'config.json', sizeBytes: 855 },
            { name: 'tokenizer_config.json', sizeBytes: 1_000 },
            { name: 'model.safetensors', sizeBytes: 16_060_000_000 },
          ],
          config: { architectures: ['LlamaForCausalLM'] },
          tokenizerConfig: {},
        },
      },
    });
    const ctx = context({ ...NEW_MODEL, owner: '' });

    await expect(action.handler(ctx)).rejects.toThrow(
      [
        `support-summarizer cannot be imported from ${NEW_MODEL.s3Uri} into us-east-1 (account ${MOCK_ACCOUNT}); fix these 3 problem(s):`,
        '  1. Model support-summarizer is new: choose the team or person who owns it.',
        '  2. [residency] Data classified internal may not be stored in us-east-1 under the data-residency policy. Import it in eu-central-1.',
        '  3. [missing-tokenizer] tokenizer.json (or tokenizer.model) is missing. Upload the tokenizer file next to config.json.',
        '',
        'Warnings:',
        '  - [no-chat-template] No chat template ships with the model, so callers must use InvokeModel with a prompt (Converse will not work). Add chat_template to tokenizer_config.json to enable it.',
      ].join('\n'),
    );
    expect(ctx.logger.warn).toHaveBeenCalledWith(
      expect.stringMatching(/^\[no-chat-template\] No chat template ships/),
    );
    expect(ctx.output).not.toHaveBeenCalled();
  });

  it("reports a bad name and the backend's refusal of a bad URI together, without looking the name up", async () => {
    const ctx = context({
      ...NEW_MODEL,
      modelName: 'Support_Summarizer',
      s3Uri: 'demo-model-artifacts/x',
    });

    const failure = action.handler(ctx);

    await expect(failure).rejects.toThrow(
      /1\. Model name may only hold.*\n {2}2\. Invalid body: s3Uri: "demo-model-artifacts\/x" is not an S3 URI/,
    );
    expect(service.getModel).not.toHaveBeenCalled();
  });

  it("adds a version to an existing model, validating for the model's owner, and applies the classification rule", async () => {
    setUp(readyModel());
    const ok = context({ ...NEW_MODEL, owner: '' });
    await action.handler(ok);
    expect(ok.output).toHaveBeenCalledWith('isNewModel', false);
    expect(service.validateArtifacts).toHaveBeenLastCalledWith(
      expect.objectContaining({ owner: 'group:default/support-ml' }),
      expect.anything(),
    );

    const lower = context({ ...NEW_MODEL, classification: 'public' });
    await expect(action.handler(lower)).rejects.toThrow(
      '1. Model support-summarizer is classified internal; a new version may not lower that to public. Import it as internal.',
    );

    // Raising it is for the portal admins, whom only the backend knows: the import step decides.
    const raise = context({ ...NEW_MODEL, classification: 'phi' });
    await action.handler(raise);
    expect(raise.logger.warn).toHaveBeenCalledWith(
      'Importing a phi version raises model support-summarizer from internal to phi, which only the portal admins may do. Ask them, or import it as internal if the data allows.',
    );
  });

  it("warns, for an existing model, when the version's architecture is not the one production serves", async () => {
    const seeded = readyModel(['us-east-1']);
    setUp({
      ...seeded,
      versions: seeded.versions!.map(v => ({ ...v, architecture: 'mistral' })),
    });
    await service.promoteVersion(
      {
        modelName: 'support-summarizer',
        alias: 'production',
        region: 'us-east-1',
        version: 1,
        reason: 'first release',
      },
      { credentials: mockCredentials.user('user:default/mock') },
    );
    const ctx = context({ ...NEW_MODEL, owner: '', newModel: false });

    await action.handler(ctx);

    expect(service.validateArtifacts).toHaveBeenLastCalledWith(
      expect.objectContaining({ modelName: 'support-summarizer' }),
      expect.anything(),
    );
    expect(ctx.logger.warn).toHaveBeenCalledWith(
      "[architecture-changed] support-summarizer's production version (v1 in us-east-1) is a mistral model; these artifacts are llama (LlamaForCausalLM). Callers' prompts, chat template and token limits may not carry over: evaluate the new version before you promote it to production.",
    );
    expect(ctx.output).toHaveBeenCalledWith(
      'warnings',
      expect.arrayContaining([
        expect.stringMatching(/^\[architecture-changed\] /),
      ]),
    );

    // A new model has no production version to compare with, so the backend is not asked to.
    const fresh = context({ ...NEW_MODEL, modelName: 'brand-new' });
    await action.handler(fresh);
    expect(service.validateArtifacts).toHaveBeenLastCalledWith(
      expect.objectContaining({ modelName: undefined }),
      expect.anything(),
    );
  });

  it('fails with every problem in words and no server stack frames for the task log', async () => {
    const ctx = context({ ...NEW_MODEL, owner: '' });
    const error = await action.handler(ctx).catch(e => e);
    expect(error.name).toBe('InputError');
    expect(error.stack).toBe(error.message);
    expect(error.stack).not.toMatch(/\n\s+at /);
  });

  it('holds the form to its choice: a new model must not exist, an existing one must', async () => {
    setUp(readyModel());

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
      `1. Invalid body: accountId: must be a managed account (${MOCK_ACCOUNT})`,
    );
  });

  it('fails with what it was doing and the reason when the backend or AWS cannot answer', async () => {
    service.validateArtifacts.mockRejectedValueOnce(
      await bedrockModelsResponseError(
        503,
        'S3 in us-east-1 could not be reached: ServiceUnavailable',
      ),
    );
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

    const noWeights = 's3://demo-model-artifacts/no-weights/';
    setUp({
      artifacts: {
        [noWeights]: {
          objects: [
            { name: 'config.json', sizeBytes: 855 },
            { name: 'tokenizer.json', sizeBytes: 9_000_000 },
            { name: 'tokenizer_config.json', sizeBytes: 1_000 },
          ],
          config: { architectures: ['LlamaForCausalLM'] },
        },
      },
    });
    const bad = context({ ...NEW_MODEL, s3Uri: noWeights }, { isDryRun: true });
    await expect(action.handler(bad)).rejects.toThrow(
      '1. [missing-weights] No .safetensors weights were found.',
    );
  });
});
