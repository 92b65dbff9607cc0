/**
 * The emulator's rules for what Custom Model Import accepts, from the public facts: supported
 * architectures and their Regions, required files, context and size limits, precisions, and how
 * Converse support and Custom Model Units follow from the artifacts. Pure functions, no I/O.
 */

/** Regions that offer Custom Model Import. */
export const IMPORT_REGIONS = [
  'us-east-1',
  'us-east-2',
  'us-west-2',
  'eu-central-1',
];

type ArchitectureRule = {
  /** `architectures[0]` in config.json. */
  architecture: string;
  /** What GetImportedModel reports as `modelArchitecture`. */
  family: string;
  multimodal: boolean;
  /** Regions offering it, when narrower than IMPORT_REGIONS. */
  regions?: string[];
  /** Converse (chat) support needs a chat template; these families never get it. */
  converse: boolean;
};

/** Architectures Bedrock imports, as named in config.json `architectures`. */
export const SUPPORTED_ARCHITECTURES: ArchitectureRule[] = [
  {
    architecture: 'LlamaForCausalLM',
    family: 'llama',
    multimodal: false,
    converse: true,
  },
  {
    architecture: 'MllamaForConditionalGeneration',
    family: 'mllama',
    multimodal: true,
    converse: true,
  },
  {
    architecture: 'MistralForCausalLM',
    family: 'mistral',
    multimodal: false,
    converse: true,
  },
  {
    architecture: 'MixtralForCausalLM',
    family: 'mixtral',
    multimodal: false,
    converse: true,
  },
  {
    architecture: 'T5ForConditionalGeneration',
    family: 'flan',
    multimodal: false,
    converse: false,
  },
  {
    architecture: 'GPTBigCodeForCausalLM',
    family: 'gpt_bigcode',
    multimodal: false,
    converse: false,
  },
  {
    architecture: 'Qwen2ForCausalLM',
    family: 'qwen2',
    multimodal: false,
    converse: false,
  },
  {
    architecture: 'Qwen2VLForConditionalGeneration',
    family: 'qwen2_vl',
    multimodal: true,
    converse: false,
  },
  {
    architecture: 'Qwen2_5_VLForConditionalGeneration',
    family: 'qwen2_5_vl',
    multimodal: true,
    converse: false,
  },
  {
    architecture: 'Qwen3ForCausalLM',
    family: 'qwen3',
    multimodal: false,
    converse: false,
  },
  {
    architecture: 'Qwen3MoeForCausalLM',
    family: 'qwen3_moe',
    multimodal: false,
    converse: false,
  },
  {
    architecture: 'GptOssForCausalLM',
    family: 'gpt_oss',
    multimodal: false,
    regions: ['us-east-1'],
    converse: false,
  },
];

/** Longest context (max_position_embeddings) Bedrock imports: 128K tokens. */
export const MAX_CONTEXT_TOKENS = 131_072;
const GB = 1_000_000_000;
/** Weight size limits: text models under 200 GB, multimodal under 100 GB. */
export const MAX_WEIGHT_BYTES = { text: 200 * GB, multimodal: 100 * GB };
const PRECISIONS = ['float32', 'float16', 'bfloat16'];

/** One file under the import's S3 prefix, relative to it. */
export type ArtifactFile = {
  /** Path below the prefix, e.g. `config.json` or `model-00001-of-00004.safetensors`. */
  name: string;
  /** Bytes; an object may declare a larger emulated size (see the README). */
  size: number;
};

/** What an import produces when its artifacts pass. */
export type ImportedModelTraits = {
  modelArchitecture: string;
  instructSupported: boolean;
  /** A chat template ships with the model, so InvokeModel accepts OpenAI-style chat. */
  hasChatTemplate: boolean;
  customModelUnitsPerModelCopy: number;
  parameterCount: number;
};

/** The outcome of checking an import's artifacts. */
export type ArtifactVerdict =
  | { ok: true; traits: ImportedModelTraits }
  | { ok: false; failureMessage: string };

type ModelConfig = Record<string, unknown>;

function numberField(
  config: ModelConfig,
  ...names: string[]
): number | undefined {
  for (const name of names) {
    const value = config[name];
    if (typeof value === 'number' && Number.isFinite(value)) return value;
  }
  const text = config.text_config;
  if (text && typeof text === 'object') {
    return numberField(text as ModelConfig, ...names);
  }
  return undefined;
}

/**
 * Estimates parameters from config.json: embeddings (twice unless tied) plus, per layer, attention
 * (query and output projections, and key/value projections sized by the KV heads) and the MLP
 * (three projections, times the experts for mixture-of-experts models).
 */
export function estimateParameterCount(config: ModelConfig): number {
  const hidden =
    numberField(config, 'hidden_size', 'd_model', 'n_embd') ?? 4096;
  const layers =
    numberField(config, 'num_hidden_layers', 'num_layers', 'n_layer') ?? 32;
  const vocab = numberField(config, 'vocab_size') ?? 32_000;
  const heads =
    numberField(config, 'num_attention_heads', 'num_heads', 'n_head') ?? 32;
  const kvHeads = numberField(config, 'num_key_value_heads') ?? heads;
  const headDim = numberField(config, 'head_dim') ?? hidden / heads;
  const intermediate =
    numberField(
      config,
      'moe_intermediate_size',
      'intermediate_size',
      'd_ff',
      'n_inner',
    ) ?? 4 * hidden;
  const experts = numberField(config, 'num_local_experts', 'num_experts') ?? 1;
  const tied = config.tie_word_embeddings === true;
  const attention =
    2 * hidden * heads * headDim + 2 * hidden * kvHeads * headDim;
  const mlp = 3 * hidden * intermediate * experts;
  return vocab * hidden * (tied ? 1 : 2) + layers * (attention + mlp);
}

