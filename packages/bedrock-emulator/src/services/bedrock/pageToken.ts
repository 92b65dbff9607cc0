import { validationError } from '../../core/AwsError';

/**
 * Opaque `nextToken`s: the offset into the filtered, sorted list plus a fingerprint of the
 * filters, so a token used with other filters is refused as AWS does.
 */
export function encodePageToken(offset: number, fingerprint: string): string {
  return Buffer.from(JSON.stringify({ o: offset, f: fingerprint })).toString(
    'base64url',
  );
}

/** Reads a `nextToken`, refusing a malformed or mismatched one with a ValidationException. */
export function decodePageToken(
  token: string | null | undefined,
  fingerprint: string,
): number {
  if (!token) return 0;
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (
      typeof parsed.o === 'number' &&
      parsed.o >= 0 &&
      parsed.f === fingerprint
    ) {
      return parsed.o;
    }
  } catch {
    // fall through to the error below
  }
  throw validationError(
    'The nextToken is not valid for this request. Start again without a nextToken.',
  );
}

/** Reads `maxResults` (1-1000, default 1000) from a query string. */
export function readMaxResults(query: URLSearchParams): number {
  const raw = query.get('maxResults');
  if (raw === null) return 1000;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 1000) {
    throw validationError(
      `1 validation error detected: Value '${raw}' at 'maxResults' failed to satisfy constraint: Member must have value between 1 and 1000`,
    );
  }
  return n;
}
