import { isError } from '@backstage/errors';

/**
 * What the scaffolder shows of a failed step: the task page's error card shows the error's message,
 * and the task log gets its `stack` (NunjucksWorkflowRunner writes `String(err.stack)`), which by
 * default lists the server's source files. An error with a `plainText` keeps that for the log.
 */
type WithPlainText = Error & { plainText?: string };

/**
 * The same error with its stack replaced by words (its `plainText`, else its message), so the task
 * log shows what failed and never the server's stack frames or file paths. Non-errors become errors.
 */
export function withoutStackFrames(error: unknown): Error {
  const e: WithPlainText = isError(error)
    ? (error as WithPlainText)
    : new Error(String(error));
  // Stacks are writable own properties of errors in V8.
  e.stack = e.plainText ?? e.message;
  return e;
}

/**
 * Runs a step's handler so that whatever it throws reaches the task log and error card without the
 * server's stack trace (see {@link withoutStackFrames}).
 */
export async function runWithoutStackFrames<T>(
  handler: () => Promise<T>,
): Promise<T> {
  try {
    return await handler();
  } catch (error) {
    throw withoutStackFrames(error);
  }
}
