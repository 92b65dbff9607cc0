/** Compares keys in UTF-8 binary order, the order S3 lists in. */
export function compareKeys(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/** What to list: the objects (already sorted by key and filtered by prefix) and the request's options. */
export type ListObjectsPageOptions = {
  prefix: string;
  /** Rolls keys up into common prefixes at the first delimiter after the prefix. */
  delimiter?: string;
  maxKeys: number;
  /** Only keys (and common prefixes) after this one; used on the first page only. */
  startAfter?: string;
  /** Where the previous page stopped (from its continuation token). */
  resumeAfter?: { marker: string; markerIsPrefix: boolean };
};

/** One page of a listing. */
export type ListObjectsPage<T> = {
  contents: T[];
  commonPrefixes: string[];
  isTruncated: boolean;
  /** Where the next page starts, when truncated. */
  next?: { marker: string; markerIsPrefix: boolean };
};

/**
 * Cuts one ListObjectsV2 page out of the sorted objects. Each common prefix counts as one entry
 * towards `maxKeys`, and a page is truncated only when another entry exists beyond it.
 */
export function listObjectsPage<T extends { key: string }>(
  sortedObjects: T[],
  options: ListObjectsPageOptions,
): ListObjectsPage<T> {
  const { prefix, delimiter, maxKeys, startAfter, resumeAfter } = options;
  const contents: T[] = [];
  const commonPrefixes: string[] = [];
  let last: { marker: string; markerIsPrefix: boolean } | undefined;
  let count = 0;
  let isTruncated = false;
  if (maxKeys <= 0) {
    return { contents, commonPrefixes, isTruncated };
  }

  for (const object of sortedObjects) {
    const key = object.key;
    if (resumeAfter) {
      if (compareKeys(key, resumeAfter.marker) <= 0) continue;
      if (resumeAfter.markerIsPrefix && key.startsWith(resumeAfter.marker))
        continue;
    } else if (startAfter !== undefined && compareKeys(key, startAfter) <= 0) {
      continue;
    }

    const delimiterAt = delimiter ? key.indexOf(delimiter, prefix.length) : -1;
    if (delimiter && delimiterAt !== -1) {
      const commonPrefix = key.slice(0, delimiterAt + delimiter.length);
      if (last?.markerIsPrefix && last.marker === commonPrefix) continue;
      // S3 leaves out a common prefix that is not after StartAfter, with every key under it.
      if (
        !resumeAfter &&
        startAfter !== undefined &&
        compareKeys(commonPrefix, startAfter) <= 0
      ) {
        continue;
      }
      if (count === maxKeys) {
        isTruncated = true;
        break;
      }
      commonPrefixes.push(commonPrefix);
      last = { marker: commonPrefix, markerIsPrefix: true };
    } else {
      if (count === maxKeys) {
        isTruncated = true;
        break;
      }
      contents.push(object);
      last = { marker: key, markerIsPrefix: false };
    }
    count++;
  }
  return {
    contents,
    commonPrefixes,
    isTruncated,
    next: isTruncated ? last : undefined,
  };
}
