import {
  customModelUnitsFor,
  estimateParameterCount,
  evaluateArtifacts,
} from './importRules';

const llama8b = {
  architectures: ['LlamaForCausalLM'],
  hidden_size: 4096,
  intermediate_size: 14336,
  num_hidden_layers: 32,
  num_attention_heads: 32,
  num_key_value_heads: 8,
  max_position_embeddings: 131072,
  vocab_size: 128256,
  torch_dtype: 'bfloat16',
};
const llama70b = {
  ...llama8b,
  hidden_size: 8192,
  intermediate_size: 28672,
  num_hidden_layers: 80,
  num_attention_heads: 64,
};

const files = (...names: string[]) => names.map(name => ({ name, size: 1000 }));
const complete = files(
  'config.json',
  'tokenizer_config.json',
  'tokenizer.json',
  'model.safetensors',
);

function verdict(
  overrides: Partial<Parameters<typeof evaluateArtifacts>[0]> = {},
) {
  return evaluateArtifacts({
    s3Uri: 's3://b/p/',
    region: 'us-east-1',
    files: complete,
    config: llama8b,
    tokenizerConfig: { chat_template: '{{ messages }}' },
    ...overrides,
  });
}

describe('parameter and CMU estimates', () => {
  it('gives Llama 3.1 8B about 8 billion parameters and 2 CMUs, and 70B 8 CMUs, as AWS documents', () => {
    expect(estimateParameterCount(llama8b) / 1e9).toBeCloseTo(8.0, 0);
    expect(customModelUnitsFor(estimateParameterCount(llama8b))).toBe(2);
    expect(estimateParameterCount(llama70b) / 1e9).toBeCloseTo(70.5, 0);
    expect(customModelUnitsFor(estimateParameterCount(llama70b))).toBe(8);
  });

  it.each([
    [1e9, 1],
    [2e9, 1],
    [7e9, 2],
    [30e9, 4],
    [120e9, 16],
  ])('maps %p parameters to %p CMUs', (params, cmus) => {
    expect(customModelUnitsFor(params)).toBe(cmus);
  });
});

describe('evaluateArtifacts', () => {
  it('accepts a complete Llama set with a chat template', () => {
    expect(verdict()).toEqual({
      ok: true,
      traits: expect.objectContaining({
        modelArchitecture: 'llama',
        instructSupported: true,
        hasChatTemplate: true,
        customModelUnitsPerModelCopy: 2,
      }),
    });
  });

  it('takes a chat_template.jinja file as the chat template', () => {
    const result = verdict({
      files: [...complete, { name: 'chat_template.jinja', size: 10 }],
      tokenizerConfig: {},
    });
    expect(result.ok && result.traits.instructSupported).toBe(true);
  });

  it('gives Qwen a chat template but no Converse', () => {
    const result = verdict({
      config: { ...llama8b, architectures: ['Qwen2ForCausalLM'] },
    });
    expect(result.ok && result.traits).toMatchObject({
      modelArchitecture: 'qwen2',
      instructSupported: false,
      hasChatTemplate: true,
    });
  });

  it.each([
    ['no files at all', { files: [] }, 'No model artifacts found at s3://b/p/'],
    [
      'no config.json',
      {
        files: files(
          'tokenizer_config.json',
          'tokenizer.json',
          'a.safetensors',
        ),
      },
      'missing config.json',
    ],
    [
      'unreadable config.json',
      { config: undefined, configError: 'it is not valid JSON' },
      'config.json at s3://b/p/ could not be read: it is not valid JSON',
    ],
    [
      'no tokenizer files',
      { files: files('config.json', 'a.safetensors') },
      'missing tokenizer files: tokenizer_config.json, tokenizer.json or tokenizer.model',
    ],
    [
      'no weights',
      {
        files: files('config.json', 'tokenizer_config.json', 'tokenizer.model'),
      },
      'contain no .safetensors weight files',
    ],
    [
      'no architecture',
      { config: { ...llama8b, architectures: [] } },
      'does not name the model architecture',
    ],
    [
      'an unsupported architecture',
      { config: { ...llama8b, architectures: ['BertModel'] } },
      'The model architecture BertModel is not supported',
    ],
    [
      'GPT-OSS outside us-east-1',
      {
        region: 'us-west-2',
        config: { ...llama8b, architectures: ['GptOssForCausalLM'] },
      },
      'can be imported only in us-east-1, not in us-west-2',
    ],
    [
      'a context over 128K',
      { config: { ...llama8b, max_position_embeddings: 262144 } },
      'max_position_embeddings 262144) exceeds the supported maximum of 131072',
    ],
    [
      'an unsupported precision',
      { config: { ...llama8b, torch_dtype: 'int8' } },
      'The model precision int8 is not supported',
    ],
    [
      'text weights of 200 GB',
      {
        files: [
          ...files('config.json', 'tokenizer_config.json', 'tokenizer.json'),
          { name: 'a.safetensors', size: 200e9 },
        ],
      },
      'over the 200 GB limit for text models',
    ],
    [
      'multimodal weights of 100 GB',
      {
        config: {
          ...llama8b,
          architectures: ['MllamaForConditionalGeneration'],
        },
        files: [
          ...files('config.json', 'tokenizer_config.json', 'tokenizer.json'),
          { name: 'a.safetensors', size: 100e9 },
        ],
      },
      'over the 100 GB limit for multimodal models',
    ],
  ])('fails %s with a specific message', (_case, overrides, message) => {
    const result = verdict(
      overrides as Partial<Parameters<typeof evaluateArtifacts>[0]>,
    );
    expect(result).toEqual({
      ok: false,
      failureMessage: expect.stringContaining(message),
    });
  });
});
