import { IncomingHttpHeaders } from 'node:http';

/** A decoded `aws-chunked` body: the object's bytes and the trailing headers (e.g. checksums). */
export type AwsChunkedBody = {
  data: Buffer;
  /** Trailer names in lower case, e.g. `x-amz-checksum-crc32`. */
  trailers: Record<string, string>;
};

/** Thrown when a body announced as aws-chunked does not follow the framing. */
export class AwsChunkedFormatError extends Error {}

const CRLF = Buffer.from('\r\n');

/**
 * Whether the SDK framed the body as aws-chunked: it says so in `Content-Encoding`, or with a
 * `STREAMING-...` payload hash (SigV4 streaming uploads).
 */
export function isAwsChunked(headers: IncomingHttpHeaders): boolean {
  const encodings = String(headers['content-encoding'] ?? '')
    .split(',')
    .map(e => e.trim().toLowerCase());
  const payloadHash = String(headers['x-amz-content-sha256'] ?? '');
  return (
    encodings.includes('aws-chunked') || payloadHash.startsWith('STREAMING-')
  );
}

/** The `Content-Encoding` to store once the transport-only `aws-chunked` coding is removed. */
export function contentEncodingWithoutAwsChunked(
  header: string | undefined,
): string | undefined {
  const remaining = (header ?? '')
    .split(',')
    .map(e => e.trim())
    .filter(e => e !== '' && e.toLowerCase() !== 'aws-chunked');
  return remaining.length > 0 ? remaining.join(',') : undefined;
}

/**
 * Decodes an aws-chunked body: `<hex size>[;chunk-signature=...]\r\n<data>\r\n` repeated, then a
 * zero-size chunk followed by optional `name:value\r\n` trailers and a blank line. Signatures are
 * not checked, as the emulator does not verify SigV4.
 */
export function decodeAwsChunkedBody(encoded: Buffer): AwsChunkedBody {
  const chunks: Buffer[] = [];
  let position = 0;
  for (;;) {
    const lineEnd = encoded.indexOf(CRLF, position);
    if (lineEnd === -1) {
      throw new AwsChunkedFormatError(
        `chunk header at byte ${position} is not terminated by CRLF`,
      );
    }
    const header = encoded.subarray(position, lineEnd).toString('latin1');
    const sizeText = header.split(';', 1)[0].trim();
    if (!/^[0-9a-fA-F]{1,16}$/.test(sizeText)) {
      throw new AwsChunkedFormatError(
        `chunk size "${sizeText}" at byte ${position} is not hexadecimal`,
      );
    }
    const size = parseInt(sizeText, 16);
    const dataStart = lineEnd + CRLF.length;
    if (size === 0) {
      return {
        data: Buffer.concat(chunks),
        trailers: readTrailers(encoded.subarray(dataStart)),
      };
    }
    const dataEnd = dataStart + size;
    if (dataEnd > encoded.length) {
      throw new AwsChunkedFormatError(
        `chunk of ${size} bytes at byte ${position} runs past the end of the body`,
      );
    }
    if (!encoded.subarray(dataEnd, dataEnd + CRLF.length).equals(CRLF)) {
      throw new AwsChunkedFormatError(
        `chunk of ${size} bytes at byte ${position} is not followed by CRLF`,
      );
    }
    chunks.push(encoded.subarray(dataStart, dataEnd));
    position = dataEnd + CRLF.length;
  }
}

function readTrailers(section: Buffer): Record<string, string> {
  const trailers: Record<string, string> = {};
  for (const line of section.toString('latin1').split('\r\n')) {
    if (line === '') {
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) {
      throw new AwsChunkedFormatError(`trailer "${line}" is not name:value`);
    }
    trailers[line.slice(0, colon).trim().toLowerCase()] = line
      .slice(colon + 1)
      .trim();
  }
  return trailers;
}
