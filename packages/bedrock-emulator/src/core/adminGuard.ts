import { IncomingHttpHeaders } from 'node:http';
import { EmulatorResponse, jsonResponse } from './EmulatorRequest';

// Loopback names with an optional port: `localhost`, `127.0.0.1` and `[::1]`.
const LOOPBACK_HOST = /^(?:localhost|127\.0\.0\.1|\[::1\])(?::\d{1,5})?$/i;
const LOOPBACK_ORIGIN =
  /^https?:\/\/(?:localhost|127\.0\.0\.1|\[::1\])(?::\d{1,5})?$/i;

/** The JSON media type, with or without parameters (`application/json; charset=utf-8`). */
const JSON_MEDIA_TYPE = /^application\/json\s*(?:;.*)?$/i;

/** The request's host: HTTP/1.1's Host header, or HTTP/2's `:authority`. */
function hostOf(headers: IncomingHttpHeaders): string | undefined {
  const host = headers.host ?? headers[':authority'];
  return typeof host === 'string' ? host : undefined;
}

/**
 * Refuses admin requests a web page could have made. The admin path changes faults, time and state
 * without signatures, so it answers only requests addressed to a loopback name (a DNS-rebinding page
 * sends its own host name), not sent from a foreign page (a present, non-loopback Origin) and, for
 * writes, with a JSON body: a page cannot send `application/json` cross-site without a CORS
 * preflight, which the emulator never grants. Answers the refusal, or undefined to go on.
 */
export function refuseAdminRequest(request: {
  method: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}): EmulatorResponse | undefined {
  const { method, headers, body } = request;
  const host = hostOf(headers);
  if (host === undefined || !LOOPBACK_HOST.test(host)) {
    return jsonResponse(403, {
      message: `The admin path answers only requests addressed to localhost, 127.0.0.1 or [::1] (any port); this one was addressed to ${
        host === undefined ? 'no host' : `"${host}"`
      }. Call it through a loopback address.`,
    });
  }
  const origin = headers.origin;
  if (origin !== undefined && !LOOPBACK_ORIGIN.test(origin)) {
    return jsonResponse(403, {
      message: `The admin path refuses requests from other origins: Origin "${origin}" is not a loopback origin. Call it from a script or a page served from localhost.`,
    });
  }
  const writes = method === 'PUT' || method === 'POST' || method === 'PATCH';
  if (writes || body.length > 0) {
    const contentType = headers['content-type'];
    if (contentType === undefined || !JSON_MEDIA_TYPE.test(contentType)) {
      return jsonResponse(415, {
        message: `Send the admin request's body as JSON with "Content-Type: application/json" (got ${
          contentType === undefined ? 'no Content-Type' : `"${contentType}"`
        }).`,
      });
    }
  }
  return undefined;
}
