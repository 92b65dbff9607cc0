import { invalidArgument } from './s3Errors';

const INT32_MAX = 2 ** 31 - 1;

/**
 * Reads a page-size parameter such as `max-keys`: absent gives the default, a value above the cap
 * is capped (S3 never returns more than the cap), anything not a whole number in range is refused.
 */
export function readMaxCount(
  query: URLSearchParams,
  name: string,
  defaultValue: number,
  cap: number,
  min = 0,
): number {
  const text = query.get(name);
  if (text === null) {
    return defaultValue;
  }
  const value = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!(value >= min && value <= INT32_MAX)) {
    throw invalidArgument(
      `Provided ${name} not an integer or within integer range`,
      name,
      text,
    );
  }
  return Math.min(value, cap);
}

/**
 * Encodes a key as S3 does for `encoding-type=url`: percent-encoding with `+` for spaces, leaving
 * `/` readable. Clients decode it with a form-style URL decoder.
 */
export function urlEncodeKey(key: string): string {
  return encodeURIComponent(key)
    .replace(/%2F/g, '/')
    .replace(/%20/g, '+')
    .replace(
      /[!'()*]/g,
      ch => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`,
    );
}
