import { SchedulerService } from '@backstage/backend-plugin-api';
import { PublishOutbox } from '../database/PublishOutbox';
import { RegistryNotifier } from '../service/RegistryNotifier';

/** The scheduled task that tells owners when SSM keeps refusing a pointer's value. */
export const PUBLISHING_ALERTS_TASK_ID = 'bedrock-models:publishing-alerts';

/**
 * Tells a pointer's owners (and the admins) once when its SSM write has failed for longer than the
 * configured minutes: until then callers read the previous ARN.
 */
export class PublishingAlerts {
  constructor(
    private readonly deps: {
      outbox: PublishOutbox;
      notifier: RegistryNotifier;
      failingMinutes: number;
      now?: () => Date;
    },
  ) {}

  static async schedule(options: {
    alerts: PublishingAlerts;
    scheduler: SchedulerService;
  }): Promise<void> {
    await options.scheduler.scheduleTask({
      id: PUBLISHING_ALERTS_TASK_ID,
      frequency: { minutes: 1 },
      timeout: { minutes: 1 },
      scope: 'global',
      fn: () => options.alerts.check().then(() => undefined),
    });
  }

  /** Alerts about every pointer failing too long that was not alerted about yet; answers how many. */
  async check(): Promise<number> {
    const now = this.deps.now?.() ?? new Date();
    const failing = await this.deps.outbox.takeLongFailing(
      new Date(now.getTime() - this.deps.failingMinutes * 60_000),
    );
    for (const pointer of failing) {
      await this.deps.notifier.publishingFailing({
        ...pointer.key,
        ...pointer,
      });
    }
    return failing.length;
  }
}
