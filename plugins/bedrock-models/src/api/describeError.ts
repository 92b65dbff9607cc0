import { ResponseError } from '@backstage/errors';

/** The backend's own reason for a failed call (a ResponseError's message is only the status line). */
export function describeError(error: Error): string {
  return error instanceof ResponseError ? error.cause.message : error.message;
}

/** Whether a call failed because the data changed since the caller read it (409). */
export function isConflict(error: unknown): boolean {
  return error instanceof ResponseError && error.statusCode === 409;
}

/** Whether a call failed because the route does not exist (yet) or the thing is gone (404). */
export function isNotFound(error: unknown): boolean {
  return error instanceof ResponseError && error.statusCode === 404;
}
