import {
  IMPORTED_MODEL_NAME,
  JOB_IDENTIFIER,
  JOB_NAME,
  MODEL_IDENTIFIER,
  S3_URI,
  TAGGABLE_ARN,
} from './bedrockPatterns';

/** Every string of length 1 to `maxLength` over `alphabet`. */
function corpus(alphabet: string[], maxLength: number): string[] {
  const all: string[] = [];
  let level = [''];
  for (let length = 1; length <= maxLength; length++) {
    level = level.flatMap(prefix => alphabet.map(c => prefix + c));
    all.push(...level);
  }
  return all;
}

// One character of each kind the patterns tell apart, and some they refuse.
const ALPHABET = ['a', 'Z', '7', '-', '_', '+', '.', ' ', '/', '='];

describe('service-model patterns checked in linear time', () => {
  // The service model's own texts, anchored: the reference the linear checks must agree with.
  const original = {
    jobName: /^[a-zA-Z0-9](-*[a-zA-Z0-9+\-.])*$/,
    modelName: /^([0-9a-zA-Z][_-]?)+$/,
  };

  it('JobName accepts and refuses exactly what the model pattern does (all strings up to 5 characters)', () => {
    const strings = corpus(ALPHABET, 5);
    expect(strings.length).toBeGreaterThan(100_000);
    const disagreements = strings.filter(
      s => JOB_NAME.matches(s) !== original.jobName.test(s),
    );
    expect(disagreements).toEqual([]);
    // Trailing hyphens are allowed: `-` is in the repeated class itself.
    expect(JOB_NAME.matches('a---')).toBe(true);
    expect(original.jobName.test('a---')).toBe(true);
  });

  it('ImportedModelName accepts and refuses exactly what the model pattern does (all strings up to 5 characters)', () => {
    const disagreements = corpus(ALPHABET, 5).filter(
      s => IMPORTED_MODEL_NAME.matches(s) !== original.modelName.test(s),
    );
    expect(disagreements).toEqual([]);
  });

  it('answers at once for the longest all-hyphen names, which hang the model regex', () => {
    // 63 characters is the longest name; the service model's regex backtracks 2^62 ways on it.
    const hyphens = `a${'-'.repeat(62)}`;
    expect(JOB_NAME.matches(hyphens)).toBe(true);
    expect(JOB_NAME.matches(`${hyphens}!`)).toBe(false);
    expect(JOB_IDENTIFIER.matches(`${'-'.repeat(1010)}!`)).toBe(false);
    const separators = `${'a_'.repeat(31)}a`;
    expect(IMPORTED_MODEL_NAME.matches(`${separators}!`)).toBe(false);
    expect(MODEL_IDENTIFIER.matches(`${'a-'.repeat(505)}!`)).toBe(false);
  });

  it('quotes the service model pattern text', () => {
    expect(JOB_NAME.source).toBe('[a-zA-Z0-9](-*[a-zA-Z0-9\\+\\-\\.])*');
    expect(IMPORTED_MODEL_NAME.source).toBe('([0-9a-zA-Z][_-]?)+');
  });

  it('takes job and model identifiers as ARNs of their kind or names', () => {
    const jobArn =
      'arn:aws:bedrock:us-east-1:123456789012:model-import-job/abcdefabcdef';
    const modelArn =
      'arn:aws:bedrock:us-east-1:123456789012:imported-model/abcdefabcdef';
    expect(JOB_IDENTIFIER.matches(jobArn)).toBe(true);
    expect(JOB_IDENTIFIER.matches('my-job.v1')).toBe(true);
    expect(JOB_IDENTIFIER.matches(modelArn)).toBe(false);
    expect(JOB_IDENTIFIER.matches('bad name')).toBe(false);
    expect(MODEL_IDENTIFIER.matches(modelArn)).toBe(true);
    expect(MODEL_IDENTIFIER.matches('my_model-v1')).toBe(true);
    expect(MODEL_IDENTIFIER.matches(jobArn)).toBe(false);
    expect(MODEL_IDENTIFIER.matches('my.model')).toBe(false);
  });

  it('takes taggable ARNs of Bedrock resources, refusing other text', () => {
    expect(
      TAGGABLE_ARN.matches(
        'arn:aws:bedrock:us-east-1:123456789012:imported-model/abcdefabcdef',
      ),
    ).toBe(true);
    expect(
      TAGGABLE_ARN.matches('arn:aws:s3:::bucket/key-of-twenty-chars'),
    ).toBe(false);
    expect(
      TAGGABLE_ARN.matches(
        'arn:aws:bedrock:us-east-1:123456789012:imported-model/ABC',
      ),
    ).toBe(false);
  });

  it.each([
    ['s3://bucket/prefix/', true],
    ['s3://bucket', true],
    ['s3://bucket/', true],
    ["s3://my.bucket-1/a/B/c_d/e!f*(g)'h.i/", true],
    ['s3://bucket/date=2026-01-01/', false],
    ['s3://bucket/a+b/', false],
    ['s3://bucket/a@b/', false],
    ['s3://bucket/a:b/', false],
    ['s3://bucket/a b/', false],
    ['s3://bucket//a/', false],
    ['s3://bucket/a//b/', false],
    ['s3://Bucket/a/', false],
    ['https://bucket/a/', false],
  ])('S3Uri %p: %p', (uri, ok) => {
    expect(S3_URI.matches(uri)).toBe(ok);
  });
});
