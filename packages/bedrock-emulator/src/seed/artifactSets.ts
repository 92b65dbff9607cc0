import { S3Store } from '../services/s3/S3Store';

/**
 * Files of one model's artifact set, by path below its S3 prefix.
 *
 * @public
 */
export type ArtifactSet = {
  files: Record<string, string | Buffer>;
  /** Object metadata per file, e.g. `emulated-size` for tiny weights standing in for big ones. */
  metadata?: Record<string, Record<string, string>>;
};

/** A minimal but valid safetensors file: an 8-byte header length, a JSON header, then the tensor data. */
export function tinySafetensors(tensorName = 'lm_head.weight'): Buffer {
  const data = Buffer.alloc(32);
  for (let i = 0; i < data.length; i++) data[i] = (i * 37) % 256;
  const header = Buffer.from(
    JSON.stringify({
      __metadata__: { format: 'pt' },
      [tensorName]: {
        dtype: 'BF16',
        shape: [4, 4],
        data_offsets: [0, data.length],
      },
    }),
  );
  const length = Buffer.alloc(8);
  length.writeBigUInt64LE(BigInt(header.length));
  return Buffer.concat([length, header, data]);
}

const LLAMA_CHAT_TEMPLATE =
  "{% for message in messages %}<|start_header_id|>{{ message['role'] }}<|end_header_id|>\n\n{{ message['content'] }}<|eot_id|>{% endfor %}{% if add_generation_prompt %}<|start_header_id|>assistant<|end_header_id|>\n\n{% endif %}";

const json = (value: unknown) => JSON.stringify(value, null, 2);

function tokenizerJson(): string {
  return json({
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: [],
    model: { type: 'BPE', vocab: { a: 0, b: 1 }, merges: [] },
  });
}

function weights(
  count: number,
  totalBytes: number,
): Pick<ArtifactSet, 'files' | 'metadata'> {
  const files: Record<string, Buffer> = {};
  const metadata: Record<string, Record<string, string>> = {};
  for (let i = 1; i <= count; i++) {
    const name = `model-${String(i).padStart(5, '0')}-of-${String(
      count,
    ).padStart(5, '0')}.safetensors`;
    files[name] = tinySafetensors(`model.layers.${i}.weight`);
    metadata[name] = {
      'emulated-size': String(Math.round(totalBytes / count)),
    };
  }
  return { files, metadata };
}

/**
 * A Llama 3.1 8B Instruct fine-tune (16 GB of bf16 weights, 128K context, chat template).
 *
 * @public
 */
export function llama31_8bArtifacts(
  overrides: Record<string, unknown> = {},
): ArtifactSet {
  const w = weights(4, 16_060_000_000);
  return {
    files: {
      'config.json': json({
        architectures: ['LlamaForCausalLM'],
        model_type: 'llama',
        hidden_size: 4096,
        intermediate_size: 14336,
        num_hidden_layers: 32,
        num_attention_heads: 32,
        num_key_value_heads: 8,
        max_position_embeddings: 131072,
        vocab_size: 128256,
        rope_theta: 500000,
        torch_dtype: 'bfloat16',
        tie_word_embeddings: false,
        ...overrides,
      }),
      'tokenizer_config.json': json({
        bos_token: '<|begin_of_text|>',
        eos_token: '<|eot_id|>',
        chat_template: LLAMA_CHAT_TEMPLATE,
        model_max_length: 131072,
      }),
      'tokenizer.json': tokenizerJson(),
      'generation_config.json': json({
        bos_token_id: 128000,
        eos_token_id: [128001, 128009],
        temperature: 0.6,
        top_p: 0.9,
      }),
      ...w.files,
    },
    metadata: w.metadata,
  };
}

/**
 * A Mistral 7B Instruct v0.3 fine-tune (14.5 GB, 32K context, chat template, tokenizer.model).
 *
 * @public
 */
export function mistral7bArtifacts(): ArtifactSet {
  const w = weights(3, 14_500_000_000);
  return {
    files: {
      'config.json': json({
        architectures: ['MistralForCausalLM'],
        model_type: 'mistral',
        hidden_size: 4096,
        intermediate_size: 14336,
        num_hidden_layers: 32,
        num_attention_heads: 32,
        num_key_value_heads: 8,
        max_position_embeddings: 32768,
        vocab_size: 32768,
        torch_dtype: 'bfloat16',
      }),
      'tokenizer_config.json': json({
        bos_token: '<s>',
        eos_token: '</s>',
        chat_template:
          "{{ bos_token }}{% for m in messages %}[INST] {{ m['content'] }} [/INST]{% endfor %}",
      }),
      'tokenizer.model': Buffer.from('emulated sentencepiece model'),
      ...w.files,
    },
    metadata: w.metadata,
  };
}

/**
 * A Qwen2.5 7B Instruct fine-tune: chat over InvokeModel, but no Converse (as AWS documents).
 *
 * @public
 */
export function qwen25_7bArtifacts(): ArtifactSet {
  const w = weights(4, 15_230_000_000);
  return {
    files: {
      'config.json': json({
        architectures: ['Qwen2ForCausalLM'],
        model_type: 'qwen2',
        hidden_size: 3584,
        intermediate_size: 18944,
        num_hidden_layers: 28,
        num_attention_heads: 28,
        num_key_value_heads: 4,
        max_position_embeddings: 32768,
        vocab_size: 152064,
        torch_dtype: 'bfloat16',
      }),
      'tokenizer_config.json': json({
        eos_token: '<|im_end|>',
        chat_template:
          "{% for m in messages %}<|im_start|>{{ m['role'] }}\n{{ m['content'] }}<|im_end|>\n{% endfor %}",
      }),
      'tokenizer.json': tokenizerJson(),
      'vocab.json': json({ a: 0 }),
      'merges.txt': '#version: 0.2\n',
      ...w.files,
    },
    metadata: w.metadata,
  };
}

/**
 * A broken set: the tokenizer files were never uploaded, so an import fails.
 *
 * @public
 */
export function brokenArtifacts(): ArtifactSet {
  const set = llama31_8bArtifacts();
  delete set.files['tokenizer.json'];
  delete set.files['tokenizer_config.json'];
  return set;
}

/** Writes an artifact set under `s3://<bucket>/<prefix>`; the bucket must exist. */
export function stageArtifacts(
  s3: S3Store,
  bucket: string,
  prefix: string,
  set: ArtifactSet,
  now: number,
): void {
  for (const [name, content] of Object.entries(set.files)) {
    const body = typeof content === 'string' ? Buffer.from(content) : content;
    s3.putObject(bucket, `${prefix}${name}`, body, now, {
      contentType: name.endsWith('.json')
        ? 'application/json'
        : 'binary/octet-stream',
      metadata: set.metadata?.[name],
    });
  }
}
