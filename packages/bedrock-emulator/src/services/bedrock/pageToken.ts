import { validationError } from '../../core/AwsError';
import { decodePageToken, encodePageToken } from '../../protocols/pageToken';

/** An opaque `nextToken` for the list at `offset`, valid only with the same filters (`fingerprint`). */
export function encodeBedrockPageToken(
  offset: number,
  fingerprint: string,
): string {
  return encodePageToken(fingerprint, { offset });
}

/** Reads a `nextToken` (0 when absent), refusing a malformed or mismatched one with a ValidationException. */
export function decodeBedrockPageToken(
  token: string | null | undefined,
  fingerprint: string,
): number {
  if (!token) return 0;
  const offset = decodePageToken(token, fingerprint)?.offset;
  if (typeof offset === 'number' && Number.isInteger(offset) && offset >= 0) {
    return offset;
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
