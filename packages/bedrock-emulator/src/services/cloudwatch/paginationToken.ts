import { createHash } from 'node:crypto';
import { invalidNextToken } from './cloudWatchErrors';

type TokenBody = { v: 1; op: string; f: string; c: Record<string, unknown> };

/** A short digest of the parameters a token is only valid with. */
function fingerprintOf(scope: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify(scope))
    .digest('base64url')
    .slice(0, 16);
}

/**
 * An opaque NextToken holding a cursor (where the next page starts) and a fingerprint of the
 * request's other parameters, so a token replayed with different parameters is refused.
 */
export function encodePaginationToken(
  operation: string,
  scope: unknown,
  cursor: Record<string, unknown>,
): string {
  const body: TokenBody = {
    v: 1,
    op: operation,
    f: fingerprintOf(scope),
    c: cursor,
  };
  return Buffer.from(JSON.stringify(body), 'utf8').toString('base64url');
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
  if (!/^[A-Za-z0-9_-]{1,4096}$/.test(token)) {
    throw invalidNextToken();
  }
  let body: Partial<TokenBody> | null;
  try {
    body = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw invalidNextToken();
  }
  if (
    typeof body !== 'object' ||
    body === null ||
    body.v !== 1 ||
    body.op !== operation ||
    body.f !== fingerprintOf(scope) ||
    typeof body.c !== 'object' ||
    body.c === null
  ) {
    throw invalidNextToken();
  }
  return body.c;
}
