import { createHash } from 'node:crypto';
import { IncomingHttpHeaders } from 'node:http';
import {
  AwsChunkedFormatError,
  decodeAwsChunkedBody,
  isAwsChunked,
} from './awsChunkedBody';
import {
  CHECKSUM_ALGORITHMS,
  ChecksumAlgorithm,
  checksumAlgorithmOfHeader,
  computeChecksum,
  ObjectChecksum,
} from './s3Checksums';
import { S3Error } from './s3Errors';

/** An upload's bytes, unframed and verified, with the checksum the client sent (if any). */
export type UploadedBody = { data: Buffer; checksum?: ObjectChecksum };

function header(
  headers: IncomingHttpHeaders,
  name: string,
): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

function invalidRequest(message: string): S3Error {
  return new S3Error('InvalidRequest', 400, message);
}

function unframe(headers: IncomingHttpHeaders, raw: Buffer) {
  if (!isAwsChunked(headers)) {
    return { data: raw, trailers: {} as Record<string, string> };
  }
  const declared = header(headers, 'x-amz-decoded-content-length');
  if (declared === undefined) {
    throw new S3Error(
      'MissingContentLength',
      411,
      'You must provide the Content-Length HTTP header.',
    );
  }
  let decoded;
  try {
    decoded = decodeAwsChunkedBody(raw);
  } catch (error) {
    if (error instanceof AwsChunkedFormatError) {
      throw new S3Error(
        'IncompleteBody',
        400,
        `The aws-chunked request body is malformed: ${error.message}.`,
      );
    }
    throw error;
  }
  if (String(decoded.data.length) !== declared.trim()) {
    throw new S3Error(
      'IncompleteBody',
      400,
      'You did not provide the number of bytes specified by the Content-Length HTTP header',
      {
        NumberBytesExpected: declared,
        NumberBytesProvided: String(decoded.data.length),
      },
    );
  }
  return decoded;
}

function readChecksum(
  headers: IncomingHttpHeaders,
  trailers: Record<string, string>,
): ObjectChecksum | undefined {
  const sent = new Map<ChecksumAlgorithm, string>();
  for (const [name, value] of [
    ...Object.entries(headers),
    ...Object.entries(trailers),
  ]) {
    const algorithm = checksumAlgorithmOfHeader(name);
    if (algorithm && value !== undefined) {
      sent.set(algorithm, Array.isArray(value) ? value.join(',') : value);
    }
  }
  const trailer = header(headers, 'x-amz-trailer')?.trim().toLowerCase();
  if (trailer && !(trailer in trailers)) {
    throw new S3Error(
      'MalformedTrailerError',
      400,
      `The request contained trailing data that was not well-formed or did not conform to our published schema: the declared trailer ${trailer} is missing.`,
    );
  }
  if (sent.size > 1) {
    throw invalidRequest(
      'Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.',
    );
  }
  const sdkAlgorithm = header(
    headers,
    'x-amz-sdk-checksum-algorithm',
  )?.toUpperCase();
  const [entry] = [...sent.entries()];
  if (sdkAlgorithm !== undefined) {
    if (!CHECKSUM_ALGORITHMS.includes(sdkAlgorithm as ChecksumAlgorithm)) {
      throw invalidRequest(
        'Value for x-amz-sdk-checksum-algorithm header is invalid.',
      );
    }
    if (!entry) {
      throw invalidRequest(
        'x-amz-sdk-checksum-algorithm specified, but no corresponding x-amz-checksum-* or x-amz-trailer headers were found.',
      );
    }
    if (entry[0] !== sdkAlgorithm) {
      throw invalidRequest(
        `Value for x-amz-sdk-checksum-algorithm header is invalid: ${sdkAlgorithm} does not match the ${entry[0]} checksum sent.`,
      );
    }
  }
  return entry ? { algorithm: entry[0], value: entry[1].trim() } : undefined;
}

function verifyContentMd5(headers: IncomingHttpHeaders, data: Buffer): void {
  const contentMd5 = header(headers, 'content-md5');
  if (contentMd5 === undefined) {
    return;
  }
  if (Buffer.from(contentMd5, 'base64').length !== 16) {
    throw new S3Error(
      'InvalidDigest',
      400,
      'The Content-MD5 you specified was invalid.',
      {
        'Content-MD5': contentMd5,
      },
    );
  }
  if (createHash('md5').update(data).digest('base64') !== contentMd5) {
    throw new S3Error(
      'BadDigest',
      400,
      'The Content-MD5 you specified did not match what we received.',
      { ExpectedDigest: contentMd5 },
    );
  }
}

function verifyPayloadHash(headers: IncomingHttpHeaders, raw: Buffer): void {
  const payloadHash = header(headers, 'x-amz-content-sha256');
  if (payloadHash === undefined || !/^[0-9a-f]{64}$/.test(payloadHash)) {
    return; // UNSIGNED-PAYLOAD or a STREAMING-... variant.
  }
  const computed = createHash('sha256').update(raw).digest('hex');
  if (computed !== payloadHash) {
    throw new S3Error(
      'XAmzContentSHA256Mismatch',
      400,
      "The provided 'x-amz-content-sha256' header does not match what was computed.",
      {
        ClientComputedContentSHA256: payloadHash,
        S3ComputedContentSHA256: computed,
      },
    );
  }
}

/**
 * Reads a PutObject body as S3 does: removes aws-chunked framing (checking the decoded length),
 * then verifies the signed payload hash, Content-MD5 and the flexible checksum, from a header or
 * an aws-chunked trailer. A mismatch is a 400 BadDigest, so corrupted uploads are never stored.
 */
export function readUploadedBody(
  headers: IncomingHttpHeaders,
  raw: Buffer,
): UploadedBody {
  verifyPayloadHash(headers, raw);
  const { data, trailers } = unframe(headers, raw);
  verifyContentMd5(headers, data);
  const checksum = readChecksum(headers, trailers);
  if (
    checksum &&
    computeChecksum(checksum.algorithm, data) !== checksum.value
  ) {
    throw new S3Error(
      'BadDigest',
      400,
      `The ${checksum.algorithm} you specified did not match the calculated checksum.`,
    );
  }
  return { data, checksum };
}
