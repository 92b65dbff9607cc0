import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { ApprovalService } from '../service/ApprovalService';

/** The scheduled task that expires approval requests nobody decided in time. */
export const APPROVAL_EXPIRY_TASK_ID = 'bedrock-models:approval-expiry';

/** Expires approval requests past their time and tells their requesters. One runner across replicas. */
export class ApprovalExpiry {
  static async schedule(options: {
    approvals: ApprovalService;
    scheduler: SchedulerService;
    logger: LoggerService;
  }): Promise<void> {
    await options.scheduler.scheduleTask({
      id: APPROVAL_EXPIRY_TASK_ID,
      frequency: { minutes: 1 },
      timeout: { minutes: 1 },
      scope: 'global',
      fn: async () => {
        const expired = await options.approvals.expireDue();
        if (expired > 0) {
          options.logger.info(`Approvals: ${expired} request(s) expired`);
        }
      },
    });
  }
}
