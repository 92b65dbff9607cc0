import {
  CUSTOM_MODEL_IMPORT_REGIONS,
  IMPORTABLE_ARCHITECTURES,
  IMPORTABLE_PRECISIONS,
  MAX_IMPORT_CONTEXT_TOKENS,
  MAX_IMPORT_WEIGHT_BYTES,
} from './importCapabilities';
import {
  architectureChangeWarnings,
  ProductionVersion,
} from './architectureChange';
import type {
  DetectedArtifacts,
  ValidationProblem,
  ValidationReport,
} from '../schema/openapi/generated/models';

/**
 * One object under the artifact prefix, named relative to it.
 *
 * @public
 */
export type ArtifactObject = { name: string; sizeBytes: number };

/**
 * What the backend read from S3 for a validation.
 *
 * @public
 */
export type ArtifactListing = {
  objects: ArtifactObject[];
  /** config.json parsed, when present and readable. */
  config?: Record<string, unknown>;
  /** Why config.json could not be read, when it is present but unreadable. */
  configError?: string;
  /** tokenizer_config.json parsed, when present and readable. */
  tokenizerConfig?: Record<string, unknown>;
  /** Why the prefix could not be listed at all (no bucket, no access). */
  listError?: string;
};

/**
 * Used against limit for one quota; undefined fields when it could not be read.
 *
 * @public
 */
export type QuotaHeadroom = { used: number; limit?: number };

/**
 * Everything a validation looks at.
 *
 * @public
 */
export type ArtifactValidationInput = {
  s3Uri: string;
  region: string;
  classification: string;
  listing: ArtifactListing;
  quotas?: {
    importedModels: QuotaHeadroom;
    concurrentImportJobs: QuotaHeadroom;
  };
  /** Per classification, the Regions where it may be stored and served; unlisted ones may go anywhere. */
  dataResidency: Record<string, string[]>;
  /** Why the source may not be imported from (not an allowed folder for the owner); nothing was read then. */
  sourceProblem?: string;
  /** What the model's production alias serves, when the import adds a version to an existing model. */
  production?: readonly ProductionVersion[];
};

// A problem (`code`, `message`), what was detected (architecture, family, size, CMU estimate, context
// length, Converse support) and the answer (every problem at once) are the contract's own types, so the
// backend answers POST /validate with what validateArtifacts returns and the API has one of each.
export type { DetectedArtifacts, ValidationProblem, ValidationReport };

const BYTES_PER_PARAMETER: Record<string, number> = {
  float32: 4,
  float16: 2,
  bfloat16: 2,
};

/**
 * Custom Model Units per copy for a parameter count, on AWS's published steps
 * (Llama 3.1 8B needs 2 CMUs, 70B needs 8).
 *
 * @public
 */
export function estimateCustomModelUnits(parameterCount: number): number {
  const billions = parameterCount / 1e9;
  if (billions <= 2) return 1;
  if (billions <= 10) return 2;
  if (billions <= 35) return 4;
  if (billions <= 75) return 8;
  return 16;
}

function numeric(
  config: Record<string, unknown>,
  keys: string[],
): number | undefined {
  for (const key of keys) {
    const value = config[key];
    if (typeof value === 'number' && Number.isFinite(value)) return value;
  }
  // Multimodal configs keep the language model's settings under text_config.
  const text = config.text_config;
  return text && typeof text === 'object'
    ? numeric(text as Record<string, unknown>, keys)
    : undefined;
}

function gigabytes(bytes: number): string {
  return `${(bytes / 1e9).toFixed(1)} GB`;
}

/**
 * Checks an artifact set before an import: files, architecture and its Regions, context, precision,
 * size, quota headroom and data residency. Reports every problem, not just the first.
 *
 * @public
 */
