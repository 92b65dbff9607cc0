import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { BedrockModelsService } from '@bedrock-portal/backstage-plugin-bedrock-models-node';
import { importCandidateInput, optionalText } from './importInputs';
import { checkImportReadiness, notReadyError } from './importReadiness';
import { runWithoutStackFrames } from './taskLogErrors';

/** The id templates use to call the validate action. */
export const VALIDATE_MODEL_ACTION_ID = 'bedrock:model:validate';

/** Bytes as a short figure, e.g. "16.1 GB". */
function gigabytes(bytes: number): string {
  return `${(bytes / 1e9).toFixed(1)} GB`;
}

/**
 * Creates the `bedrock:model:validate` action: asks the bedrock-models backend, on behalf of the
 * user running the template, whether an artifact set can be imported as a version of a model, and
 * fails the step with every problem at once.
 *
 * @public
 */
export function createValidateModelAction(options: {
  service: BedrockModelsService;
}) {
  const { service } = options;
  return createTemplateAction({
    id: VALIDATE_MODEL_ACTION_ID,
    description:
      'Checks that fine-tuned weights in S3 can be imported into Amazon Bedrock as a version of a model: naming, ownership, classification, files, architecture, size, quotas and data residency',
    // It only reads, so a dry run does exactly what a real run does.
    supportsDryRun: true,
    examples: [
      {
        description:
          'Validate the weights of a new model before importing them',
        example: [
          'steps:',
          '  - id: validate',
          '    action: bedrock:model:validate',
          '    input:',
          '      modelName: support-summarizer',
          '      newModel: true',
          '      owner: group:default/support-ml',
          '      s3Uri: s3://demo-model-artifacts/support-summarizer/v3/',
          "      accountId: '123456789012'",
          '      region: us-east-1',
          '      classification: internal',
        ].join('\n'),
      },
    ],
    schema: {
      input: {
        ...importCandidateInput,
        newModel: z =>
          z
            .boolean({
              description:
                'true: the model must not exist yet (a form asked for a new one); false: it must exist; unset: either',
            })
            .optional(),
      },
      output: {
        modelName: z => z.string({ description: 'The model name checked' }),
        isNewModel: z =>
          z.boolean({
            description: 'Whether the import will create the model',
          }),
        architecture: z =>
          z
            .string({
              description:
                'Architecture config.json names, e.g. LlamaForCausalLM',
            })
            .optional(),
        family: z =>
          z
            .string({ description: 'Family Bedrock will report, e.g. llama' })
            .optional(),
        weightBytes: z =>
          z.number({ description: 'Total size of the .safetensors weights' }),
        weightSize: z =>
          z.string({ description: 'The same size for people, e.g. 16.1 GB' }),
        parameterCount: z =>
          z
            .number({ description: 'Parameters estimated from the weights' })
            .optional(),
        cmuEstimate: z =>
          z
            .number({
              description:
                'Custom Model Units per model copy Bedrock is expected to bill',
            })
            .optional(),
        contextLength: z =>
          z
            .number({ description: 'max_position_embeddings of config.json' })
            .optional(),
        converseSupported: z =>
          z
            .boolean({
              description: 'Whether callers can use the Converse API',
            })
            .optional(),
        warnings: z =>
          z.array(z.string(), {
            description: 'What will work, but maybe not as expected',
          }),
      },
    },
    async handler(ctx) {
      // Failures reach the task log and error card in words, without the server's stack trace.
      return runWithoutStackFrames(async () => {
        const candidate = {
          ...ctx.input,
          owner: optionalText(ctx.input.owner),
        };
        const credentials = await ctx.getInitiatorCredentials();
        if (ctx.isDryRun) {
          ctx.logger.info('Dry run: the checks only read, so they run in full');
        }

        const readiness = await checkImportReadiness(
          service,
          candidate,
          credentials,
        );
        for (const warning of readiness.warnings) {
          ctx.logger.warn(warning);
        }
        const detected = readiness.detected;
        if (readiness.problems.length > 0 || !detected) {
          throw notReadyError(candidate, readiness);
        }

        ctx.logger.info(
          `${candidate.s3Uri} can be imported as a ${
            readiness.existingModel ? 'new version of' : 'new model,'
          } ${candidate.modelName} in ${candidate.region}: ${
            detected.architecture ?? 'unknown architecture'
          }, ${gigabytes(detected.weightBytes)} of weights in ${
            detected.fileCount
          } files, about ${detected.cmuEstimate ?? '?'} CMU per copy`,
        );
        ctx.output('modelName', candidate.modelName);
        ctx.output('isNewModel', !readiness.existingModel);
        ctx.output('architecture', detected.architecture);
        ctx.output('family', detected.family);
        ctx.output('weightBytes', detected.weightBytes);
        ctx.output('weightSize', gigabytes(detected.weightBytes));
        ctx.output('parameterCount', detected.parameterCount);
        ctx.output('cmuEstimate', detected.cmuEstimate);
        ctx.output('contextLength', detected.contextLength);
        ctx.output('converseSupported', detected.converseSupported);
        ctx.output('warnings', readiness.warnings);
      });
    },
  });
}
