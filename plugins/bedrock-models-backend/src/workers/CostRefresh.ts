import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { ModelStore } from '../database/ModelStore';
import { CostService } from '../service/CostService';

/** The scheduled task that reads CloudWatch for the estimates. */
export const COST_REFRESH_TASK_ID = 'bedrock-models:cost-refresh';

/**
 * Reads CloudWatch hourly for the monthly estimates every replica shows, so a governance page rarely
 * waits on CloudWatch; a page that finds them older than an hour still reads them itself.
 */
export class CostRefresh {
  constructor(
    private readonly deps: {
      cost: CostService;
      models: ModelStore;
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
    const { versions } = await this.deps.models.allModelsAndVersions();
    const { errors } = await this.deps.cost.monthlyEstimates(versions);
    if (errors.length > 0) {
      this.deps.logger.warn(`Cost refresh: ${errors.join('; ')}`);
    }
  }
}
