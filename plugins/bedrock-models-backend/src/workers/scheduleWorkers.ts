import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { RegistryConfig } from '../config/readRegistryConfig';
import { RegistryWorkers } from '../service/createRegistryService';
import { RegistryChanges } from '../service/RegistryChanges';
import { ApprovalExpiry } from './ApprovalExpiry';
import { CostRefresh } from './CostRefresh';
import { EvaluationRunner } from './EvaluationRunner';
import { PublishingAlerts } from './PublishingAlerts';
import { ImportJobTracker } from './ImportJobTracker';
import { KeepWarmHeartbeat } from './KeepWarmHeartbeat';
import { ModelDiscovery } from './ModelDiscovery';
import { SsmPublisher } from './SsmPublisher';
import { SsmReconciler } from './SsmReconciler';

/** Schedules every worker; each owns its task's id, frequency and timeout. */
export async function scheduleWorkers(options: {
  workers: RegistryWorkers;
  scheduler: SchedulerService;
  logger: LoggerService;
  changes: RegistryChanges;
  config: RegistryConfig;
}): Promise<void> {
  const { workers, scheduler, logger, changes, config } = options;
  await ImportJobTracker.schedule({
    tracker: workers.tracker,
    scheduler,
    config,
    logger,
    changes,
  });
  await ModelDiscovery.schedule({
    discovery: workers.discovery,
    scheduler,
    config,
    logger,
  });
  await SsmPublisher.schedule({
    publisher: workers.publisher,
    scheduler,
    logger,
  });
  await SsmReconciler.schedule({
    reconciler: workers.reconciler,
    scheduler,
    logger,
  });
  await CostRefresh.schedule({ refresh: workers.costRefresh, scheduler });
  await EvaluationRunner.schedule({
    runner: workers.evaluationRunner,
    scheduler,
  });
  await PublishingAlerts.schedule({
    alerts: workers.publishingAlerts,
    scheduler,
  });
  await ApprovalExpiry.schedule({
    approvals: workers.approvals,
    scheduler,
    logger,
  });
  await KeepWarmHeartbeat.schedule({
    heartbeat: workers.keepWarm,
    scheduler,
    changes,
    logger,
  });
}
