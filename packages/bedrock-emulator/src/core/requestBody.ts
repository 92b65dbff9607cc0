import { IncomingMessage } from 'node:http';
import { Http2ServerRequest } from 'node:http2';

/** The largest body the admin path takes: fault rules and clock moves are small. */
export const ADMIN_BODY_LIMIT_BYTES = 1024 * 1024;

/**
 * The largest body an AWS route takes: above InvokeModel's 25,000,000-byte `Body` (bedrock-runtime
 * service model); S3 objects live in the state file, so the emulator keeps them far below S3's 5 GB.
 */
export const AWS_BODY_LIMIT_BYTES = 32 * 1024 * 1024;

/** A request's body, or the fact that it is larger than the limit. */
export type ReadBody = { body: Buffer } | { tooLarge: true };

/**
 * Reads a request body up to `limitBytes`. A declared Content-Length over the limit is refused
 * before reading; a body that grows past it stops being kept (the server drains the rest).
 */
export function readBody(
  req: IncomingMessage | Http2ServerRequest,
  limitBytes: number,
): Promise<ReadBody> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limitBytes) {
    return Promise.resolve({ tooLarge: true });
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limitBytes) {
        req.off('data', onData);
        chunks.length = 0;
        // Keep the stream flowing so the rest is read and dropped, not buffered.
        req.resume();
        resolve({ tooLarge: true });
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.on('end', () => resolve({ body: Buffer.concat(chunks) }));
    req.on('error', reject);
  });
}

/** The message of a 413 answer. */
export function tooLargeMessage(limitBytes: number): string {
  return `The request body is larger than the ${limitBytes} bytes this emulator takes on this path. Send a smaller body.`;
}
