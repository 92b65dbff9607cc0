import { IncomingHttpHeaders } from 'node:http';
import { notImplemented, noSuchKey, preconditionFailed } from './s3Errors';

/** What a conditional read decides. */
export type ReadCondition = 'proceed' | 'not-modified';

function header(
  headers: IncomingHttpHeaders,
  name: string,
): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

function etagMatches(list: string, etag: string): boolean {
  const bare = etag.replace(/"/g, '');
  return list
    .split(',')
    .map(candidate => candidate.trim().replace(/^W\//, '').replace(/"/g, ''))
    .some(candidate => candidate === '*' || candidate === bare);
}

function httpDateSeconds(value: string | undefined): number | undefined {
  const ms = value ? Date.parse(value) : NaN;
  return Number.isNaN(ms) ? undefined : Math.floor(ms / 1000);
}

/**
 * Evaluates If-Match, If-Unmodified-Since, If-None-Match and If-Modified-Since for GET and HEAD in
 * RFC 9110's order, as S3 does: a failed If-Match or If-Unmodified-Since throws 412, a matching
 * If-None-Match or an unmodified object answers 304.
 */
export function evaluateReadConditions(
  headers: IncomingHttpHeaders,
  object: { etag: string; lastModified: number },
): ReadCondition {
  const lastModifiedSeconds = Math.floor(object.lastModified / 1000);
  const ifMatch = header(headers, 'if-match');
  if (ifMatch !== undefined) {
    if (!etagMatches(ifMatch, object.etag))
      throw preconditionFailed('If-Match');
  } else {
    const since = httpDateSeconds(header(headers, 'if-unmodified-since'));
    if (since !== undefined && lastModifiedSeconds > since) {
      throw preconditionFailed('If-Unmodified-Since');
    }
  }
  const ifNoneMatch = header(headers, 'if-none-match');
  if (ifNoneMatch !== undefined) {
    return etagMatches(ifNoneMatch, object.etag) ? 'not-modified' : 'proceed';
  }
  const since = httpDateSeconds(header(headers, 'if-modified-since'));
  if (since !== undefined && lastModifiedSeconds <= since) {
    return 'not-modified';
  }
  return 'proceed';
}

/**
 * Evaluates conditional writes (PutObject): `If-None-Match: *` refuses to overwrite, `If-Match`
 * requires the current ETag. S3 supports no other If-None-Match value on writes.
 */
export function evaluateWriteConditions(
  headers: IncomingHttpHeaders,
  key: string,
  existing: { etag: string } | undefined,
): void {
  const ifNoneMatch = header(headers, 'if-none-match');
  if (ifNoneMatch !== undefined) {
    if (ifNoneMatch.trim() !== '*') {
      throw notImplemented('If-None-Match other than * on a write', {
        Header: 'If-None-Match',
      });
    }
    if (existing) throw preconditionFailed('If-None-Match');
  }
  const ifMatch = header(headers, 'if-match');
  if (ifMatch !== undefined) {
    if (!existing) throw noSuchKey(key);
    if (!etagMatches(ifMatch, existing.etag))
      throw preconditionFailed('If-Match');
  }
}
