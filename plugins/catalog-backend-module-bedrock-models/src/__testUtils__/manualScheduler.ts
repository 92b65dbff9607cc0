import { SchedulerService } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';

/**
 * A mock scheduler that runs nothing by itself, and its service factory: the test triggers each
 * task by hand. `mockServices.scheduler()` returns a MockSchedulerService, which has a `factory`,
 * but is typed as a plain SchedulerService.
 */
export function manualScheduler() {
  const scheduler = mockServices.scheduler() as SchedulerService & {
    factory: typeof mockServices.scheduler.factory;
  };
  return {
    scheduler,
    factory: scheduler.factory({ skipTaskRunOnStartup: true }),
  };
}
