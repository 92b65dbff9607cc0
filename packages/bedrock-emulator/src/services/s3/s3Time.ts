/** S3 keeps timestamps to the second: what it shows in headers and listings alike. */
function wholeSeconds(ms: number): Date {
  return new Date(Math.floor(ms / 1000) * 1000);
}

/** An HTTP date (IMF-fixdate), as in `Last-Modified: Tue, 02 Jan 2026 03:04:05 GMT`. */
export function httpDate(ms: number): string {
  return wholeSeconds(ms).toUTCString();
}

/** ISO 8601 with milliseconds, as in S3 listings: `2026-01-02T03:04:05.000Z`. */
export function isoTimestamp(ms: number): string {
  return wholeSeconds(ms).toISOString();
}
