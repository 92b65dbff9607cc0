import { createHash } from 'node:crypto';

/** How a service spells its tokens: Service Quotas' model wants standard base64, others base64url. */
export type TokenAlphabet = 'base64' | 'base64url';

const PATTERNS: Record<TokenAlphabet, RegExp> = {
  base64: /^[a-zA-Z0-9/+]+={0,2}$/,
  base64url: /^[A-Za-z0-9_-]+$/,
};

// A short digest of the request parameters a token is only valid with.
function fingerprintOf(scope: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify(scope))
    .digest('base64url')
    .slice(0, 16);
}

/**
 * An opaque pagination token: where the next page starts (`cursor`) and a fingerprint of the request
 * (`scope`: operation and filters), so a token replayed with other parameters is refused as AWS does.
 */
export function encodePageToken(
  scope: unknown,
  cursor: Record<string, unknown>,
  alphabet: TokenAlphabet = 'base64url',
): string {
  return Buffer.from(
    JSON.stringify({ v: 1, f: fingerprintOf(scope), c: cursor }),
    'utf8',
  ).toString(alphabet);
}

/**
 * The cursor of a token made by `encodePageToken` with the same scope, or undefined when the token is
 * malformed, too long or made for other parameters; each service answers that with its own error.
 */
export function decodePageToken(
  token: string,
  scope: unknown,
  options: { alphabet?: TokenAlphabet; maxLength?: number } = {},
): Record<string, unknown> | undefined {
  const { alphabet = 'base64url', maxLength = 4096 } = options;
  if (token.length > maxLength || !PATTERNS[alphabet].test(token)) {
    return undefined;
  }
  try {
    const body = JSON.parse(Buffer.from(token, alphabet).toString('utf8'));
    const valid =
      typeof body === 'object' &&
      body !== null &&
      body.v === 1 &&
      body.f === fingerprintOf(scope) &&
      typeof body.c === 'object' &&
      body.c !== null;
    return valid ? body.c : undefined;
  } catch {
    return undefined;
  }
}
