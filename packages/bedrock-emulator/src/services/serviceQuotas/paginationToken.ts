import { AwsError } from '../../core/AwsError';
import { decodePageToken, encodePageToken } from '../../protocols/pageToken';

/** Where the next page of a Service Quotas list starts. */
export type ListCursor = { offset: number };

function invalidToken(): AwsError {
  return new AwsError(
    'InvalidPaginationTokenException',
    400,
    'Invalid pagination token: pass the NextToken exactly as the previous response returned it, ' +
      'with the same operation and parameters.',
  );
}

/** An opaque NextToken for the list at `offset`, in standard base64 (the model's NextToken pattern). */
export function encodePaginationToken(
  operation: string,
  scope: unknown,
  cursor: ListCursor,
): string {
  return encodePageToken({ operation, scope }, cursor, 'base64');
}

/** Reads a NextToken made by `encodePaginationToken`; throws InvalidPaginationTokenException otherwise. */
export function decodePaginationToken(
  token: string,
  operation: string,
  scope: unknown,
): ListCursor {
  const cursor = decodePageToken(
    token,
    { operation, scope },
    { alphabet: 'base64', maxLength: 2048 },
  );
  const offset = cursor?.offset;
  if (typeof offset !== 'number' || !Number.isInteger(offset) || offset < 0) {
    throw invalidToken();
  }
  return { offset };
}
