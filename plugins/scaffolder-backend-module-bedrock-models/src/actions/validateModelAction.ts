import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  checkModelName,
  parseS3Uri,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';

/** The id the import template uses to call this action. */
export const VALIDATE_MODEL_ACTION_ID = 'bedrock:model:validate';

/**
 * Creates the `bedrock:model:validate` action: checks a model name and its artifact location
 * before anything is imported, and fails the step with every problem at once.
 *
 * @public
 */
export function createValidateModelAction() {
  return createTemplateAction({
    id: VALIDATE_MODEL_ACTION_ID,
    description:
      'Checks that a model name and the S3 location of its weights can be imported into Amazon Bedrock',
    supportsDryRun: true,
    examples: [
      {
        description: 'Validate a new model before importing it',
        example: [
          'steps:',
          '  - id: validate',
          '    action: bedrock:model:validate',
          '    input:',
          '      modelName: support-summarizer',
          '      s3Uri: s3://ml-artifacts/support-summarizer/v3/',
        ].join('\n'),
      },
    ],
    schema: {
      input: {
        modelName: z =>
          z.string({
            description: 'Name of the model, e.g. support-summarizer',
          }),
        s3Uri: z =>
          z.string({
            description:
              'S3 folder holding the weights, as s3://bucket/prefix/',
          }),
      },
      output: {
        modelName: z => z.string({ description: 'The validated model name' }),
        bucket: z => z.string({ description: 'Bucket of the artifacts' }),
        prefix: z => z.string({ description: 'Key prefix of the artifacts' }),
      },
    },
    async handler(ctx) {
      const { modelName, s3Uri } = ctx.input;
      const problems = [...checkModelName(modelName)];
      const parsed = parseS3Uri(s3Uri);
      if ('problem' in parsed) {
        problems.push(parsed.problem);
      }
      if (problems.length > 0 || !('location' in parsed)) {
        throw new InputError(
          `The model cannot be imported as given:\n${problems
            .map(p => `- ${p}`)
            .join('\n')}`,
        );
      }
      ctx.logger.info(
        `${modelName}: artifacts at s3://${parsed.location.bucket}/${parsed.location.prefix} pass the naming checks`,
      );
      ctx.output('modelName', modelName);
      ctx.output('bucket', parsed.location.bucket);
      ctx.output('prefix', parsed.location.prefix);
    },
  });
}
