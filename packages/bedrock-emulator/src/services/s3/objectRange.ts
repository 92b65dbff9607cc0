/** An inclusive byte range of an object. */
export type ByteRange = { start: number; end: number };

/** The Range header asks for bytes the object does not have. */
export class UnsatisfiableRangeError extends Error {}

/**
 * Reads a `Range: bytes=first-last`, `bytes=first-` or `bytes=-suffixLength` header against an
 * object of `size` bytes. Like S3, it answers undefined (serve the whole object) for a header it
 * does not understand or for several ranges, and throws when the range lies outside the object.
 */
export function parseByteRange(
  header: string | undefined,
  size: number,
): ByteRange | undefined {
  const match = header ? /^\s*bytes=(\d*)-(\d*)\s*$/.exec(header) : null;
  if (!match || (match[1] === '' && match[2] === '')) {
    return undefined;
  }
  const [, first, last] = match;
  if (first === '') {
    const suffixLength = Number(last);
    if (suffixLength === 0 || size === 0) {
      throw new UnsatisfiableRangeError();
    }
    return { start: Math.max(0, size - suffixLength), end: size - 1 };
  }
  const start = Number(first);
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  if (last !== '' && Number(last) < start) {
    // An invalid range is ignored, per RFC 9110.
    return undefined;
  }
  if (start >= size) {
    throw new UnsatisfiableRangeError();
  }
  return { start, end };
}
