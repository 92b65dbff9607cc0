import { ErrorRequestHandler } from 'express';
import { ErrorReporter } from './service/ErrorReporter';

/** Errors whose messages the plugin writes itself, for users: passed on as they are. */
const USER_FACING = new Set([
  'InputError',
  'AuthenticationError',
  'NotAllowedError',
  'NotFoundError',
  'ConflictError',
  'NotModifiedError',
  'NotImplementedError',
  'ServiceUnavailableError',
]);

/**
 * Turns any other error (a database driver's, the SDK's, a bug) into a 500 that says only that it
 * happened and under which log reference; the full text, which can show SQL, table names or AWS
 * internals, goes to the log.
 */
export function internalErrorShield(
  errors: ErrorReporter,
): ErrorRequestHandler {
  return (error, req, _res, next) => {
    const status =
      (error as { status?: unknown; statusCode?: unknown })?.statusCode ??
      (error as { status?: unknown })?.status;
    // Body-parser's errors (malformed JSON 400, too large 413) describe the request, not internals.
    const clientError =
      typeof status === 'number' && status >= 400 && status < 500;
    if (error && (USER_FACING.has((error as Error).name) || clientError)) {
      next(error);
      return;
    }
    const reference = errors.report(error, `${req.method} ${req.originalUrl}`);
    next(
      new Error(
        `The bedrock-models backend failed (log reference ${reference}); try again, and give the reference to the portal admins if it persists.`,
      ),
    );
  };
}
