import { createHash } from 'node:crypto';

const CHECK_BYTES = 6;

function check(payload: Buffer): Buffer {
  return createHash('sha256').update(payload).digest().subarray(0, CHECK_BYTES);
}

/** The opaque NextToken of GetParameterHistory: which parameter, and the last version returned. */
export function encodeHistoryToken(name: string, lastVersion: number): string {
  const payload = Buffer.from(JSON.stringify([name, lastVersion]), 'utf8');
  return Buffer.concat([check(payload), payload]).toString('base64');
}

/** The last version a token returned, when it is a token for this parameter; else undefined. */
export function decodeHistoryToken(
  token: string,
  name: string,
): number | undefined {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(token)) return undefined;
  const bytes = Buffer.from(token, 'base64');
  const payload = bytes.subarray(CHECK_BYTES);
  if (
    bytes.length <= CHECK_BYTES ||
    !check(payload).equals(bytes.subarray(0, CHECK_BYTES))
  ) {
    return undefined;
  }
  try {
    const parsed: unknown = JSON.parse(payload.toString('utf8'));
    if (
      Array.isArray(parsed) &&
      parsed.length === 2 &&
      parsed[0] === name &&
      Number.isInteger(parsed[1])
    ) {
      return parsed[1] as number;
    }
  } catch {
    // Not JSON: not one of ours.
  }
  return undefined;
}
