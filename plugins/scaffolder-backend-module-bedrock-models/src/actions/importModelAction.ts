import { createHash } from 'node:crypto';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  estimateImportDuration,
  formatEstimate,
  importedModelsConsoleUrl,
  ImportVersionRequest,
  modelEntityRef,
  ModelLineage,
  versionEntityRef,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { BedrockModelsService } from '@bedrock-portal/backstage-plugin-bedrock-models-node';
import { explainBackendError } from './backendErrors';
import { importCandidateInput, optionalText } from './importInputs';
import {
  DEFAULT_IMPORT_WAIT,
  ImportWaitOptions,
  waitForImportedVersion,
  WaitClock,
} from './importProgress';
import { checkImportReadiness, notReadyError } from './importReadiness';
import { runWithoutStackFrames } from './taskLogErrors';

/** The id templates use to call the import action. */
export const IMPORT_MODEL_ACTION_ID = 'bedrock:model:import';

/** The backend accepts Idempotency-Key values of at most this many characters. */
const MAX_IDEMPOTENCY_KEY_LENGTH = 255;

/**
 * The Idempotency-Key of an import: the same for every run of one step of one task (also after the
 * task is resumed on another backend instance), different for any other step or task.
 */
export function importIdempotencyKey(ctx: {
  task: { id: string };
  step?: { id?: string };
  each?: { [name: string]: unknown };
}): string {
  const parts = ['scaffolder', ctx.task.id, ctx.step?.id ?? 'import'];
  if (ctx.each) parts.push(String(ctx.each.key));
  const key = parts.join(':');
  return key.length <= MAX_IDEMPOTENCY_KEY_LENGTH
    ? key
    : `scaffolder:${createHash('sha256').update(key).digest('hex')}`;
}

function lineageOf(input?: ModelLineage): ModelLineage | undefined {
  if (!input) return undefined;
  const lineage: ModelLineage = {
    baseModel: optionalText(input.baseModel),
    trainingDataUri: optionalText(input.trainingDataUri),
    trainingJob: optionalText(input.trainingJob),
    evaluationReportUrl: optionalText(input.evaluationReportUrl),
  };
  return Object.values(lineage).some(v => v !== undefined)
    ? lineage
    : undefined;
}

/**
 * Creates the `bedrock:model:import` action: starts an import through the bedrock-models backend on
 * behalf of the user running the template, then waits until the new version is ready (or failed),
 * logging progress. Safe to resume: the call is checkpointed and carries an Idempotency-Key derived
 * from the task and step, so a resumed task never starts a second job.
 *
 * @public
 */
