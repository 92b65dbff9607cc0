import { createHash } from 'node:crypto';
import { computeChecksum } from './s3Checksums';
import { S3Error } from './s3Errors';
import { readUploadedBody } from './uploadedBody';

const body = Buffer.from('hello world');
const crc32 = computeChecksum('CRC32', body);
const chunked = Buffer.from(
  `5\r\nhello\r\n6\r\n world\r\n0\r\nx-amz-checksum-crc32:${crc32}\r\n\r\n`,
);
const streamingHeaders = {
  'content-encoding': 'aws-chunked',
  'x-amz-content-sha256': 'STREAMING-UNSIGNED-PAYLOAD-TRAILER',
  'x-amz-decoded-content-length': '11',
  'x-amz-trailer': 'x-amz-checksum-crc32',
  'x-amz-sdk-checksum-algorithm': 'CRC32',
};

function errorOf(fn: () => unknown): S3Error {
  try {
    fn();
  } catch (error) {
    return error as S3Error;
  }
  throw new Error('expected an error');
}

describe('readUploadedBody', () => {
  it('passes a plain body through', () => {
    expect(readUploadedBody({}, body)).toEqual({
      data: body,
      checksum: undefined,
    });
  });

  it('unframes aws-chunked and takes the checksum from the trailer', () => {
    const read = readUploadedBody(streamingHeaders, chunked);
    expect(read.data.equals(body)).toBe(true);
    expect(read.checksum).toEqual({ algorithm: 'CRC32', value: crc32 });
  });

  it('takes a checksum from a header and verifies it', () => {
    expect(
      readUploadedBody({ 'x-amz-checksum-crc32': crc32 }, body).checksum,
    ).toEqual({
      algorithm: 'CRC32',
      value: crc32,
    });
    expect(
      errorOf(() =>
        readUploadedBody({ 'x-amz-checksum-crc32': 'AAAAAA==' }, body),
      ).type,
    ).toBe('BadDigest');
  });

  it('checks the decoded length and the framing', () => {
    const wrongLength = errorOf(() =>
      readUploadedBody(
        { ...streamingHeaders, 'x-amz-decoded-content-length': '12' },
        chunked,
      ),
    );
    expect(wrongLength.type).toBe('IncompleteBody');
    const noLength = { ...streamingHeaders } as Record<string, string>;
    delete noLength['x-amz-decoded-content-length'];
    expect(errorOf(() => readUploadedBody(noLength, chunked)).status).toBe(411);
    expect(
      errorOf(() => readUploadedBody(streamingHeaders, Buffer.from('zz\r\n')))
        .type,
    ).toBe('IncompleteBody');
  });

  it('refuses a declared trailer that never came, and several checksums', () => {
    const withoutTrailer = Buffer.from('b\r\nhello world\r\n0\r\n\r\n');
    expect(
      errorOf(() => readUploadedBody(streamingHeaders, withoutTrailer)).type,
    ).toBe('MalformedTrailerError');
    const both = {
      'x-amz-checksum-crc32': crc32,
      'x-amz-checksum-sha1': computeChecksum('SHA1', body),
    };
    expect(errorOf(() => readUploadedBody(both, body)).type).toBe(
      'InvalidRequest',
    );
  });

  it('holds x-amz-sdk-checksum-algorithm to the checksum actually sent', () => {
    expect(
      errorOf(() =>
        readUploadedBody({ 'x-amz-sdk-checksum-algorithm': 'CRC32' }, body),
      ).message,
    ).toMatch(/no corresponding x-amz-checksum/);
    expect(
      errorOf(() =>
        readUploadedBody(
          {
            'x-amz-sdk-checksum-algorithm': 'SHA256',
            'x-amz-checksum-crc32': crc32,
          },
          body,
        ),
      ).type,
    ).toBe('InvalidRequest');
    expect(
      errorOf(() =>
        readUploadedBody({ 'x-amz-sdk-checksum-algorithm': 'MD5' }, body),
      ).type,
    ).toBe('InvalidRequest');
  });

  it('verifies Content-MD5 and a signed payload hash', () => {
    const md5 = createHash('md5').update(body).digest('base64');
    expect(readUploadedBody({ 'content-md5': md5 }, body).data).toBe(body);
    expect(
      errorOf(() => readUploadedBody({ 'content-md5': 'short' }, body)).type,
    ).toBe('InvalidDigest');
    expect(
      errorOf(() =>
        readUploadedBody(
          { 'content-md5': createHash('md5').update('x').digest('base64') },
          body,
        ),
      ).type,
    ).toBe('BadDigest');
    const sha = createHash('sha256').update(body).digest('hex');
    expect(readUploadedBody({ 'x-amz-content-sha256': sha }, body).data).toBe(
      body,
    );
    expect(
      errorOf(() =>
        readUploadedBody({ 'x-amz-content-sha256': '0'.repeat(64) }, body),
      ).type,
    ).toBe('XAmzContentSHA256Mismatch');
  });
});
