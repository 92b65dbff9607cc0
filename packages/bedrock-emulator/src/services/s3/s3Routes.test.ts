import { EmulatorRequest } from '../../core/EmulatorRequest';
import { resolveS3Route, splitS3Path } from './s3Routes';

function request(
  method: string,
  target: string,
  headers: Record<string, string> = {},
) {
  const url = new URL(target, 'http://emulator');
  return {
    method,
    rawPath: url.pathname,
    query: url.searchParams,
    headers,
  } as EmulatorRequest;
}

describe('splitS3Path', () => {
  it('splits bucket and key, keeping empty segments and a trailing slash in the key', () => {
    expect(splitS3Path('/')).toEqual({});
    expect(splitS3Path('/bucket')).toEqual({ bucket: 'bucket' });
    expect(splitS3Path('/bucket/')).toEqual({
      bucket: 'bucket',
      key: undefined,
    });
    expect(splitS3Path('/bucket/a//b/')).toEqual({
      bucket: 'bucket',
      key: 'a//b/',
    });
    expect(splitS3Path('/bucket/with%20space%2Bplus/%C3%BC')).toEqual({
      bucket: 'bucket',
      key: 'with space+plus/ü',
    });
  });
});

describe('resolveS3Route', () => {
  it.each([
    ['GET', '/?x-id=ListBuckets', 'ListBuckets'],
    ['PUT', '/bucket', 'CreateBucket'],
    ['HEAD', '/bucket', 'HeadBucket'],
    ['DELETE', '/bucket', 'DeleteBucket'],
    ['GET', '/bucket?list-type=2&prefix=a', 'ListObjectsV2'],
    ['GET', '/bucket?location', 'GetBucketLocation'],
    ['PUT', '/bucket/a/b?x-id=PutObject', 'PutObject'],
    ['GET', '/bucket/a/b?x-id=GetObject&response-content-type=x', 'GetObject'],
    ['HEAD', '/bucket/a/b', 'HeadObject'],
    ['DELETE', '/bucket/a/b?x-id=DeleteObject', 'DeleteObject'],
  ])('routes %s %s to %s', (method, target, operation) => {
    expect(resolveS3Route(request(method, target)).operation).toBe(operation);
  });

  it.each([
    ['GET', '/bucket', /ListObjects \(version 1\)/],
    ['GET', '/bucket?list-type=1', /list-type=1/],
    ['PUT', '/bucket?tagging', /\?tagging/],
    ['GET', '/bucket/key?acl', /\?acl/],
    ['PUT', '/bucket/key?partNumber=1&uploadId=x', /\?partNumber\?uploadId/],
    ['POST', '/bucket/key?uploads', /\?uploads/],
    ['POST', '/', /POST \//],
  ])(
    'names what %s %s asks for when the emulator lacks it',
    (method, target, what) => {
      const route = resolveS3Route(request(method, target));
      expect(route.operation).toBe('Unsupported');
      expect(route.operation === 'Unsupported' && route.what).toMatch(what);
    },
  );

  it('treats PUT with x-amz-copy-source as CopyObject', () => {
    const route = resolveS3Route(
      request('PUT', '/bucket/key', { 'x-amz-copy-source': 'b/k' }),
    );
    expect(route).toEqual({
      operation: 'Unsupported',
      what: 'CopyObject (x-amz-copy-source)',
    });
  });
});
