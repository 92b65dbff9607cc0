import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import {
  BucketAlreadyExists,
  BucketAlreadyOwnedByYou,
  BucketLocationConstraint,
  CreateBucketCommand,
  DeleteBucketCommand,
  DeleteObjectCommand,
  GetBucketLocationCommand,
  GetObjectCommand,
  GetObjectTaggingCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListBucketsCommand,
  ListObjectsCommand,
  ListObjectsV2Command,
  CopyObjectCommand,
  NoSuchBucket,
  NoSuchKey,
  NotFound,
  paginateListBuckets,
  paginateListObjectsV2,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { RunningEmulator, startEmulator } from '../../startEmulator';

const OTHER_ACCOUNT = '111122223333';

/** The typed or named S3 error a promise rejects with. */
async function s3Error(promise: Promise<unknown>): Promise<S3ServiceException> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(S3ServiceException);
    return error as S3ServiceException;
  }
  throw new Error('expected the call to fail');
}

describe('S3 through the real S3Client', () => {
  let emulator: RunningEmulator;
  let s3: S3Client;
  let s3Eu: S3Client;
  let s3Other: S3Client;

  const client = (region: string, accessKeyId = 'test', extra: object = {}) =>
    new S3Client({
      endpoint: emulator.endpoint,
      region,
      forcePathStyle: true,
      credentials: { accessKeyId, secretAccessKey: 'test' },
      maxAttempts: 1,
      ...extra,
    });

  /** A request the emulator routes like a signed one (it reads the scope, not the signature). */
  const rawRequest = (
    path: string,
    init: RequestInit & { region?: string } = {},
  ) =>
    fetch(`${emulator.endpoint}${path}`, {
      ...init,
      headers: {
        authorization: `AWS4-HMAC-SHA256 Credential=test/20260101/${
          init.region ?? 'us-east-1'
        }/s3/aws4_request, SignedHeaders=host, Signature=0`,
        ...(init.headers as Record<string, string>),
      },
    });

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
    s3 = client('us-east-1');
    s3Eu = client('eu-west-1');
    s3Other = client('us-east-1', OTHER_ACCOUNT);
  });

  afterAll(async () => {
    s3.destroy();
    s3Eu.destroy();
    s3Other.destroy();
    await emulator.close();
  });

  describe('buckets', () => {
    it('creates a bucket in us-east-1 without a configuration and answers its path', async () => {
      const created = await s3.send(
        new CreateBucketCommand({ Bucket: 'artifacts' }),
      );
      expect(created.Location).toBe('/artifacts');
      const head = await s3.send(
        new HeadBucketCommand({ Bucket: 'artifacts' }),
      );
      expect(head.BucketRegion).toBe('us-east-1');
      const location = await s3.send(
        new GetBucketLocationCommand({ Bucket: 'artifacts' }),
      );
      expect(location.LocationConstraint).toBeUndefined();
    });

    it('creates a bucket in the client Region through the LocationConstraint the SDK adds', async () => {
      const created = await s3Eu.send(
        new CreateBucketCommand({ Bucket: 'eu-models' }),
      );
      expect(created.Location).toBe('http://eu-models.s3.amazonaws.com/');
      const location = await s3.send(
        new GetBucketLocationCommand({ Bucket: 'eu-models' }),
      );
      expect(location.LocationConstraint).toBe('eu-west-1');
    });

    it('refuses a LocationConstraint other than the signing Region', async () => {
      const error = await s3Error(
        s3.send(
          new CreateBucketCommand({
            Bucket: 'misplaced',
            CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' },
          }),
        ),
      );
      expect(error.name).toBe('IllegalLocationConstraintException');
      expect(error.$metadata.httpStatusCode).toBe(400);
      expect(error.message).toContain(
        'eu-west-1 location constraint is incompatible',
      );
    });

    it('refuses a missing LocationConstraint outside us-east-1', async () => {
      const res = await rawRequest('/no-constraint', {
        method: 'PUT',
        region: 'us-west-2',
      });
      expect(res.status).toBe(400);
      const text = await res.text();
      expect(text).toContain('<Code>IllegalLocationConstraintException</Code>');
      expect(text).toContain('The unspecified location constraint');
    });

    it('refuses us-east-1 spelled out as a LocationConstraint', async () => {
      const error = await s3Error(
        s3.send(
          new CreateBucketCommand({
            Bucket: 'explicit-east',
            // The SDK's type leaves us-east-1 out, because S3 refuses it.
            CreateBucketConfiguration: {
              LocationConstraint:
                'us-east-1' as string as BucketLocationConstraint,
            },
          }),
        ),
      );
      expect(error.name).toBe('InvalidLocationConstraint');
    });

    it('answers MalformedXML for a configuration that is not one', async () => {
      const res = await rawRequest('/bad-xml', {
        method: 'PUT',
        body: '<CreateBucketConfiguration><LocationConstraint>',
      });
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toBe('application/xml');
      expect(await res.text()).toContain('<Code>MalformedXML</Code>');
    });

    it.each([
      'ab',
      'Upper-Case',
      'under_score',
      '-leading',
      'two..dots',
      '192.168.0.1',
      'x'.repeat(64),
    ])('refuses the bucket name %p with InvalidBucketName', async name => {
      const error = await s3Error(
        s3.send(new CreateBucketCommand({ Bucket: name })),
      );
      expect(error.name).toBe('InvalidBucketName');
      expect(error.$metadata.httpStatusCode).toBe(400);
    });

    it('answers BucketAlreadyOwnedByYou to the owner and BucketAlreadyExists to others', async () => {
      await expect(
        s3.send(new CreateBucketCommand({ Bucket: 'artifacts' })),
      ).rejects.toBeInstanceOf(BucketAlreadyOwnedByYou);
      await expect(
        s3Other.send(new CreateBucketCommand({ Bucket: 'artifacts' })),
      ).rejects.toBeInstanceOf(BucketAlreadyExists);
    });

    it('lists only the caller account buckets, with creation dates as Dates', async () => {
      await s3Other.send(
        new CreateBucketCommand({ Bucket: 'other-account-bucket' }),
      );
      const mine = await s3.send(new ListBucketsCommand({}));
      const names = mine.Buckets?.map(b => b.Name);
      expect(names).toEqual(expect.arrayContaining(['artifacts', 'eu-models']));
      expect(names).not.toContain('other-account-bucket');
      expect(mine.Buckets?.[0].CreationDate).toBeInstanceOf(Date);
      expect(mine.Owner?.ID).toMatch(/^[0-9a-f]{64}$/);
      const theirs = await s3Other.send(new ListBucketsCommand({}));
      expect(theirs.Buckets?.map(b => b.Name)).toEqual([
        'other-account-bucket',
      ]);
    });

    it('pages and filters ListBuckets', async () => {
      for (const name of ['page-a', 'page-b', 'page-c']) {
        await s3.send(new CreateBucketCommand({ Bucket: name }));
      }
      const pages = [];
      for await (const page of paginateListBuckets(
        { client: s3, pageSize: 2 },
        { Prefix: 'page-' },
      )) {
        pages.push(page.Buckets?.map(b => b.Name));
        expect(page.Prefix).toBe('page-');
      }
      expect(pages).toEqual([['page-a', 'page-b'], ['page-c']]);
      const east = await s3.send(
        new ListBucketsCommand({ BucketRegion: 'eu-west-1' }),
      );
      expect(east.Buckets?.map(b => [b.Name, b.BucketRegion])).toEqual([
        ['eu-models', 'eu-west-1'],
      ]);
    });

    it('answers HeadBucket errors without a body, as NotFound for a missing bucket', async () => {
      await expect(
        s3.send(new HeadBucketCommand({ Bucket: 'nowhere' })),
      ).rejects.toBeInstanceOf(NotFound);
      const denied = await s3Error(
        s3Other.send(new HeadBucketCommand({ Bucket: 'artifacts' })),
      );
      expect(denied.$metadata.httpStatusCode).toBe(403);
    });

    it('redirects a request signed for another Region than the bucket, and the SDK can follow it', async () => {
      const error = await s3Error(
        s3.send(new ListObjectsV2Command({ Bucket: 'eu-models' })),
      );
      expect(error.name).toBe('PermanentRedirect');
      expect(error.$metadata.httpStatusCode).toBe(301);
      const following = client('us-east-1', 'test', {
        followRegionRedirects: true,
      });
      const listed = await following.send(
        new ListObjectsV2Command({ Bucket: 'eu-models' }),
      );
      expect(listed.Name).toBe('eu-models');
      following.destroy();
    });

    it('deletes an empty bucket and refuses a bucket with objects', async () => {
      await s3.send(new CreateBucketCommand({ Bucket: 'short-lived' }));
      await s3.send(
        new PutObjectCommand({ Bucket: 'short-lived', Key: 'k', Body: 'v' }),
      );
      const notEmpty = await s3Error(
        s3.send(new DeleteBucketCommand({ Bucket: 'short-lived' })),
      );
      expect(notEmpty.name).toBe('BucketNotEmpty');
      expect(notEmpty.$metadata.httpStatusCode).toBe(409);
      await s3.send(
        new DeleteObjectCommand({ Bucket: 'short-lived', Key: 'k' }),
      );
      const deleted = await s3.send(
        new DeleteBucketCommand({ Bucket: 'short-lived' }),
      );
      expect(deleted.$metadata.httpStatusCode).toBe(204);
      await expect(
        s3.send(new DeleteBucketCommand({ Bucket: 'short-lived' })),
      ).rejects.toBeInstanceOf(NoSuchBucket);
    });
  });

  describe('objects', () => {
    it('round-trips a text body sent as a string, with its headers', async () => {
      const text = 'Grüße, S3 — "quoted" & <tagged>\r\nsecond line\n';
      const put = await s3.send(
        new PutObjectCommand({
          Bucket: 'artifacts',
          Key: 'docs/readme.txt',
          Body: text,
          ContentType: 'text/plain; charset=utf-8',
          CacheControl: 'max-age=60',
          ContentDisposition: 'attachment; filename="readme.txt"',
          Metadata: { Purpose: 'contract-test', owner: 'platform' },
        }),
      );
      const md5 = createHash('md5').update(text).digest('hex');
      expect(put.ETag).toBe(`"${md5}"`);
      expect(put.ServerSideEncryption).toBe('AES256');

      const got = await s3.send(
        new GetObjectCommand({ Bucket: 'artifacts', Key: 'docs/readme.txt' }),
      );
      expect(await got.Body?.transformToString()).toBe(text);
      expect(got.ContentType).toBe('text/plain; charset=utf-8');
      expect(got.ContentLength).toBe(Buffer.byteLength(text));
      expect(got.ETag).toBe(`"${md5}"`);
      expect(got.LastModified).toBeInstanceOf(Date);
      expect(got.CacheControl).toBe('max-age=60');
      expect(got.ContentDisposition).toBe('attachment; filename="readme.txt"');
      expect(got.Metadata).toEqual({
        purpose: 'contract-test',
        owner: 'platform',
      });
      expect(got.AcceptRanges).toBe('bytes');
    });

    it('round-trips a binary body byte for byte', async () => {
      const bytes = Buffer.concat([
        Buffer.from(Array.from({ length: 256 }, (_, i) => i)),
        randomBytes(100_000),
      ]);
      await s3.send(
        new PutObjectCommand({
          Bucket: 'artifacts',
          Key: 'bin/weights.safetensors',
          Body: bytes,
        }),
      );
      const got = await s3.send(
        new GetObjectCommand({
          Bucket: 'artifacts',
          Key: 'bin/weights.safetensors',
        }),
      );
      expect(
        Buffer.from(await got.Body!.transformToByteArray()).equals(bytes),
      ).toBe(true);
      expect(got.ContentType).toBe('application/octet-stream');
    });

    it('decodes an aws-chunked streaming upload with a trailing checksum and returns it on request', async () => {
      const bytes = randomBytes(300_000);
      const put = await s3.send(
        new PutObjectCommand({
          Bucket: 'artifacts',
          Key: 'stream/model.bin',
          Body: Readable.from([
            bytes.subarray(0, 70_000),
            bytes.subarray(70_000),
          ]),
          ContentLength: bytes.length,
          ContentEncoding: 'gzip',
        }),
      );
      expect(put.ChecksumCRC32).toMatch(/^[A-Za-z0-9+/]{6}==$/);
      expect(put.ChecksumType).toBe('FULL_OBJECT');
      const got = await s3.send(
        new GetObjectCommand({
          Bucket: 'artifacts',
          Key: 'stream/model.bin',
          ChecksumMode: 'ENABLED',
        }),
      );
      // The SDK validates the body against the returned checksum while reading it.
      expect(got.ChecksumCRC32).toBe(put.ChecksumCRC32);
      expect(
        Buffer.from(await got.Body!.transformToByteArray()).equals(bytes),
      ).toBe(true);
      // aws-chunked is transport framing; only the caller's own coding is stored.
      expect(got.ContentEncoding).toBe('gzip');
    });

    it.each(['CRC32C', 'CRC64NVME', 'SHA1', 'SHA256'] as const)(
      'verifies and echoes a %s checksum',
      async algorithm => {
        const put = await s3.send(
          new PutObjectCommand({
            Bucket: 'artifacts',
            Key: `checksums/${algorithm}`,
            Body: 'checksummed content',
            ChecksumAlgorithm: algorithm,
          }),
        );
        const field = `Checksum${algorithm}` as const;
        expect(put[field]).toBeDefined();
        const head = await s3.send(
          new HeadObjectCommand({
            Bucket: 'artifacts',
            Key: `checksums/${algorithm}`,
            ChecksumMode: 'ENABLED',
          }),
        );
        expect(head[field]).toBe(put[field]);
        const listed = await s3.send(
          new ListObjectsV2Command({
            Bucket: 'artifacts',
            Prefix: `checksums/${algorithm}`,
          }),
        );
        expect(listed.Contents?.[0].ChecksumAlgorithm).toEqual([algorithm]);
      },
    );

    it('refuses a body whose checksum or Content-MD5 does not match', async () => {
      const badChecksum = await s3Error(
        s3.send(
          new PutObjectCommand({
            Bucket: 'artifacts',
            Key: 'corrupt',
            Body: 'payload',
            ChecksumCRC32: 'AAAAAA==',
          }),
        ),
      );
      expect(badChecksum.name).toBe('BadDigest');
      expect(badChecksum.message).toBe(
        'The CRC32 you specified did not match the calculated checksum.',
      );
      const badMd5 = await s3Error(
        s3.send(
          new PutObjectCommand({
            Bucket: 'artifacts',
            Key: 'corrupt',
            Body: 'payload',
            ContentMD5: createHash('md5').update('other').digest('base64'),
          }),
        ),
      );
      expect(badMd5.name).toBe('BadDigest');
      await expect(
        s3.send(new HeadObjectCommand({ Bucket: 'artifacts', Key: 'corrupt' })),
      ).rejects.toBeInstanceOf(NotFound);
    });

    it('refuses a truncated aws-chunked body', async () => {
      const res = await rawRequest('/artifacts/truncated', {
        method: 'PUT',
        headers: {
          'content-encoding': 'aws-chunked',
          'x-amz-content-sha256': 'STREAMING-UNSIGNED-PAYLOAD-TRAILER',
          'x-amz-decoded-content-length': '10',
        },
        body: 'a\r\nonly5',
      });
      expect(res.status).toBe(400);
      expect(await res.text()).toContain('<Code>IncompleteBody</Code>');
    });

    it('keeps keys with slashes, spaces, unicode, empty segments and a trailing slash', async () => {
      const keys = [
        'deep/a/b/c.json',
        'with space+plus.txt',
        'ünï/cødé ✓',
        'double//slash',
        'folder/',
      ];
      for (const key of keys) {
        await s3.send(
          new PutObjectCommand({ Bucket: 'artifacts', Key: key, Body: key }),
        );
      }
      for (const key of keys) {
        const got = await s3.send(
          new GetObjectCommand({ Bucket: 'artifacts', Key: key }),
        );
        expect(await got.Body?.transformToString()).toBe(key);
      }
    });

    it('answers NoSuchKey and NoSuchBucket with their details', async () => {
      const missingKey = await s3Error(
        s3.send(
          new GetObjectCommand({ Bucket: 'artifacts', Key: 'nope/none.txt' }),
        ),
      );
      expect(missingKey).toBeInstanceOf(NoSuchKey);
      expect(missingKey.message).toBe('The specified key does not exist.');
      expect((missingKey as NoSuchKey & { Key?: string }).Key).toBe(
        'nope/none.txt',
      );
      expect(missingKey.$metadata.requestId).toBeDefined();
      const missingBucket = await s3Error(
        s3.send(new GetObjectCommand({ Bucket: 'no-such-bucket', Key: 'k' })),
      );
      expect(missingBucket).toBeInstanceOf(NoSuchBucket);
      expect(
        (missingBucket as NoSuchBucket & { BucketName?: string }).BucketName,
      ).toBe('no-such-bucket');
      await expect(
        s3.send(
          new PutObjectCommand({
            Bucket: 'no-such-bucket',
            Key: 'k',
            Body: 'v',
          }),
        ),
      ).rejects.toBeInstanceOf(NoSuchBucket);
    });

    it('answers HeadObject with the object headers and no body', async () => {
      const head = await s3.send(
        new HeadObjectCommand({ Bucket: 'artifacts', Key: 'docs/readme.txt' }),
      );
      expect(head.ContentLength).toBeGreaterThan(0);
      expect(head.ContentType).toBe('text/plain; charset=utf-8');
      expect(head.LastModified).toBeInstanceOf(Date);
      expect(head.Metadata).toEqual({
        purpose: 'contract-test',
        owner: 'platform',
      });
      await expect(
        s3.send(new HeadObjectCommand({ Bucket: 'artifacts', Key: 'missing' })),
      ).rejects.toBeInstanceOf(NotFound);
      await expect(
        s3.send(
          new HeadObjectCommand({ Bucket: 'no-such-bucket', Key: 'missing' }),
        ),
      ).rejects.toBeInstanceOf(NotFound);
    });

    it('serves byte ranges and refuses unsatisfiable ones', async () => {
      await s3.send(
        new PutObjectCommand({
          Bucket: 'artifacts',
          Key: 'range.txt',
          Body: '0123456789',
        }),
      );
      const part = await s3.send(
        new GetObjectCommand({
          Bucket: 'artifacts',
          Key: 'range.txt',
          Range: 'bytes=2-5',
        }),
      );
      expect(part.$metadata.httpStatusCode).toBe(206);
      expect(part.ContentRange).toBe('bytes 2-5/10');
      expect(await part.Body?.transformToString()).toBe('2345');
      const head = await s3.send(
        new HeadObjectCommand({ Bucket: 'artifacts', Key: 'range.txt' }),
      );
      expect(head.ContentLength).toBe(10);
      const headPart = await s3.send(
        new HeadObjectCommand({
          Bucket: 'artifacts',
          Key: 'range.txt',
          Range: 'bytes=0-3',
        }),
      );
      expect(headPart.ContentLength).toBe(4);
      const suffix = await s3.send(
        new GetObjectCommand({
          Bucket: 'artifacts',
          Key: 'range.txt',
          Range: 'bytes=-3',
        }),
      );
      expect(await suffix.Body?.transformToString()).toBe('789');
      const error = await s3Error(
        s3.send(
          new GetObjectCommand({
            Bucket: 'artifacts',
            Key: 'range.txt',
            Range: 'bytes=10-',
          }),
        ),
      );
      expect(error.name).toBe('InvalidRange');
      expect(error.$metadata.httpStatusCode).toBe(416);
    });

    it('honours conditional reads and writes', async () => {
      const { ETag } = await s3.send(
        new HeadObjectCommand({ Bucket: 'artifacts', Key: 'range.txt' }),
      );
      const matched = await s3.send(
        new GetObjectCommand({
          Bucket: 'artifacts',
          Key: 'range.txt',
          IfMatch: ETag,
        }),
      );
      expect(await matched.Body?.transformToString()).toBe('0123456789');
      const notModified = await s3Error(
        s3.send(
          new GetObjectCommand({
            Bucket: 'artifacts',
            Key: 'range.txt',
            IfNoneMatch: ETag,
          }),
        ),
      );
      expect(notModified.$metadata.httpStatusCode).toBe(304);
      const failed = await s3Error(
        s3.send(
          new GetObjectCommand({
            Bucket: 'artifacts',
            Key: 'range.txt',
            IfMatch: '"0000"',
          }),
        ),
      );
      expect(failed.name).toBe('PreconditionFailed');
      expect(failed.$metadata.httpStatusCode).toBe(412);
      const noOverwrite = await s3Error(
        s3.send(
          new PutObjectCommand({
            Bucket: 'artifacts',
            Key: 'range.txt',
            Body: 'x',
            IfNoneMatch: '*',
          }),
        ),
      );
      expect(noOverwrite.name).toBe('PreconditionFailed');
      await s3.send(
        new PutObjectCommand({
          Bucket: 'artifacts',
          Key: 'fresh.txt',
          Body: 'x',
          IfNoneMatch: '*',
        }),
      );
    });

    it('applies response header overrides', async () => {
      const got = await s3.send(
        new GetObjectCommand({
          Bucket: 'artifacts',
          Key: 'range.txt',
          ResponseContentType: 'application/x-custom',
          ResponseContentDisposition: 'inline',
        }),
      );
      expect(got.ContentType).toBe('application/x-custom');
      expect(got.ContentDisposition).toBe('inline');
    });

    it('denies another account and redirects another Region', async () => {
      const denied = await s3Error(
        s3Other.send(
          new GetObjectCommand({ Bucket: 'artifacts', Key: 'range.txt' }),
        ),
      );
      expect(denied.name).toBe('AccessDenied');
      expect(denied.$metadata.httpStatusCode).toBe(403);
      const redirected = await s3Error(
        s3Eu.send(
          new GetObjectCommand({ Bucket: 'artifacts', Key: 'range.txt' }),
        ),
      );
      expect(redirected.name).toBe('PermanentRedirect');
    });

    it('deletes objects, treats a missing key as deleted, and refuses a missing bucket', async () => {
      await s3.send(
        new PutObjectCommand({
          Bucket: 'artifacts',
          Key: 'temp.txt',
          Body: 'x',
        }),
      );
      const deleted = await s3.send(
        new DeleteObjectCommand({ Bucket: 'artifacts', Key: 'temp.txt' }),
      );
      expect(deleted.$metadata.httpStatusCode).toBe(204);
      await expect(
        s3.send(new GetObjectCommand({ Bucket: 'artifacts', Key: 'temp.txt' })),
      ).rejects.toBeInstanceOf(NoSuchKey);
      const again = await s3.send(
        new DeleteObjectCommand({ Bucket: 'artifacts', Key: 'temp.txt' }),
      );
      expect(again.$metadata.httpStatusCode).toBe(204);
      await expect(
        s3.send(
          new DeleteObjectCommand({ Bucket: 'no-such-bucket', Key: 'k' }),
        ),
      ).rejects.toBeInstanceOf(NoSuchBucket);
    });

    it('answers 501 NotImplemented for operations the emulator lacks', async () => {
      for (const command of [
        new GetObjectTaggingCommand({ Bucket: 'artifacts', Key: 'range.txt' }),
        new CopyObjectCommand({
          Bucket: 'artifacts',
          Key: 'copy.txt',
          CopySource: 'artifacts/range.txt',
        }),
        new ListObjectsCommand({ Bucket: 'artifacts' }),
      ]) {
        const error = await s3Error(s3.send(command as never));
        expect(error.name).toBe('NotImplemented');
        expect(error.$metadata.httpStatusCode).toBe(501);
      }
    });
  });

  describe('ListObjectsV2', () => {
    const keys = [
      'data/2026/01/a.json',
      'data/2026/01/b.json',
      'data/2026/02/c.json',
      'data/readme.md',
      'data/z.bin',
      'logs/x.log',
      'top.txt',
    ];

    beforeAll(async () => {
      await s3.send(new CreateBucketCommand({ Bucket: 'listing' }));
      for (const key of [...keys].reverse()) {
        await s3.send(
          new PutObjectCommand({ Bucket: 'listing', Key: key, Body: key }),
        );
      }
    });

    it('lists every key in order with sizes, ETags and Dates', async () => {
      const listed = await s3.send(
        new ListObjectsV2Command({ Bucket: 'listing' }),
      );
      expect(listed.Contents?.map(o => o.Key)).toEqual(keys);
      expect(listed.KeyCount).toBe(keys.length);
      expect(listed.MaxKeys).toBe(1000);
      expect(listed.IsTruncated).toBe(false);
      expect(listed.Prefix).toBe('');
      const first = listed.Contents![0];
      expect(first.Size).toBe(keys[0].length);
      expect(first.ETag).toBe(
        `"${createHash('md5').update(keys[0]).digest('hex')}"`,
      );
      expect(first.LastModified).toBeInstanceOf(Date);
      expect(first.StorageClass).toBe('STANDARD');
      expect(first.Owner).toBeUndefined();
    });

    it('rolls keys up into CommonPrefixes at the delimiter', async () => {
      const top = await s3.send(
        new ListObjectsV2Command({ Bucket: 'listing', Delimiter: '/' }),
      );
      expect(top.Contents?.map(o => o.Key)).toEqual(['top.txt']);
      expect(top.CommonPrefixes?.map(p => p.Prefix)).toEqual([
        'data/',
        'logs/',
      ]);
      expect(top.KeyCount).toBe(3);
      expect(top.Delimiter).toBe('/');
      const data = await s3.send(
        new ListObjectsV2Command({
          Bucket: 'listing',
          Prefix: 'data/',
          Delimiter: '/',
        }),
      );
      expect(data.Contents?.map(o => o.Key)).toEqual([
        'data/readme.md',
        'data/z.bin',
      ]);
      expect(data.CommonPrefixes?.map(p => p.Prefix)).toEqual(['data/2026/']);
    });

    it('pages with MaxKeys and continuation tokens, counting a common prefix once', async () => {
      const first = await s3.send(
        new ListObjectsV2Command({
          Bucket: 'listing',
          Prefix: 'data/',
          Delimiter: '/',
          MaxKeys: 1,
        }),
      );
      expect(first.CommonPrefixes?.map(p => p.Prefix)).toEqual(['data/2026/']);
      expect(first.IsTruncated).toBe(true);
      const second = await s3.send(
        new ListObjectsV2Command({
          Bucket: 'listing',
          Prefix: 'data/',
          Delimiter: '/',
          MaxKeys: 1,
          ContinuationToken: first.NextContinuationToken,
        }),
      );
      expect(second.ContinuationToken).toBe(first.NextContinuationToken);
      expect(second.Contents?.map(o => o.Key)).toEqual(['data/readme.md']);
    });

    it('walks every page with paginateListObjectsV2', async () => {
      const pages: string[][] = [];
      for await (const page of paginateListObjectsV2(
        { client: s3, pageSize: 3 },
        { Bucket: 'listing' },
      )) {
        pages.push((page.Contents ?? []).map(o => o.Key!));
      }
      expect(pages).toEqual([
        keys.slice(0, 3),
        keys.slice(3, 6),
        keys.slice(6),
      ]);
    });

    it('starts after StartAfter, includes owners on request, and answers MaxKeys 0', async () => {
      const after = await s3.send(
        new ListObjectsV2Command({
          Bucket: 'listing',
          StartAfter: 'data/z.bin',
          FetchOwner: true,
        }),
      );
      expect(after.Contents?.map(o => o.Key)).toEqual([
        'logs/x.log',
        'top.txt',
      ]);
      expect(after.StartAfter).toBe('data/z.bin');
      expect(after.Contents?.[0].Owner?.ID).toMatch(/^[0-9a-f]{64}$/);
      const none = await s3.send(
        new ListObjectsV2Command({ Bucket: 'listing', MaxKeys: 0 }),
      );
      expect(none.KeyCount).toBe(0);
      expect(none.IsTruncated).toBe(false);
      expect(none.Contents).toBeUndefined();
    });

    it('URL-encodes keys and prefixes with EncodingType url', async () => {
      await s3.send(
        new PutObjectCommand({
          Bucket: 'listing',
          Key: 'odd/a b&c<d>.txt',
          Body: 'x',
        }),
      );
      const listed = await s3.send(
        new ListObjectsV2Command({
          Bucket: 'listing',
          Prefix: 'odd/',
          EncodingType: 'url',
        }),
      );
      expect(listed.EncodingType).toBe('url');
      expect(listed.Contents?.map(o => o.Key)).toEqual([
        'odd/a+b%26c%3Cd%3E.txt',
      ]);
      expect(listed.Prefix).toBe('odd/');
    });

    it('escapes XML special characters in plain listings', async () => {
      const listed = await s3.send(
        new ListObjectsV2Command({ Bucket: 'listing', Prefix: 'odd/' }),
      );
      expect(listed.Contents?.map(o => o.Key)).toEqual(['odd/a b&c<d>.txt']);
    });

    it('refuses a continuation token it did not issue, and one from another bucket', async () => {
      const forged = await s3Error(
        s3.send(
          new ListObjectsV2Command({
            Bucket: 'listing',
            ContinuationToken: 'bm90LWEtdG9rZW4=',
          }),
        ),
      );
      expect(forged.name).toBe('InvalidArgument');
      expect(forged.$metadata.httpStatusCode).toBe(400);
      const page = await s3.send(
        new ListObjectsV2Command({ Bucket: 'artifacts', MaxKeys: 1 }),
      );
      const foreign = await s3Error(
        s3.send(
          new ListObjectsV2Command({
            Bucket: 'listing',
            ContinuationToken: page.NextContinuationToken,
          }),
        ),
      );
      expect(foreign.name).toBe('InvalidArgument');
    });

    it('answers NoSuchBucket for a missing bucket', async () => {
      await expect(
        s3.send(new ListObjectsV2Command({ Bucket: 'no-such-bucket' })),
      ).rejects.toBeInstanceOf(NoSuchBucket);
    });
  });

  describe('faults', () => {
    afterEach(async () => {
      await fetch(`${emulator.endpoint}/_emulator/faults`, {
        method: 'DELETE',
      });
    });

    const setFaults = (rules: unknown[]) =>
      fetch(`${emulator.endpoint}/_emulator/faults`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(rules),
      });

    it('throttles with 503 SlowDown', async () => {
      await setFaults([{ service: 's3', throttleRate: 1 }]);
      const error = await s3Error(s3.send(new ListBucketsCommand({})));
      expect(error.name).toBe('SlowDown');
      expect(error.message).toBe('Please reduce your request rate.');
      expect(error.$metadata.httpStatusCode).toBe(503);
    });

    it('answers injected server errors as InternalError and ServiceUnavailable', async () => {
      await setFaults([
        { service: 's3', operation: 'GetObject', errorRate: 1 },
      ]);
      const internal = await s3Error(
        s3.send(
          new GetObjectCommand({ Bucket: 'artifacts', Key: 'range.txt' }),
        ),
      );
      expect(internal.name).toBe('InternalError');
      expect(internal.$metadata.httpStatusCode).toBe(500);
      await setFaults([{ service: 's3', errorRate: 1, errorStatus: 503 }]);
      const unavailable = await s3Error(s3.send(new ListBucketsCommand({})));
      expect(unavailable.name).toBe('ServiceUnavailable');
    });
  });
});