export function validateArtifacts(
  input: ArtifactValidationInput,
): ValidationReport {
  const { s3Uri, region, classification, listing } = input;
  const errors: ValidationProblem[] = [];
  const warnings: ValidationProblem[] = [];
  const error = (code: string, message: string) =>
    errors.push({ code, message });
  const warn = (code: string, message: string) =>
    warnings.push({ code, message });

  const names = new Set(listing.objects.map(o => o.name));
  const weights = listing.objects.filter(o => o.name.endsWith('.safetensors'));
  const weightBytes = weights.reduce((sum, o) => sum + o.sizeBytes, 0);
  const detected: DetectedArtifacts = {
    weightBytes,
    fileCount: listing.objects.length,
  };

  if (!CUSTOM_MODEL_IMPORT_REGIONS.includes(region)) {
    error(
      'region-unsupported',
      `${region} does not offer Custom Model Import. Choose one of ${CUSTOM_MODEL_IMPORT_REGIONS.join(
        ', ',
      )}.`,
    );
  }
  const allowedRegions = input.dataResidency[classification];
  if (allowedRegions && !allowedRegions.includes(region)) {
    error(
      'residency',
      `Data classified ${classification} may not be stored in ${region} under the data-residency policy. Import it in ${
        allowedRegions.join(', ') || 'no Region (ask governance)'
      }.`,
    );
  }

  if (input.sourceProblem) {
    error('source-not-allowed', input.sourceProblem);
  } else if (listing.listError) {
    error('artifacts-unreadable', listing.listError);
  } else if (listing.objects.length === 0) {
    error(
      'no-artifacts',
      `Nothing was found under ${s3Uri}. Upload config.json, the tokenizer files and the .safetensors weights there, or fix the URI.`,
    );
  } else {
    if (!names.has('config.json')) {
      error(
        'missing-config',
        `config.json is missing under ${s3Uri}. Add the model's Hugging Face config.json.`,
      );
    } else if (!listing.config) {
      error(
        'unreadable-config',
        `config.json under ${s3Uri} could not be read: ${
          listing.configError ?? 'it is not a JSON object'
        }. Upload a valid JSON config.json.`,
      );
    }
    if (!names.has('tokenizer_config.json')) {
      error(
        'missing-tokenizer-config',
        'tokenizer_config.json is missing. Save the tokenizer with save_pretrained() and upload its files.',
      );
    }
    if (!names.has('tokenizer.json') && !names.has('tokenizer.model')) {
      error(
        'missing-tokenizer',
        'tokenizer.json (or tokenizer.model) is missing. Upload the tokenizer file next to config.json.',
      );
    }
    if (weights.length === 0) {
      error(
        'missing-weights',
        'No .safetensors weights were found. Convert the weights to safetensors (.bin and .pt files are not imported).',
      );
    }
    const other = listing.objects.filter(
      o => o.name.endsWith('.bin') || o.name.endsWith('.pt'),
    );
    if (other.length > 0 && weights.length > 0) {
      warn(
        'ignored-weights',
        `${other.length} .bin/.pt file(s) will be ignored: only .safetensors weights are imported.`,
      );
    }
  }

  const config = listing.config;
  if (config) {
    const architectures = Array.isArray(config.architectures)
      ? config.architectures
      : [];
    const architecture =
      typeof architectures[0] === 'string' ? architectures[0] : undefined;
    detected.architecture = architecture;
    const rule = IMPORTABLE_ARCHITECTURES.find(a => a.name === architecture);
    if (!architecture) {
      error(
        'unknown-architecture',
        'config.json does not name the architecture. Set "architectures", e.g. ["LlamaForCausalLM"].',
      );
    } else if (!rule) {
      error(
        'unsupported-architecture',
        `${architecture} cannot be imported into Bedrock. Supported: ${IMPORTABLE_ARCHITECTURES.map(
          a => a.name,
        ).join(', ')}.`,
      );
    } else {
      detected.family = rule.family;
      if (rule.onlyIn && !rule.onlyIn.includes(region)) {
        error(
          'architecture-region',
          `${architecture} can be imported only in ${rule.onlyIn.join(
            ', ',
          )}, not in ${region}. Choose one of those Regions.`,
        );
      }
      const limit = rule.multimodal
        ? MAX_IMPORT_WEIGHT_BYTES.multimodal
        : MAX_IMPORT_WEIGHT_BYTES.text;
      if (weightBytes >= limit) {
        error(
          'too-large',
          `The weights are ${gigabytes(weightBytes)}; ${
            rule.multimodal ? 'multimodal' : 'text'
          } models must be under ${gigabytes(
            limit,
          )}. Quantize or prune the model.`,
        );
      }
      const hasChatTemplate =
        listing.tokenizerConfig?.chat_template !== undefined ||
        names.has('chat_template.jinja');
      detected.converseSupported = rule.converse && hasChatTemplate;
      if (rule.converse && !hasChatTemplate) {
        warn(
          'no-chat-template',
          'No chat template ships with the model, so callers must use InvokeModel with a prompt (Converse will not work). Add chat_template to tokenizer_config.json to enable it.',
        );
      }
    }

    const context = numeric(config, ['max_position_embeddings', 'n_positions']);
    detected.contextLength = context;
    if (context !== undefined && context > MAX_IMPORT_CONTEXT_TOKENS) {
      error(
        'context-too-long',
        `The context length (max_position_embeddings) is ${context}; Bedrock imports at most ${MAX_IMPORT_CONTEXT_TOKENS} tokens. Lower it in config.json.`,
      );
    }
    const text = config.text_config as Record<string, unknown> | undefined;
    const precision = config.torch_dtype ?? text?.torch_dtype;
    if (typeof precision === 'string') {
      detected.precision = precision;
      if (!IMPORTABLE_PRECISIONS.includes(precision)) {
        error(
          'unsupported-precision',
          `Weights in ${precision} cannot be imported. Save them as ${IMPORTABLE_PRECISIONS.join(
            ', ',
          )}.`,
        );
      }
    }
    const bytesPerParameter =
      BYTES_PER_PARAMETER[detected.precision ?? 'bfloat16'];
    if (weightBytes > 0 && bytesPerParameter) {
      detected.parameterCount = Math.round(weightBytes / bytesPerParameter);
      detected.cmuEstimate = estimateCustomModelUnits(detected.parameterCount);
    }
  }

  const quotas = input.quotas;
  if (!quotas) {
    warn(
      'quotas-unknown',
      'Service Quotas could not be read, so quota headroom was not checked.',
    );
  } else {
    const models = quotas.importedModels;
    if (models.limit !== undefined && models.used >= models.limit) {
      error(
        'imported-models-quota',
        `${models.used} of ${models.limit} imported models are in use in ${region}. Retire a version or request a quota increase (L-45B04988) first.`,
      );
    } else if (models.limit !== undefined && models.used + 1 >= models.limit) {
      warn(
        'imported-models-quota-near',
        `This import uses the last of ${models.limit} imported models allowed in ${region}.`,
      );
    }
    const jobs = quotas.concurrentImportJobs;
    if (jobs.limit !== undefined && jobs.used >= jobs.limit) {
      warn(
        'import-jobs-busy',
        `${jobs.used} of ${jobs.limit} concurrent import jobs are running in ${region}: the job will wait for one to finish.`,
      );
    }
  }

  warnings.push(
    ...architectureChangeWarnings({
      family: detected.family,
      architecture: detected.architecture,
      production: input.production ?? [],
    }),
  );

  return { valid: errors.length === 0, errors, warnings, detected };
}
