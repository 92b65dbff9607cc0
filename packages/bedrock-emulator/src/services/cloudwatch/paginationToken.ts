import { decodePageToken, encodePageToken } from '../../protocols/pageToken';
import { invalidNextToken } from './cloudWatchErrors';

/** An opaque CloudWatch NextToken for `operation`, valid only with the same `scope` of parameters. */
export function encodePaginationToken(
  operation: string,
  scope: unknown,
  cursor: Record<string, unknown>,
): string {
  return encodePageToken({ operation, scope }, cursor);
}

/**
 * The cursor of a NextToken made by `encodePaginationToken` for the same operation and scope;
 * throws InvalidNextToken otherwise. Callers still check the cursor's fields.
 */
export function decodePaginationToken(
  token: string,
  operation: string,
  scope: unknown,
): Record<string, unknown> {
  const cursor = decodePageToken(token, { operation, scope });
  if (!cursor) throw invalidNextToken();
  return cursor;
}
