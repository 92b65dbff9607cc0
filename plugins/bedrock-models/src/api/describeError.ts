import { ResponseError } from '@backstage/errors';

/** What `ResponseError` puts before a body it could not read as Backstage's error shape. */
const UNREAD_BODY = /^Request failed with status (\d+)([^,]*), ([\s\S]*)$/;

/** The longest plain-text body shown as it is; longer ones are a page or a dump, not a reason. */
const MAX_PLAIN_REASON = 300;

/** The reason in a JSON error body of another shape than Backstage's (a proxy's, a gateway's). */
function reasonInJson(body: string): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const record = parsed as Record<string, unknown>;
  const nested = record.error;
  if (typeof nested === 'object' && nested !== null) {
    const message = (nested as Record<string, unknown>).message;
    if (typeof message === 'string' && message) return message;
  }
  for (const value of [record.message, nested, record.detail, record.title]) {
    if (typeof value === 'string' && value) return value;
  }
  const errors = record.errors;
  if (Array.isArray(errors)) {
    const messages = errors
      .map(e =>
        typeof e === 'string'
          ? e
          : (e as Record<string, unknown> | null)?.message,
      )
      .filter((m): m is string => typeof m === 'string' && m.length > 0);
    if (messages.length > 0) return messages.join('; ');
  }
  return undefined;
}

/**
 * The backend's own reason for a failed call, in words (a ResponseError's message is only the status
 * line). A body that is not Backstage's error shape (a gateway's page, another service's JSON) is never
 * shown raw: its message when it has one, else the status.
 */
export function describeError(error: Error): string {
  if (!(error instanceof ResponseError)) return error.message;
  const message = error.cause.message;
  const unread = UNREAD_BODY.exec(message);
  if (!unread) return message;
  const [, status, statusText, body] = unread;
  const trimmed = body.trim();
  const fromJson = reasonInJson(trimmed);
  if (fromJson) return fromJson;
  const looksStructured = /^[[{<]/.test(trimmed);
  if (!looksStructured && trimmed.length <= MAX_PLAIN_REASON) return trimmed;
  return `The server answered ${status}${statusText}.`;
}

/** Whether a call failed because the data changed since the caller read it (409). */
export function isConflict(error: unknown): boolean {
  return error instanceof ResponseError && error.statusCode === 409;
}

/** Whether a call failed because the route does not exist (yet) or the thing is gone (404). */
export function isNotFound(error: unknown): boolean {
  return error instanceof ResponseError && error.statusCode === 404;
}
