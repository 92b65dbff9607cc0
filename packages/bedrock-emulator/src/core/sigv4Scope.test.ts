import { readSigV4Scope } from './sigv4Scope';

describe('readSigV4Scope', () => {
  it('reads account key, date, Region and service from the credential scope', () => {
    expect(
      readSigV4Scope(
        'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261122/eu-central-1/bedrock/aws4_request, ' +
          'SignedHeaders=host;x-amz-date, Signature=abc',
      ),
    ).toEqual({
      accessKeyId: 'AKIDEXAMPLE',
      date: '20261122',
      region: 'eu-central-1',
      service: 'bedrock',
    });
  });

  it.each([
    undefined,
    '',
    'Bearer x',
    'AWS4-HMAC-SHA256 Credential=A/2026/us-east-1/s3',
  ])('returns undefined for %p', header => {
    expect(readSigV4Scope(header)).toBeUndefined();
  });
});
