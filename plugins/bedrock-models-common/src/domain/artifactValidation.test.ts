import {
  ArtifactListing,
  ArtifactValidationInput,
  estimateCustomModelUnits,
  validateArtifacts,
} from './artifactValidation';

const GB = 1e9;

const llamaListing = (
  overrides: Partial<ArtifactListing> = {},
): ArtifactListing => ({
  objects: [
    { name: 'config.json', sizeBytes: 900 },
    { name: 'tokenizer_config.json', sizeBytes: 5_000 },
    { name: 'tokenizer.json', sizeBytes: 9_000_000 },
    { name: 'model-00001-of-00002.safetensors', sizeBytes: 8 * GB },
    { name: 'model-00002-of-00002.safetensors', sizeBytes: 8 * GB },
  ],
  config: {
    architectures: ['LlamaForCausalLM'],
    max_position_embeddings: 131072,
    torch_dtype: 'bfloat16',
  },
  tokenizerConfig: { chat_template: '{{ messages }}' },
  ...overrides,
});

const input = (
  overrides: Partial<ArtifactValidationInput> = {},
): ArtifactValidationInput => ({
  s3Uri: 's3://bucket/llama/',
  region: 'us-east-1',
  classification: 'internal',
  listing: llamaListing(),
  quotas: {
    importedModels: { used: 0, limit: 3 },
    concurrentImportJobs: { used: 0, limit: 1 },
  },
  dataResidency: {},
  ...overrides,
});

const codes = (report: { errors: Array<{ code: string }> }) =>
  report.errors.map(e => e.code);

describe('validateArtifacts', () => {
  it('passes a complete Llama set and says what it found', () => {
    expect(validateArtifacts(input())).toEqual({
      valid: true,
      errors: [],
      warnings: [],
      detected: {
        architecture: 'LlamaForCausalLM',
        family: 'llama',
        weightBytes: 16 * GB,
        fileCount: 5,
        contextLength: 131072,
        precision: 'bfloat16',
        parameterCount: 8 * GB,
        cmuEstimate: 2,
        converseSupported: true,
      },
    });
  });

  it('reports every missing file at once', () => {
    const report = validateArtifacts(
      input({
        listing: llamaListing({
          objects: [{ name: 'pytorch_model.bin', sizeBytes: 1 }],
          config: undefined,
          tokenizerConfig: undefined,
        }),
      }),
    );
    expect(report.valid).toBe(false);
    expect(codes(report)).toEqual([
      'missing-config',
      'missing-tokenizer-config',
      'missing-tokenizer',
      'missing-weights',
    ]);
    expect(report.errors[3].message).toBe(
      'No .safetensors weights were found. Convert the weights to safetensors (.bin and .pt files are not imported).',
    );
  });

  it('refuses what Bedrock cannot import: architecture, context, precision and size', () => {
    const unsupported = validateArtifacts(
      input({
        listing: llamaListing({
          config: {
            architectures: ['BertModel'],
            max_position_embeddings: 200_000,
            torch_dtype: 'int4',
          },
        }),
      }),
    );
    expect(codes(unsupported)).toEqual([
      'unsupported-architecture',
      'context-too-long',
      'unsupported-precision',
    ]);
    const huge = validateArtifacts(
      input({
        listing: llamaListing({
          objects: [
            ...llamaListing().objects.slice(0, 3),
            { name: 'w.safetensors', sizeBytes: 200 * GB },
          ],
        }),
      }),
    );
    expect(huge.errors).toEqual([
      {
        code: 'too-large',
        message:
          'The weights are 200.0 GB; text models must be under 200.0 GB. Quantize or prune the model.',
      },
    ]);
    // Multimodal models have the lower limit.
    const vision = validateArtifacts(
      input({
        listing: llamaListing({
          objects: [
            ...llamaListing().objects.slice(0, 3),
            { name: 'w.safetensors', sizeBytes: 120 * GB },
          ],
          config: { architectures: ['MllamaForConditionalGeneration'] },
        }),
      }),
    );
    expect(codes(vision)).toEqual(['too-large']);
  });

  it('knows where Custom Model Import and each architecture are offered', () => {
    expect(codes(validateArtifacts(input({ region: 'ap-south-1' })))).toEqual([
      'region-unsupported',
    ]);
    const gptOss = llamaListing({
      config: { architectures: ['GptOssForCausalLM'] },
    });
    expect(
      codes(validateArtifacts(input({ region: 'us-west-2', listing: gptOss }))),
    ).toEqual(['architecture-region']);
    expect(
      validateArtifacts(input({ region: 'us-east-1', listing: gptOss })).valid,
    ).toBe(true);
  });

  it('applies the data-residency policy to the classification', () => {
    const report = validateArtifacts(
      input({
        classification: 'phi',
        region: 'eu-central-1',
        dataResidency: { phi: ['us-east-1', 'us-west-2'] },
      }),
    );
    expect(report.errors).toEqual([
      {
        code: 'residency',
        message:
          'Data classified phi may not be stored in eu-central-1 under the data-residency policy. Import it in us-east-1, us-west-2.',
      },
    ]);
    expect(
      validateArtifacts(
        input({ classification: 'internal', dataResidency: { phi: [] } }),
      ).valid,
    ).toBe(true);
  });

  it('checks quota headroom: full is an error, busy jobs and the last slot are warnings', () => {
    const full = validateArtifacts(
      input({
        quotas: {
          importedModels: { used: 3, limit: 3 },
          concurrentImportJobs: { used: 1, limit: 1 },
        },
      }),
    );
    expect(codes(full)).toEqual(['imported-models-quota']);
    expect(full.warnings.map(w => w.code)).toEqual(['import-jobs-busy']);
    const last = validateArtifacts(
      input({
        quotas: {
          importedModels: { used: 2, limit: 3 },
          concurrentImportJobs: { used: 0, limit: 1 },
        },
      }),
    );
    expect(last.valid).toBe(true);
    expect(last.warnings.map(w => w.code)).toEqual([
      'imported-models-quota-near',
    ]);
    expect(
      validateArtifacts(input({ quotas: undefined })).warnings.map(w => w.code),
    ).toEqual(['quotas-unknown']);
  });

  it('warns when Converse will not work for lack of a chat template', () => {
    const report = validateArtifacts(
      input({ listing: llamaListing({ tokenizerConfig: {} }) }),
    );
    expect(report.valid).toBe(true);
    expect(report.detected.converseSupported).toBe(false);
    expect(report.warnings.map(w => w.code)).toEqual(['no-chat-template']);
  });

  it('passes on a listing error as the one artifact problem', () => {
    const report = validateArtifacts(
      input({
        listing: { objects: [], listError: 'The bucket b does not exist.' },
      }),
    );
    expect(report.errors).toEqual([
      { code: 'artifacts-unreadable', message: 'The bucket b does not exist.' },
    ]);
  });
});