export function createImportModelAction(options: {
  service: BedrockModelsService;
  /** How to wait for the import; defaults to {@link DEFAULT_IMPORT_WAIT}. */
  wait?: Partial<ImportWaitOptions>;
  /** Time as the waiting sees it; tests pass a virtual clock. */
  clock?: WaitClock;
}) {
  const { service, clock } = options;
  const wait = { ...DEFAULT_IMPORT_WAIT, ...options.wait };
  return createTemplateAction({
    id: IMPORT_MODEL_ACTION_ID,
    description:
      'Imports fine-tuned weights from S3 into Amazon Bedrock as a new version of a model (creating the model when new) and waits until the version is ready',
    // A dry run validates the import and starts nothing.
    supportsDryRun: true,
    examples: [
      {
        description: 'Import a new model from the demo artifacts',
        example: [
          'steps:',
          '  - id: import',
          '    action: bedrock:model:import',
          '    input:',
          '      modelName: support-summarizer',
          '      owner: group:default/support-ml',
          '      description: Summarizes support tickets for agents',
          '      s3Uri: s3://demo-model-artifacts/support-summarizer/v3/',
          "      accountId: '123456789012'",
          '      region: us-east-1',
          '      classification: internal',
          '      lineage:',
          '        baseModel: meta-llama/Llama-3.1-8B-Instruct',
          '        trainingDataUri: s3://ml-training-data/support-tickets/2026-10/',
        ].join('\n'),
      },
    ],
    schema: {
      input: {
        ...importCandidateInput,
        title: z =>
          z.string({ description: 'Display name of a new model' }).optional(),
        description: z =>
          z.string({ description: 'What a new model is for' }).optional(),
        system: z =>
          z
            .string({
              description: 'Catalog System a new model belongs to',
            })
            .optional(),
        lineage: z =>
          z
            .object(
              {
                baseModel: z
                  .string({
                    description:
                      'Model the fine-tune started from, e.g. meta-llama/Llama-3.1-8B-Instruct',
                  })
                  .optional(),
                trainingDataUri: z
                  .string({ description: 'Where the training data is' })
                  .optional(),
                trainingJob: z
                  .string({
                    description: 'The training job (ARN, URL or id)',
                  })
                  .optional(),
                evaluationReportUrl: z
                  .string({ description: 'Link to the evaluation report' })
                  .optional(),
              },
              { description: 'Where the model came from' },
            )
            .optional(),
        tags: z =>
          z
            .array(z.string(), { description: 'Tags of a new model' })
            .optional(),
        weightBytes: z =>
          z
            .number({
              description:
                "Size of the .safetensors weights (the validate step's weightBytes output); progress lines then say how long the import is expected to take",
            })
            .optional(),
      },
      output: {
        modelName: z => z.string({ description: 'The model' }),
        version: z =>
          z.number({
            description: 'Number of the new version (not set in a dry run)',
          }),
        accountId: z => z.string({ description: 'AWS account of the version' }),
        region: z => z.string({ description: 'AWS Region of the version' }),
        importedModelArn: z =>
          z.string({
            description:
              'ARN of the Bedrock imported model callers invoke (not set in a dry run)',
          }),
        cmusPerCopy: z =>
          z
            .number({ description: 'Custom Model Units per model copy' })
            .optional(),
        modelEntityRef: z =>
          z.string({ description: 'Catalog entity of the model' }),
        versionEntityRef: z =>
          z.string({
            description:
              'Catalog entity of the new version (not set in a dry run)',
          }),
        consoleUrl: z =>
          z.string({
            description: "AWS console page of the Region's imported models",
          }),
      },
    },
    async handler(ctx) {
      // Failures reach the task log and error card in words, without the server's stack trace.
      return runWithoutStackFrames(async () => {
        const { modelName, accountId, region } = ctx.input;
        const request: ImportVersionRequest = {
          s3Uri: ctx.input.s3Uri,
          accountId,
          region,
          classification: ctx.input.classification,
          owner: optionalText(ctx.input.owner),
          title: optionalText(ctx.input.title),
          description: optionalText(ctx.input.description),
          system: optionalText(ctx.input.system),
          lineage: lineageOf(ctx.input.lineage),
          tags: ctx.input.tags?.filter(tag => tag.trim() !== ''),
        };
        const credentials = await ctx.getInitiatorCredentials();
        ctx.output('modelName', modelName);
        ctx.output('accountId', accountId);
        ctx.output('region', region);
        ctx.output('modelEntityRef', modelEntityRef(modelName));
        ctx.output('consoleUrl', importedModelsConsoleUrl(region));

        if (ctx.isDryRun) {
          const candidate = { ...request, modelName };
          const readiness = await checkImportReadiness(
            service,
            candidate,
            credentials,
          );
          for (const warning of readiness.warnings) ctx.logger.warn(warning);
          if (readiness.problems.length > 0) {
            throw notReadyError(candidate, readiness);
          }
          ctx.logger.info(
            `Dry run: ${request.s3Uri} would be imported as a new version of ${
              readiness.existingModel ? '' : 'the new model '
            }${modelName} in ${region}; no import was started`,
          );
          return;
        }

        const idempotencyKey = importIdempotencyKey(ctx);
        let calledBackend = false;
        // The checkpoint skips the call when a resumed task already made it; the Idempotency-Key covers
        // a crash after the backend accepted the import but before the checkpoint was saved.
        const started = await ctx.checkpoint({
          key: `bedrock.model.import.${modelName}.${accountId}.${region}`,
          fn: async () => {
            calledBackend = true;
            try {
              const response = await service.importVersion(
                { ...request, modelName, idempotencyKey },
                { credentials },
              );
              return {
                version: response.version.number,
                created: response.created,
                jobArn: response.version.jobArn ?? null,
              };
            } catch (error) {
              throw explainBackendError(
                error,
                `The import of ${request.s3Uri} as a version of ${modelName} was refused`,
              );
            }
          },
        });
        if (!calledBackend) {
          ctx.logger.info(
            `Resuming: this step already started the import of ${modelName} v${started.version}; following it`,
          );
        } else if (started.created) {
          ctx.logger.info(
            `Started the import of ${request.s3Uri} as ${modelName} v${
              started.version
            } in ${region}${started.jobArn ? ` (job ${started.jobArn})` : ''}`,
          );
        } else {
          ctx.logger.info(
            `The portal already had this step's import (${modelName} v${started.version}); no second job was started`,
          );
        }
        ctx.output('version', started.version);
        ctx.output(
          'versionEntityRef',
          versionEntityRef(modelName, started.version),
        );

        const expected = estimateImportDuration(ctx.input.weightBytes);
        ctx.logger.info(
          `Next: Amazon Bedrock copies the weights from S3 and creates the imported model${
            expected
              ? ` (${formatEstimate(expected.expectedMs)} for ${(
                  ctx.input.weightBytes! / 1e9
                ).toFixed(1)} GB of weights)`
              : ''
          }; this step reports its progress and ends when ${modelName} v${
            started.version
          } is ready to call.`,
        );
        const ready = await waitForImportedVersion({
          service,
          modelName,
          version: started.version,
          credentials,
          logger: ctx.logger,
          options: wait,
          clock,
          signal: ctx.signal,
          expected,
        });
        if (ready.importedModelArn) {
          ctx.output('importedModelArn', ready.importedModelArn);
        }
        ctx.output('cmusPerCopy', ready.cmusPerCopy);
        ctx.logger.info(
          `Next: callers can invoke ${modelName} v${started.version} by its ARN now; promote it to an alias on the model's page (or in the template's promote step) and callers reading the alias get it.`,
        );
      });
    },
  });
}
