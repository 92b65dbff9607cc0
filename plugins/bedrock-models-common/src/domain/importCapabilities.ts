/**
 * What Amazon Bedrock Custom Model Import accepts, from its public documentation (late 2026):
 * the Regions that offer it, the architectures it imports, and the size and context limits.
 */

/**
 * Regions that offer Custom Model Import.
 *
 * @public
 */
export const CUSTOM_MODEL_IMPORT_REGIONS: readonly string[] = [
  'us-east-1',
  'us-east-2',
  'us-west-2',
  'eu-central-1',
];

/**
 * An architecture Bedrock imports, as config.json's `architectures[0]` names it.
 *
 * @public
 */
export type ImportableArchitecture = {
  name: string;
  /** The family Bedrock reports as `modelArchitecture`. */
  family: string;
  multimodal: boolean;
  /** Whether Converse can work (it also needs a chat template). */
  converse: boolean;
  /** Regions offering it, when fewer than all Custom Model Import Regions. */
  onlyIn?: readonly string[];
};

const arch = (
  name: string,
  family: string,
  traits: Partial<Omit<ImportableArchitecture, 'name' | 'family'>> = {},
): ImportableArchitecture => ({
  name,
  family,
  multimodal: traits.multimodal ?? false,
  converse: traits.converse ?? false,
  onlyIn: traits.onlyIn,
});

/**
 * Architectures Custom Model Import accepts.
 *
 * @public
 */
export const IMPORTABLE_ARCHITECTURES: readonly ImportableArchitecture[] = [
  arch('LlamaForCausalLM', 'llama', { converse: true }),
  arch('MllamaForConditionalGeneration', 'mllama', {
    multimodal: true,
    converse: true,
  }),
  arch('MistralForCausalLM', 'mistral', { converse: true }),
  arch('MixtralForCausalLM', 'mixtral', { converse: true }),
  arch('T5ForConditionalGeneration', 'flan'),
  arch('GPTBigCodeForCausalLM', 'gpt_bigcode'),
  arch('Qwen2ForCausalLM', 'qwen2'),
  arch('Qwen2VLForConditionalGeneration', 'qwen2_vl', { multimodal: true }),
  arch('Qwen2_5_VLForConditionalGeneration', 'qwen2_5_vl', {
    multimodal: true,
  }),
  arch('Qwen3ForCausalLM', 'qwen3'),
  arch('Qwen3MoeForCausalLM', 'qwen3_moe'),
  arch('GptOssForCausalLM', 'gpt_oss', { onlyIn: ['us-east-1'] }),
];

/**
 * Context (max_position_embeddings) must stay within 128K tokens.
 *
 * @public
 */
export const MAX_IMPORT_CONTEXT_TOKENS = 131_072;

/**
 * Weights must be under 200 GB for text models and 100 GB for multimodal ones.
 *
 * @public
 */
export const MAX_IMPORT_WEIGHT_BYTES = {
  text: 200e9,
  multimodal: 100e9,
} as const;

/**
 * Weight precisions Bedrock serves.
 *
 * @public
 */
export const IMPORTABLE_PRECISIONS: readonly string[] = [
  'float32',
  'float16',
  'bfloat16',
];

/**
 * Service Quotas codes (service `bedrock`) of the Custom Model Import quotas.
 *
 * @public
 */
export const IMPORT_QUOTA_CODES = {
  importedModels: 'L-45B04988',
  concurrentImportJobs: 'L-5F098EFA',
} as const;
