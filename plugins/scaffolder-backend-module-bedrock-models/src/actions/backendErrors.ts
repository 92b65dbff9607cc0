import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
  ResponseError,
  ServiceUnavailableError,
  isError,
} from '@backstage/errors';

/** The message the bedrock-models backend gave, rather than the client's "Request failed with 400". */
export function backendMessage(error: unknown): string {
  if (error instanceof ResponseError) {
    return error.cause?.message || error.message;
  }
  return isError(error) ? error.message : String(error);
}

/**
 * Turns a failed call to the bedrock-models backend into an error that reads well in the task log:
 * what was being done, and the backend's own reason, with an error type matching its status.
 */
export function explainBackendError(error: unknown, doing: string): Error {
  const message = `${doing}: ${backendMessage(error)}`;
  if (!(error instanceof ResponseError)) {
    return new Error(message, { cause: error });
  }
  switch (error.statusCode) {
    case 400:
      return new InputError(message);
    case 403:
      return new NotAllowedError(message);
    case 404:
      return new NotFoundError(message);
    case 409:
      return new ConflictError(message);
    case 503:
      return new ServiceUnavailableError(message);
    default:
      return new Error(message, { cause: error });
  }
}

/**
 * Whether a failed call may succeed when repeated: the backend unreachable (restarting) or failing
 * with a 5xx. A 4xx is an answer, not an outage.
 */
export function isTransientBackendError(error: unknown): boolean {
  if (error instanceof ResponseError) {
    return error.statusCode >= 500 || error.statusCode === 429;
  }
  // fetch rejects with a TypeError when the backend cannot be reached at all.
  return isError(error) && error.name === 'TypeError';
}
