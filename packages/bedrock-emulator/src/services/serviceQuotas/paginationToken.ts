import { createHash } from 'node:crypto';
import { AwsError } from '../../core/AwsError';

/** Where the next page of a Service Quotas list starts. */
export type ListCursor = { offset: number };

type TokenBody = { v: 1; op: string; f: string; o: number };

/** A short digest of the parameters a token is only valid with (operation, service code, filters). */
function fingerprintOf(scope: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify(scope))
    .digest('base64')
    .slice(0, 16);
}

function invalidToken(): AwsError {
  return new AwsError(
    'InvalidPaginationTokenException',
    400,
    'Invalid pagination token: pass the NextToken exactly as the previous response returned it, ' +
      'with the same operation and parameters.',
  );
}

/**
 * An opaque NextToken for the list at `offset`. It is standard base64 (the model's NextToken
 * pattern) and carries a fingerprint of the request, so a token reused with other parameters
 * is refused instead of silently paging through a different list.
 */
export function encodePaginationToken(
  operation: string,
  scope: unknown,
  cursor: ListCursor,
): string {
  const body: TokenBody = {
    v: 1,
    op: operation,
    f: fingerprintOf(scope),
    o: cursor.offset,
  };
  return Buffer.from(JSON.stringify(body), 'utf8').toString('base64');
}

/** Reads a NextToken made by `encodePaginationToken`; throws InvalidPaginationTokenException otherwise. */
export function decodePaginationToken(
  token: string,
  operation: string,
  scope: unknown,
): ListCursor {
  if (
    token.length === 0 ||
    token.length > 2048 ||
    !/^[a-zA-Z0-9/+]*={0,2}$/.test(token)
  ) {
    throw invalidToken();
  }
  let body: Partial<TokenBody>;
  try {
    body = JSON.parse(Buffer.from(token, 'base64').toString('utf8'));
  } catch {
    throw invalidToken();
  }
  if (
    typeof body !== 'object' ||
    body === null ||
    body.v !== 1 ||
    body.op !== operation ||
    body.f !== fingerprintOf(scope) ||
    !Number.isInteger(body.o) ||
    (body.o as number) < 0
  ) {
    throw invalidToken();
  }
  return { offset: body.o as number };
}
