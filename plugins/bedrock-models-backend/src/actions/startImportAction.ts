import {
  idempotencyKeyHeader,
  importBody,
  modelNameParam,
  parseInput,
} from '../registryRequests';
import {
  accountField,
  classificationField,
  modelField,
  regionField,
} from './inputFields';
import { versionOutput } from './outputSchemas';
import { RegistryActionsOptions } from './RegistryActionsOptions';

/**
 * Registers `start-import`: starts a Bedrock import of a new version, as `POST /models/{model}/versions`.
 *
 * @internal
 */
export function registerStartImportAction(options: RegistryActionsOptions) {
  const { actionsRegistry, registry, config } = options;
  actionsRegistry.register({
    name: 'start-import',
    title: 'Start a model import',
    description:
      'Start importing fine-tuned weights from S3 into Amazon Bedrock (Custom Model Import) as the next version of a model, creating the model when the name is new (then owner is required: the caller, or a group they belong to). The artifacts are validated first, as validate-artifacts does, and every problem is refused at once. Answers right away with the new version in status importing; the Bedrock job takes minutes: poll get-model until the version is ready (or failed), then promote it. Adding a version to an existing model needs the rights to move its pointers. Send the same idempotencyKey when you retry, never a new one: the same key answers with the same version and never starts a second job.',
    // Adds a version (or a model) and never changes an existing one; the key makes a retry a no-op.
    attributes: { readOnly: false, destructive: false, idempotent: true },
    schema: {
      input: z => {
        const text = (what: string) => z.string().optional().describe(what);
        return z
          .object({
            model: modelField(z).describe(
              'Name of the model to add a version to, or of the new model: lower-case letters and digits in words joined by single hyphens, at most 50 characters, not ending in -v and a number.',
            ),
            idempotencyKey: z
              .string()
              .describe(
                'A unique key for this import (e.g. a UUID you make once), 1-255 printable ASCII characters without spaces. Reuse it for retries of the same import, so no second job starts.',
              ),
            s3Uri: z
              .string()
              .describe(
                's3://bucket/prefix/ holding config.json, the tokenizer files and the .safetensors weights; it must be in a location the owner may import from.',
              ),
            accountId: accountField(z, config, 'to import into'),
            region: regionField(z, config, 'to import into'),
            classification: classificationField(z, config),
            owner: text(
              'For a new model: the catalog Group or User entity ref that will own it (e.g. group:default/support-ml); the caller or a group they belong to, unless the caller is a portal admin. Ignored for an existing model.',
            ),
            title: text('For a new model: a human-readable title.'),
            description: text('For a new model: what it does.'),
            system: text('For a new model: the catalog System it belongs to.'),
            lineage: z
              .object({
                baseModel: text(
                  'The base model fine-tuned, e.g. meta-llama/Llama-3.1-8B-Instruct.',
                ),
                trainingDataUri: text('Where the training data is.'),
                trainingJob: text('The training job (ARN or URL).'),
                evaluationReportUrl: text('The evaluation report.'),
              })
              .strict()
              .optional()
              .describe('For a new model: where it came from.'),
            tags: z
              .array(z.string())
              .optional()
              .describe(
                'For a new model: up to 20 lower-case tags (letters, digits, single hyphens).',
              ),
          })
          .strict();
      },
      output: z =>
        z
          .object({
            version: versionOutput(z).describe(
              'The version: importing when just started, or as it is now for a retry.',
            ),
            created: z
              .boolean()
              .describe(
                'false when an earlier call with the same idempotencyKey created it.',
              ),
          })
          .passthrough(),
    },
    action: async ({ input, credentials }) => {
      const { model, idempotencyKey, ...body } = input;
      const name = modelNameParam(model);
      const request = parseInput(importBody(config), body, 'input');
      const key = parseInput(
        idempotencyKeyHeader,
        idempotencyKey,
        'idempotencyKey',
      );
      const output = await registry.importVersion(name, request, {
        credentials,
        idempotencyKey: key,
      });
      return { output };
    },
  });
}
