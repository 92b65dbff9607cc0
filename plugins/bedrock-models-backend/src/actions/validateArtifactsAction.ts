import { parseInput, validateBody } from '../registryRequests';
import { accountField, classificationField, regionField } from './inputFields';
import { validationProblemOutput } from './outputSchemas';
import { RegistryActionsOptions } from './RegistryActionsOptions';

/**
 * Registers `validate-artifacts`: the full check of an artifact set in S3 before an import, as
 * `POST /validate`.
 *
 * @internal
 */
export function registerValidateArtifactsAction(
  options: RegistryActionsOptions,
) {
  const { actionsRegistry, registry, config } = options;
  actionsRegistry.register({
    name: 'validate-artifacts',
    title: 'Validate model artifacts in S3',
    description:
      'Check fine-tuned weights in S3 before importing them into Bedrock, and report every problem at once, each with what to fix: whether the owner may import from that location, config.json and tokenizer files, safetensors weights, supported architecture, Region, context length, size, quotas and data residency. Also reports what it detected (architecture, parameters, precision, estimated CMUs). Changes nothing; run it before start-import and show the user each error.',
    attributes: { readOnly: true, destructive: false, idempotent: true },
    schema: {
      input: z =>
        z
          .object({
            s3Uri: z
              .string()
              .describe(
                's3://bucket/prefix/ holding config.json, the tokenizer files and the .safetensors weights.',
              ),
            accountId: accountField(z, config, 'to import into'),
            region: regionField(z, config, 'to import into'),
            classification: classificationField(z, config),
            owner: z
              .string()
              .optional()
              .describe(
                "Catalog Group or User entity ref the model would be owned by (e.g. group:default/support-ml); the allowed S3 locations depend on it. Default: the caller. For a new version of an existing model, give the model's owner.",
              ),
          })
          .strict(),
      output: z =>
        z
          .object({
            valid: z
              .boolean()
              .describe('true when there is no error (warnings may remain).'),
            errors: z
              .array(validationProblemOutput(z))
              .describe('Problems that would make the import fail.'),
            warnings: z
              .array(validationProblemOutput(z))
              .describe('Problems worth telling the user that do not block.'),
            detected: z
              .object({
                architecture: z.string().optional(),
                family: z.string().optional(),
                weightBytes: z.number(),
                fileCount: z.number(),
                contextLength: z.number().optional(),
                precision: z.string().optional(),
                parameterCount: z.number().optional(),
                cmuEstimate: z
                  .number()
                  .optional()
                  .describe('Custom Model Units a copy would need.'),
                converseSupported: z.boolean().optional(),
              })
              .passthrough(),
          })
          .passthrough(),
    },
    action: async ({ input, credentials }) => {
      const request = parseInput(validateBody(config), input, 'input');
      const output = await registry.validateArtifacts(request, {
        credentials,
      });
      return { output };
    },
  });
}
