import { parseS3Uri } from './s3Uri';

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

  it.each([
    ['https://my-models.s3.amazonaws.com/x/', 'is not an S3 URI'],
    ['s3://my-models', 'is not an S3 URI'],
    ['s3://My_Bucket/x/', 'is not a valid S3 bucket name'],
    ['s3://my-models/weights.safetensors', 'must end with "/"'],
  ])('refuses %p', (uri, message) => {
    const result = parseS3Uri(uri);
    expect(result).toEqual({ problem: expect.stringContaining(message) });
  });
});
