import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { awsErrorMessage } from '../aws/awsErrorKinds';
import { SsmParameters } from '../aws/SsmParameters';
import { PointerKey } from '../database/PointerStore';
import { PublishOutbox } from '../database/PublishOutbox';
import { ErrorReporter } from '../service/ErrorReporter';

/** Waits between attempts: 5 s, 10 s, 20 s ... up to 15 minutes. */
export function publishBackoffMs(attempts: number): number {
  return Math.min(5_000 * 2 ** attempts, 15 * 60_000);
}

/** The scheduled task that publishes what requests could not. */
export const SSM_PUBLISHER_TASK_ID = 'bedrock-models:ssm-publisher';

/** What one publishing pass did. */
export type PublishPass = {
  published: number;
  failed: number;
  upToDate: number;
};

/**
 * Writes pointers to SSM Parameter Store (PutParameter with Overwrite, in the pointer's account and
 * Region). Every write goes through the outbox under the pointer's lock and carries the value of the
 * pointer's current revision, so a slow or retried write never puts an older ARN back. A request
 * publishes right after its move commits; the scheduled pass retries, with backoff, what failed.
 */
export class SsmPublisher {
  constructor(
    private readonly deps: {
      outbox: PublishOutbox;
      ssm: SsmParameters;
      logger: LoggerService;
      errors: ErrorReporter;
      now?: () => Date;
    },
  ) {}

  /**
   * Schedules the retrying pass (one runner across replicas). The task's timeout stays short: a replica
   * dying in a pass holds the task until then, and each write is bounded by the SDK's request timeout.
   */
  static async schedule(options: {
    publisher: SsmPublisher;
    scheduler: SchedulerService;
    logger: LoggerService;
  }): Promise<void> {
    await options.scheduler.scheduleTask({
      id: SSM_PUBLISHER_TASK_ID,
      frequency: { seconds: 15 },
      timeout: { minutes: 1 },
      scope: 'global',
      fn: async signal => {
        const pass = await options.publisher.publishDue(signal);
        if (pass.failed > 0) {
          options.logger.warn(`SSM publishing: ${JSON.stringify(pass)}`);
        }
      },
    });
  }

  private now() {
    return this.deps.now?.() ?? new Date();
  }

  /**
   * Publishes one pointer now, giving up after `timeoutMs` (the write then stays queued for the pass).
   * Answers whether SSM names the pointer's current version when it returns.
   */
  async publishPointer(key: PointerKey, timeoutMs: number): Promise<boolean> {
    const abort = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>(resolve => {
      timer = setTimeout(() => {
        abort.abort();
        resolve('timeout');
      }, timeoutMs);
    });
    try {
      const outcome = await Promise.race([
        this.publish(key, abort.signal, timeoutMs),
        timeout,
      ]);
      return outcome === 'published' || outcome === 'up-to-date';
    } finally {
      clearTimeout(timer);
    }
  }

  /** Publishes every pointer with a write due; stops between pointers once `signal` is aborted. */
  async publishDue(signal?: AbortSignal, limit = 100): Promise<PublishPass> {
    const pass: PublishPass = { published: 0, failed: 0, upToDate: 0 };
    for (const key of await this.deps.outbox.duePointers(this.now(), limit)) {
      if (signal?.aborted) break;
      const outcome = await this.publish(key, signal);
      if (outcome === 'published') pass.published += 1;
      else if (outcome === 'failed') pass.failed += 1;
      else pass.upToDate += 1;
    }
    return pass;
  }

  private async publish(
    key: PointerKey,
    signal?: AbortSignal,
    lockTimeoutMs?: number,
  ): Promise<'published' | 'up-to-date' | 'failed'> {
    let revision: number | undefined;
    try {
      const outcome = await this.deps.outbox.publishCurrent(
        key,
        async publication => {
          revision = publication.revision;
          await this.deps.ssm.put(
            {
              accountId: publication.accountId,
              region: publication.key.region,
            },
            publication.parameterName,
            publication.value,
            { abortSignal: signal },
          );
        },
        { lockTimeoutMs },
      );
      return outcome.kind === 'published' ? 'published' : 'up-to-date';
    } catch (error) {
      if (signal?.aborted) {
        // Our own time limit (a request's, or the scheduler's), not an AWS failure: the write stays due
        // now, for the next pass, without a backoff.
        return 'failed';
      }
      if (revision !== undefined) {
        const now = this.now();
        const message = this.deps.errors.summarize(error);
        await this.deps.outbox
          .recordFailure(
            key,
            revision,
            message,
            attempts => new Date(now.getTime() + publishBackoffMs(attempts)),
          )
          .catch(e =>
            this.deps.logger.warn(`Recording a failed publish: ${e}`),
          );
        this.deps.logger.warn(
          `Publishing ${key.modelName}/${key.alias} in ${
            key.region
          } (revision ${revision}) failed; it is retried with backoff: ${awsErrorMessage(
            error,
          )}`,
        );
      } else {
        // The lock or the database failed before a write was tried: the pass tries again later.
        this.deps.logger.warn(
          `Publishing ${key.modelName}/${key.alias} in ${key.region} could not start: ${error}`,
        );
      }
      return 'failed';
    }
  }
}
