import type {
  ArtifactListing,
  PortalSettings,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';

/** The account the mock manages unless told otherwise. */
export const MOCK_ACCOUNT_ID = '123456789012';

/** What the mock's `GET /settings` answers unless told otherwise: the backend's defaults, one account. */
export const DEFAULT_MOCK_SETTINGS: PortalSettings = {
  accounts: [
    {
      accountId: MOCK_ACCOUNT_ID,
      regions: ['us-east-1', 'us-west-2', 'eu-central-1'],
    },
  ],
  aliases: ['production', 'staging'],
  classifications: ['public', 'internal', 'confidential', 'phi'],
  ssmParameterPrefix: '/bedrock-models',
  prices: {
    currency: 'USD',
    cmuMinute: {},
    storageCmuMonth: 0,
    alwaysOnHourly: {},
    source: 'bedrockModelsServiceMock (no prices)',
  },
};

/** Quotas per account and Region unless told otherwise: room enough that they stay out of a test's way. */
export const DEFAULT_MOCK_QUOTAS = {
  importedModels: 100,
  concurrentImportJobs: 10,
};

/**
 * What S3 holds at a URI the mock was not told about: a complete Llama 3.1 8B fine-tune in bfloat16
 * (16.06 GB of weights in four files, a chat template), which validates cleanly.
 */
export function llamaArtifactListing(): ArtifactListing {
  const shard = (i: number) => ({
    name: `model-0000${i}-of-00004.safetensors`,
    sizeBytes: 4_015_000_000,
  });
  return {
    objects: [
      { name: 'config.json', sizeBytes: 855 },
      { name: 'special_tokens_map.json', sizeBytes: 296 },
      { name: 'tokenizer.json', sizeBytes: 9_085_657 },
      { name: 'tokenizer_config.json', sizeBytes: 55_351 },
      shard(1),
      shard(2),
      shard(3),
      shard(4),
    ],
    config: {
      architectures: ['LlamaForCausalLM'],
      max_position_embeddings: 131072,
      torch_dtype: 'bfloat16',
    },
    tokenizerConfig: { chat_template: '{{ messages }}' },
  };
}
