import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { CostEstimates } from '../service/CostEstimates';

/** The scheduled task that reads CloudWatch for the estimates. */
export const COST_REFRESH_TASK_ID = 'bedrock-models:cost-refresh';

/**
 * Reads CloudWatch hourly for the monthly estimates every replica shows, so a governance page rarely
 * waits on CloudWatch; a page that finds them older than an hour still reads them itself.
 */
export class CostRefresh {
  constructor(
    private readonly deps: {
      estimates: CostEstimates;
      logger: LoggerService;
    },
  ) {}

  static async schedule(options: {
    refresh: CostRefresh;
    scheduler: SchedulerService;
  }): Promise<void> {
    await options.scheduler.scheduleTask({
      id: COST_REFRESH_TASK_ID,
      frequency: { minutes: 60 },
      initialDelay: { minutes: 2 },
      timeout: { minutes: 10 },
      scope: 'global',
      fn: () => options.refresh.refresh(),
    });
  }

  async refresh(): Promise<void> {
    // Ahead of the hour after which a page would read CloudWatch itself.
    const { errors } = await this.deps.estimates.refreshStale(50 * 60_000);
    if (errors.length > 0) {
      this.deps.logger.warn(`Cost refresh: ${errors.join('; ')}`);
    }
  }
}
