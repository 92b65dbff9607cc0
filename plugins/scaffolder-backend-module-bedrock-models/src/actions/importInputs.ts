import type { z as zod } from 'zod/v3';

/**
 * Inputs naming an import (which model, which artifacts, where, what data class), shared by
 * `bedrock:model:validate` and `bedrock:model:import` so a template passes both the same values.
 */
export const importCandidateInput = {
  modelName: (z: typeof zod) =>
    z.string({
      description:
        'Name of the model in the portal, e.g. support-summarizer (lower-case words joined by hyphens)',
    }),
  s3Uri: (z: typeof zod) =>
    z.string({
      description:
        'S3 folder holding config.json, the tokenizer files and the .safetensors weights, as s3://bucket/prefix/',
    }),
  accountId: (z: typeof zod) =>
    z.string({
      description:
        'AWS account to import into; one of the accounts in bedrockModels.accounts',
    }),
  region: (z: typeof zod) =>
    z.string({
      description:
        'AWS Region to import into; one of the Regions configured for the account',
    }),
  classification: (z: typeof zod) =>
    z.string({
      description:
        'Data classification of the training data, e.g. internal; decides where the model may live',
    }),
  owner: (z: typeof zod) =>
    z
      .string({
        description:
          'Owner of a new model (catalog Group or User ref, e.g. group:default/support-ml); ignored for an existing model',
      })
      .optional(),
};

/** An optional text input where an empty form field means "not given". */
export function optionalText(text: string | undefined): string | undefined {
  const trimmed = text?.trim();
  return trimmed ? trimmed : undefined;
}
