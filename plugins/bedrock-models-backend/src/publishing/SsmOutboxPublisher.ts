import { PutParameterCommand } from '@aws-sdk/client-ssm';
import { LoggerService } from '@backstage/backend-plugin-api';
import { AwsClients } from '../aws/AwsClients';
import { DatabaseRegistryStore } from '../database/DatabaseRegistryStore';

/** Waits between attempts: 5 s, 10 s, 20 s ... up to 15 minutes. */
export function publishBackoffMs(attempts: number): number {
  return Math.min(5_000 * 2 ** attempts, 15 * 60_000);
}

/**
 * Writes queued pointer moves to SSM Parameter Store (PutParameter with Overwrite, in the pointer's
 * account and Region) and marks them published; a failed write is retried later with backoff.
 */
export class SsmOutboxPublisher {
  constructor(
    private readonly deps: {
      store: DatabaseRegistryStore;
      clients: AwsClients;
      logger: LoggerService;
      now?: () => Date;
    },
  ) {}

  /** Publishes every write that is due; returns how many succeeded and failed. */
  async publishDue(
    limit = 100,
  ): Promise<{ published: number; failed: number }> {
    const now = this.deps.now?.() ?? new Date();
    const due = await this.deps.store.dueOutbox(now, limit);
    let published = 0;
    let failed = 0;
    for (const entry of due) {
      try {
        const ssm = await this.deps.clients.ssm(entry.accountId, entry.region);
        await ssm.send(
          new PutParameterCommand({
            Name: entry.parameterName,
            Value: entry.value,
            Type: 'String',
            Overwrite: true,
          }),
        );
        await this.deps.store.markPublished(entry.id, now);
        published += 1;
      } catch (error) {
        failed += 1;
        const message = `${(error as Error).name}: ${(error as Error).message}`;
        const retryAt = new Date(
          now.getTime() + publishBackoffMs(entry.attempts),
        );
        await this.deps.store.markPublishFailed(entry.id, message, retryAt);
        this.deps.logger.warn(
          `Publishing ${entry.parameterName} in ${entry.accountId}/${
            entry.region
          } failed (attempt ${
            entry.attempts + 1
          }); retrying at ${retryAt.toISOString()}: ${message}`,
        );
      }
    }
    return { published, failed };
  }
}
