import { createHash } from 'node:crypto';

/** Where a listing stopped: the last key (or rolled-up common prefix) it returned. */
export type ListPosition = {
  /** What was listed (a bucket, or an account's buckets); a token only continues its own listing. */
  scope: string;
  /** The last key or common prefix returned. */
  marker: string;
  /** The marker is a common prefix, so every key under it was already accounted for. */
  markerIsPrefix: boolean;
};

const TOKEN_VERSION = 1;
const CHECK_BYTES = 6;

function check(payload: Buffer): Buffer {
  return createHash('sha256').update(payload).digest().subarray(0, CHECK_BYTES);
}

/**
 * An opaque continuation token, as S3's are (base64). It carries a check so that a truncated or
 * edited token is refused instead of silently listing from somewhere else.
 */
export function encodeContinuationToken(position: ListPosition): string {
  const payload = Buffer.from(
    JSON.stringify([
      TOKEN_VERSION,
      position.scope,
      position.marker,
      position.markerIsPrefix,
    ]),
    'utf8',
  );
  return Buffer.concat([check(payload), payload]).toString('base64');
}

/** Reads a token made by `encodeContinuationToken` for this scope; undefined when it is not one. */
export function decodeContinuationToken(
  token: string,
  scope: string,
): ListPosition | undefined {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(token)) {
    return undefined;
  }
  const bytes = Buffer.from(token, 'base64');
  if (bytes.length <= CHECK_BYTES) {
    return undefined;
  }
  const payload = bytes.subarray(CHECK_BYTES);
  if (!check(payload).equals(bytes.subarray(0, CHECK_BYTES))) {
    return undefined;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(payload.toString('utf8'));
  } catch {
    return undefined;
  }
  if (
    !Array.isArray(parsed) ||
    parsed.length !== 4 ||
    parsed[0] !== TOKEN_VERSION ||
    parsed[1] !== scope ||
    typeof parsed[2] !== 'string' ||
    typeof parsed[3] !== 'boolean'
  ) {
    return undefined;
  }
  return { scope, marker: parsed[2], markerIsPrefix: parsed[3] };
}
