import { randomBytes } from 'node:crypto';
import { LoggerService } from '@backstage/backend-plugin-api';

type ErrorLike = { name?: string; message?: string };

/**
 * Keeps internals out of what users see: AWS and database error texts can name roles, accounts,
 * tables or SQL. The full error goes to the log under a short reference; users see the error's kind
 * and the reference, which an operator can search the log for.
 */
export class ErrorReporter {
  constructor(private readonly logger: LoggerService) {}

  /** Logs the full error under a new reference; returns the reference. */
  report(error: unknown, context: string): string {
    const reference = randomBytes(4).toString('hex');
    const e = error as ErrorLike;
    this.logger.warn(
      `[ref ${reference}] ${context}: ${e?.name ?? 'Error'}: ${
        e?.message ?? String(error)
      }`,
    );
    return reference;
  }

  /**
   * A text safe to show users about an AWS or database failure: its kind (e.g. AccessDeniedException,
   * which tells an operator what to fix) and the log reference of the full text.
   */
  summarize(error: unknown, context = 'AWS call'): string {
    const reference = this.report(error, context);
    const name = (error as ErrorLike)?.name;
    const kind =
      name && /^[A-Za-z][A-Za-z0-9]{0,63}$/.test(name) ? name : 'Error';
    return `${kind} (log reference ${reference})`;
  }
}
