import {
  AwsChunkedFormatError,
  contentEncodingWithoutAwsChunked,
  decodeAwsChunkedBody,
  isAwsChunked,
} from './awsChunkedBody';

const framed = (...parts: Array<string | Buffer>) =>
  Buffer.concat(
    parts.map(p => (typeof p === 'string' ? Buffer.from(p, 'latin1') : p)),
  );

describe('decodeAwsChunkedBody', () => {
  it('joins the chunks and reads the trailers, as the SDK frames them', () => {
    const decoded = decodeAwsChunkedBody(
      framed(
        '5\r\nhello\r\n',
        '6\r\n world\r\n',
        '0\r\n',
        'x-amz-checksum-crc32:DUoRhQ==\r\n',
        '\r\n',
      ),
    );
    expect(decoded.data.toString()).toBe('hello world');
    expect(decoded.trailers).toEqual({ 'x-amz-checksum-crc32': 'DUoRhQ==' });
  });

  it('keeps binary data exactly, including CRLF bytes inside a chunk', () => {
    const bytes = Buffer.from([0x00, 0x0d, 0x0a, 0xff, 0x30, 0x0d, 0x0a]);
    const decoded = decodeAwsChunkedBody(
      framed('7\r\n', bytes, '\r\n0\r\n\r\n'),
    );
    expect(decoded.data.equals(bytes)).toBe(true);
  });

  it('ignores chunk signatures and accepts a final chunk without trailers or blank line', () => {
    const decoded = decodeAwsChunkedBody(
      framed('3;chunk-signature=abc\r\nabc\r\n', '0;chunk-signature=def\r\n'),
    );
    expect(decoded.data.toString()).toBe('abc');
    expect(decoded.trailers).toEqual({});
  });

  it('decodes an empty body', () => {
    expect(decodeAwsChunkedBody(framed('0\r\n\r\n')).data.length).toBe(0);
  });

  it.each([
    [
      'a size that is not hexadecimal',
      'zz\r\nabc\r\n0\r\n\r\n',
      /not hexadecimal/,
    ],
    ['a chunk longer than the body', 'a\r\nshort\r\n', /runs past the end/],
    ['a chunk without its CRLF', '3\r\nabcX0\r\n\r\n', /not followed by CRLF/],
    ['a missing final chunk', '3\r\nabc\r\n', /not terminated by CRLF/],
    ['a trailer without a colon', '0\r\nbroken\r\n\r\n', /not name:value/],
  ])('refuses %s', (_, body, message) => {
    expect(() => decodeAwsChunkedBody(framed(body))).toThrow(
      AwsChunkedFormatError,
    );
    expect(() => decodeAwsChunkedBody(framed(body))).toThrow(message);
  });
});

describe('isAwsChunked', () => {
  it('recognises the content coding and the streaming payload hashes', () => {
    expect(isAwsChunked({ 'content-encoding': 'gzip, aws-chunked' })).toBe(
      true,
    );
    expect(
      isAwsChunked({
        'x-amz-content-sha256': 'STREAMING-UNSIGNED-PAYLOAD-TRAILER',
      }),
    ).toBe(true);
    expect(isAwsChunked({ 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' })).toBe(
      false,
    );
    expect(isAwsChunked({})).toBe(false);
  });
});

describe('contentEncodingWithoutAwsChunked', () => {
  it('keeps only the codings the object was stored with', () => {
    expect(contentEncodingWithoutAwsChunked('gzip,aws-chunked')).toBe('gzip');
    expect(contentEncodingWithoutAwsChunked('aws-chunked')).toBeUndefined();
    expect(contentEncodingWithoutAwsChunked(undefined)).toBeUndefined();
  });
});
