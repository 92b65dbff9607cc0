import { IncomingHttpHeaders } from 'node:http';
import { SigV4Scope } from './sigv4Scope';

/** One parsed request, as every service handler sees it. */
export type EmulatorRequest = {
  method: string;
  /** The raw (still percent-encoded) path, e.g. `/model/arn%3Aaws%3A.../invoke`. */
  rawPath: string;
  /** The path split on `/` and percent-decoded, without empty segments. */
  segments: string[];
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
  scope: SigV4Scope;
  /** The account whose state the request reads and writes (see `accountIdFor`). */
  accountId: string;
  region: string;
  requestId: string;
};

/** What a handler answers; the server adds `x-amzn-requestid` and `content-length`. */
export type EmulatorResponse = {
  status: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
};

/** A JSON response with AWS's content type. */
export function jsonResponse(
  status: number,
  body: unknown,
  contentType = 'application/json',
): EmulatorResponse {
  return {
    status,
    headers: { 'content-type': contentType },
    body: JSON.stringify(body),
  };
}

/**
 * Which account a request belongs to: an access key id of 12 digits names the account itself
 * (handy for multi-account tests); any other key maps to the emulator's default account.
 */
export function accountIdFor(
  accessKeyId: string,
  defaultAccountId: string,
): string {
  return /^\d{12}$/.test(accessKeyId) ? accessKeyId : defaultAccountId;
}