/**
 * Custom Model Units per copy, by parameter count: up to 2B 1 CMU, 10B 2, 35B 4, 75B 8, beyond 16.
 * Chosen so Llama 3.1 8B gets 2 and 70B gets 8, as AWS documents.
 */
export function customModelUnitsFor(parameterCount: number): number {
  const billions = parameterCount / 1e9;
  if (billions <= 2) return 1;
  if (billions <= 10) return 2;
  if (billions <= 35) return 4;
  if (billions <= 75) return 8;
  return 16;
}

/**
 * Checks an artifact set the way an import job does, and says why it fails in AWS's manner:
 * one specific reason, naming what to fix.
 */
export function evaluateArtifacts(input: {
  s3Uri: string;
  region: string;
  files: ArtifactFile[];
  /** Parsed config.json, or undefined when absent or unreadable (then `configError` says why). */
  config?: ModelConfig;
  configError?: string;
  /** Parsed tokenizer_config.json, when present. */
  tokenizerConfig?: ModelConfig;
}): ArtifactVerdict {
  const { s3Uri, region, files, config, configError, tokenizerConfig } = input;
  const names = new Set(files.map(f => f.name));
  const fail = (failureMessage: string): ArtifactVerdict => ({
    ok: false,
    failureMessage,
  });

  if (files.length === 0) {
    return fail(
      `No model artifacts found at ${s3Uri}. Upload the model files under that prefix and try again.`,
    );
  }
  if (!names.has('config.json')) {
    return fail(
      `The model artifacts at ${s3Uri} are missing config.json. Add the model's Hugging Face config.json and try again.`,
    );
  }
  if (!config) {
    return fail(
      `config.json at ${s3Uri} could not be read: ${
        configError ?? 'it is not a JSON object'
      }.`,
    );
  }
  if (
    !names.has('tokenizer_config.json') ||
    !(names.has('tokenizer.json') || names.has('tokenizer.model'))
  ) {
    const missing = [
      'tokenizer_config.json',
      'tokenizer.json or tokenizer.model',
    ].filter(f =>
      f === 'tokenizer_config.json'
        ? !names.has(f)
        : !(names.has('tokenizer.json') || names.has('tokenizer.model')),
    );
    return fail(
      `The model artifacts at ${s3Uri} are missing tokenizer files: ${missing.join(
        ', ',
      )}.`,
    );
  }
  const weights = files.filter(f => f.name.endsWith('.safetensors'));
  if (weights.length === 0) {
    return fail(
      `The model artifacts at ${s3Uri} contain no .safetensors weight files. Convert the weights to safetensors and try again.`,
    );
  }

  const architectures = Array.isArray(config.architectures)
    ? config.architectures
    : [];
  const architecture =
    typeof architectures[0] === 'string'
      ? (architectures[0] as string)
      : undefined;
  if (!architecture) {
    return fail(
      'config.json does not name the model architecture: set "architectures", e.g. ["LlamaForCausalLM"].',
    );
  }
  const rule = SUPPORTED_ARCHITECTURES.find(
    r => r.architecture === architecture,
  );
  if (!rule) {
    return fail(
      `The model architecture ${architecture} is not supported for Custom Model Import. Supported architectures: ${SUPPORTED_ARCHITECTURES.map(
        r => r.architecture,
      ).join(', ')}.`,
    );
  }
  if (rule.regions && !rule.regions.includes(region)) {
    return fail(
      `The model architecture ${architecture} can be imported only in ${rule.regions.join(
        ', ',
      )}, not in ${region}.`,
    );
  }
  const context = numberField(config, 'max_position_embeddings', 'n_positions');
  if (context !== undefined && context > MAX_CONTEXT_TOKENS) {
    return fail(
      `The model's context length (max_position_embeddings ${context}) exceeds the supported maximum of ${MAX_CONTEXT_TOKENS} tokens.`,
    );
  }
  const dtype =
    config.torch_dtype ??
    (config.text_config as ModelConfig | undefined)?.torch_dtype;
  if (typeof dtype === 'string' && !PRECISIONS.includes(dtype)) {
    return fail(
      `The model precision ${dtype} is not supported. Use one of ${PRECISIONS.join(
        ', ',
      )}.`,
    );
  }
  const weightBytes = weights.reduce((sum, f) => sum + f.size, 0);
  const limit = rule.multimodal
    ? MAX_WEIGHT_BYTES.multimodal
    : MAX_WEIGHT_BYTES.text;
  if (weightBytes >= limit) {
    return fail(
      `The model weights are ${(weightBytes / GB).toFixed(1)} GB, over the ${
        limit / GB
      } GB limit for ${rule.multimodal ? 'multimodal' : 'text'} models.`,
    );
  }

  const hasChatTemplate =
    typeof tokenizerConfig?.chat_template === 'string' ||
    Array.isArray(tokenizerConfig?.chat_template) ||
    names.has('chat_template.jinja');
  const parameterCount = estimateParameterCount(config);
  return {
    ok: true,
    traits: {
      modelArchitecture: rule.family,
      instructSupported: rule.converse && hasChatTemplate,
      hasChatTemplate,
      customModelUnitsPerModelCopy: customModelUnitsFor(parameterCount),
      parameterCount,
    },
  };
}
