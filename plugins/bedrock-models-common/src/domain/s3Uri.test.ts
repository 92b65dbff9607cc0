import { parseS3Uri, S3_URI_FORM_PATTERN } from './s3Uri';

describe('parseS3Uri', () => {
  it('splits bucket and prefix', () => {
    expect(parseS3Uri('s3://my-models/llama/v2/')).toEqual({
      location: { bucket: 'my-models', prefix: 'llama/v2/' },
    });
  });

  it('accepts a whole bucket', () => {
    expect(parseS3Uri('s3://my-models/')).toEqual({
      location: { bucket: 'my-models', prefix: '' },
    });
  });

  it("accepts every character Bedrock's S3Uri pattern allows in a path segment", () => {
    expect(parseS3Uri("s3://my.models-1/Llama_3.1/v(2)/a-b!c*d'e/")).toEqual({
      location: { bucket: 'my.models-1', prefix: "Llama_3.1/v(2)/a-b!c*d'e/" },
    });
  });

  it.each([
    [
      'an https URL',
      'https://my-models.s3.amazonaws.com/x/',
      'is not an S3 URI',
    ],
    ['a bucket without "/"', 's3://my-models', 'is not an S3 URI'],
    ['a bad bucket name', 's3://My_Bucket/x/', 'is not a valid S3 bucket name'],
    ['a file', 's3://my-models/weights.safetensors', 'must end with "/"'],
    [
      'a URI over 1024 characters',
      `s3://my-models/${'a/'.repeat(510)}`,
      'Bedrock accepts at most 1024',
    ],
  ])('refuses %s', (_case, uri, message) => {
    const result = parseS3Uri(uri);
    expect(result).toEqual({ problem: expect.stringContaining(message) });
  });

  it('names the character Bedrock does not allow and the folder to rename', () => {
    expect(parseS3Uri('s3://my-models/runs/date=2026-01-01/')).toEqual({
      problem:
        '"=" is not allowed in S3 path segments of an import source (AWS allows letters, digits and - ! _ * \' ( ) .); rename the folder "date=2026-01-01" in s3://my-models/runs/date=2026-01-01/.',
    });
  });

  it.each([
    ['s3://my-models/a+b/', '"+" is not allowed', 'rename the folder "a+b"'],
    ['s3://my-models/me@team/', '"@" is not allowed', '"me@team"'],
    ['s3://my-models/v1:final/', '":" is not allowed', '"v1:final"'],
    ['s3://my-models/my model/', '" " (a space) is not allowed', '"my model"'],
    ['s3://my-models/tab\there/', '"\\u0009" (white space)', '"tab\there"'],
    ['s3://my-models/modèle/', '"è" is not allowed', '"modèle"'],
    ['s3://my-models/ok/x=1', '"=" is not allowed', '"x=1"'],
  ])('refuses %p, naming the character', (uri, character, folder) => {
    const result = parseS3Uri(uri);
    expect(result).toEqual({ problem: expect.stringContaining(character) });
    expect(result).toEqual({ problem: expect.stringContaining(folder) });
  });

  it.each(['s3://my-models//llama/', 's3://my-models/llama//v1/'])(
    'refuses the empty path segment in %p',
    uri => {
      expect(parseS3Uri(uri)).toEqual({
        problem: expect.stringContaining('has an empty path segment ("//")'),
      });
    },
  );
});

describe('S3_URI_FORM_PATTERN', () => {
  // JSON schema patterns are ECMA-262 regular expressions; ajv compiles them with the u flag.
  const formAccepts = (uri: string) =>
    uri.length <= 1024 && new RegExp(S3_URI_FORM_PATTERN, 'u').test(uri);

  it.each([
    's3://my-models/llama/v2/',
    's3://my-models/',
    "s3://my.models-1/Llama_3.1/v(2)/a-b!c*d'e/",
    's3://abc/x/',
    'https://my-models.s3.amazonaws.com/x/',
    's3://my-models',
    's3://My_Bucket/x/',
    's3://ab/x/',
    `s3://${'a'.repeat(64)}/x/`,
    's3://-models/x/',
    's3://models-/x/',
    's3://my-models/weights.safetensors',
    's3://my-models/llama//v2/',
    's3://my-models/runs/date=2026-01-01/',
    's3://my-models/a+b/',
    's3://my-models/my model/',
    's3://my-models/tab\there/',
    's3://my-models/modèle/',
    's3://my-models/ok/x=1',
    's3://my-models/ok/\n/',
    ' s3://my-models/x/',
    's3://my-models/x/ ',
  ])('agrees with parseS3Uri on %p', uri => {
    expect(formAccepts(uri)).toBe('location' in parseS3Uri(uri));
  });

  it('agrees on the length limit, with maxLength 1024 beside it', () => {
    for (const uri of [
      `s3://my-models/${'a/'.repeat(504)}`,
      `s3://my-models/${'a/'.repeat(510)}`,
    ]) {
      expect(formAccepts(uri)).toBe('location' in parseS3Uri(uri));
    }
    expect(formAccepts(`s3://my-models/${'a/'.repeat(504)}`)).toBe(true);
  });
});
