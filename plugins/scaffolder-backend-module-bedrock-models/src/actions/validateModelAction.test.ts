import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { createValidateModelAction } from './validateModelAction';

describe('bedrock:model:validate', () => {
  const action = createValidateModelAction();

  it('outputs the model name and artifact location when both are valid', async () => {
    const ctx = createMockActionContext({
      input: {
        modelName: 'support-summarizer',
        s3Uri: 's3://ml-artifacts/support-summarizer/v3/',
      },
    });

    await action.handler(ctx);

    expect(ctx.output).toHaveBeenCalledWith('modelName', 'support-summarizer');
    expect(ctx.output).toHaveBeenCalledWith('bucket', 'ml-artifacts');
    expect(ctx.output).toHaveBeenCalledWith('prefix', 'support-summarizer/v3/');
  });

  it('fails the step with every problem at once', async () => {
    const ctx = createMockActionContext({
      input: { modelName: 'Support_Summarizer', s3Uri: 'ml-artifacts/x' },
    });

    const failure = action.handler(ctx);

    await expect(failure).rejects.toThrow(
      /cannot be imported as given:\n- Model name may only hold.*\n- "ml-artifacts\/x" is not an S3 URI/,
    );
    expect(ctx.output).not.toHaveBeenCalled();
  });

  it('declares that it supports dry runs, since it changes nothing', () => {
    expect(action.supportsDryRun).toBe(true);
  });
});