describe('validateArtifacts against the model in production', () => {
  const production = (
    architecture: string | undefined,
    region = 'us-east-1',
  ) => ({
    modelName: 'support-summarizer',
    alias: 'production',
    region,
    version: 2,
    architecture,
  });

  it('warns, without refusing, when the family differs from what production serves', () => {
    const report = validateArtifacts(
      input({ production: [production('mistral')] }),
    );
    expect(report.valid).toBe(true);
    expect(report.errors).toEqual([]);
    expect(report.warnings).toEqual([
      {
        code: 'architecture-changed',
        message:
          "support-summarizer's production version (v2 in us-east-1) is a mistral model; these artifacts are llama (LlamaForCausalLM). Callers' prompts, chat template and token limits may not carry over: evaluate the new version before you promote it to production.",
      },
    ]);
  });

  it('stays quiet for the same family (in any letter case), an unknown one, or no production version', () => {
    for (const served of [
      [production('llama')],
      [production('LLAMA')],
      [production(undefined)],
      [],
    ]) {
      expect(validateArtifacts(input({ production: served })).warnings).toEqual(
        [],
      );
    }
  });

  it('names every Region of a differing family in one warning, and each differing family apart', () => {
    const warnings = validateArtifacts(
      input({
        production: [
          production('mistral', 'us-east-1'),
          { ...production('mistral', 'eu-central-1'), version: 3 },
          production('qwen2', 'us-west-2'),
          production('llama', 'us-east-2'),
        ],
      }),
    ).warnings;
    expect(warnings.map(w => w.code)).toEqual([
      'architecture-changed',
      'architecture-changed',
    ]);
    expect(warnings[0].message).toContain(
      '(v2 in us-east-1, v3 in eu-central-1) is a mistral model',
    );
    expect(warnings[1].message).toContain('(v2 in us-west-2) is a qwen2 model');
  });

  it('does not compare what it could not detect', () => {
    const report = validateArtifacts(
      input({
        listing: llamaListing({ config: { architectures: ['Unknown'] } }),
        production: [production('mistral')],
      }),
    );
    expect(report.warnings.map(w => w.code)).not.toContain(
      'architecture-changed',
    );
  });
});

describe('estimateCustomModelUnits', () => {
  it.each([
    [1e9, 1],
    [8e9, 2],
    [14e9, 4],
    [70e9, 8],
    [120e9, 16],
  ])('%d parameters need %d CMUs', (parameters, cmus) => {
    expect(estimateCustomModelUnits(parameters)).toBe(cmus);
  });
});
