import {
  AuditorService,
  AuthService,
  LoggerService,
  PermissionsService,
  SchedulerService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { AwsLayer } from '../aws/AwsLayer';
import { RegistryConfig } from '../config/readRegistryConfig';
import { RegistryStores } from '../database/RegistryStores';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { CostRefresh } from '../workers/CostRefresh';
import {
  EVALUATION_RUNNER_TASK_ID,
  EvaluationRunner,
} from '../workers/EvaluationRunner';
import { PublishingAlerts } from '../workers/PublishingAlerts';
import { ApprovalRequests } from './ApprovalRequests';
import { ApprovalService } from './ApprovalService';
import { EvaluationService } from './EvaluationService';
import { RegistryNotifier } from './RegistryNotifier';
import { ImportJobTracker } from '../workers/ImportJobTracker';
import {
  KEEP_WARM_TASK_ID,
  KeepWarmHeartbeat,
} from '../workers/KeepWarmHeartbeat';
import { ColdStartRecorder } from './ColdStartRecorder';
import { KeepWarmService } from './KeepWarmService';
import { ModelDiscovery } from '../workers/ModelDiscovery';
import { SSM_PUBLISHER_TASK_ID, SsmPublisher } from '../workers/SsmPublisher';
import { SsmReconciler } from '../workers/SsmReconciler';
import { AuthorizedRegistryService } from './AuthorizedRegistryService';
import { CostEstimates } from './CostEstimates';
import { CostService } from './CostService';
import { DefaultRegistryService } from './DefaultRegistryService';
import { ErrorReporter } from './ErrorReporter';
import { GovernanceReportService } from './GovernanceReportService';
import { AuditTrailService } from './AuditTrailService';
import { AttentionService } from './AttentionService';
import { ImportJobStarter } from './ImportJobStarter';
import { ImportService } from './ImportService';
import { PromotionService } from './PromotionService';
import { QuotaService } from './QuotaService';
import { RegistryChanges } from './RegistryChanges';
import { RegistryService } from './RegistryService';
import { RetirementService } from './RetirementService';

/** The registry's scheduled work, built with the same parts as the service. */
export type RegistryWorkers = {
  tracker: ImportJobTracker;
  discovery: ModelDiscovery;
  publisher: SsmPublisher;
  reconciler: SsmReconciler;
  costRefresh: CostRefresh;
  evaluationRunner: EvaluationRunner;
  publishingAlerts: PublishingAlerts;
  /** Expires requests nobody decided in time. */
  approvals: ApprovalService;
  /** Sends keep-warm heartbeats. */
  keepWarm: KeepWarmHeartbeat;
};

/**
 * Builds the registry: the services that do the work, the authorizing layer callers use, and the
 * workers that share their parts.
 */
export function createRegistryService(deps: {
  stores: RegistryStores;
  aws: AwsLayer;
  changes: RegistryChanges;
  errors: ErrorReporter;
  config: RegistryConfig;
  catalog: CatalogService;
  permissions: PermissionsService;
  auth: AuthService;
  userInfo: UserInfoService;
  auditor: AuditorService;
  logger: LoggerService;
  scheduler: SchedulerService;
  /** Absent in backends without the notifications plugin: then nobody is told. */
  notifications?: NotificationService;
}): { registry: RegistryService; workers: RegistryWorkers } {
  const { stores, aws, changes, errors, config, logger } = deps;
  const retryPublishing = () =>
    deps.scheduler
      .triggerTask(SSM_PUBLISHER_TASK_ID)
      .catch(error => logger.debug(`SSM publish trigger: ${error}`));
  const notifier = new RegistryNotifier({
    notifications: deps.notifications,
    models: stores.models,
    config,
    logger,
  });
  const runQueued = () =>
    deps.scheduler
      .triggerTask(EVALUATION_RUNNER_TASK_ID)
      .catch(error => logger.debug(`Evaluation runner trigger: ${error}`));
  const coldStarts = new ColdStartRecorder({
    coldStarts: stores.coldStarts,
    thresholdMs: config.keepWarm.coldStartThresholdMs,
    logger,
  });
  const keepWarm = new KeepWarmService({
    keepWarm: stores.keepWarm,
    coldStarts: stores.coldStarts,
    pointers: stores.pointers,
    models: stores.models,
    config,
    beatNow: () =>
      deps.scheduler
        .triggerTask(KEEP_WARM_TASK_ID)
        .catch(error => logger.debug(`Keep-warm trigger: ${error}`)),
  });
  const evaluations = new EvaluationService({
    evaluations: stores.evaluations,
    models: stores.models,
    pointers: stores.pointers,
    config,
    runQueued,
  });
  const publisher = new SsmPublisher({
    outbox: stores.outbox,
    ssm: aws.ssm,
    logger,
    errors,
  });
  const starter = new ImportJobStarter({
    bedrock: aws.bedrock,
    models: stores.models,
    imports: stores.imports,
    errors,
    config,
    logger,
  });
  const quotas = new QuotaService({
    reader: aws.quotas,
    models: stores.models,
    discovery: stores.discovery,
  });
  const cost = new CostService({
    metrics: aws.metrics,
    models: stores.models,
    errors,
    config,
  });
  const estimates = new CostEstimates({
    metrics: aws.metrics,
    models: stores.models,
    costs: stores.costs,
    errors,
    config,
  });
  const report = new GovernanceReportService({
    query: stores.report,
    estimates,
    discovery: stores.discovery,
    config,
  });
  const promotion = new PromotionService({
    models: stores.models,
    pointers: stores.pointers,
    publisher,
    changes,
    config,
    evaluations,
    approvals: new ApprovalRequests({ approvals: stores.approvals, notifier }),
    notifier,
    retryPublishing,
  });
  const inner = new DefaultRegistryService({
    stores,
    config,
    cost,
    quotas,
    report,
    auditTrail: new AuditTrailService({ query: stores.auditTrail }),
    attention: new AttentionService({
      report,
      estimates,
      quotas,
      errors,
      config,
    }),
    imports: new ImportService({
      artifacts: aws.artifacts,
      quotas,
      models: stores.models,
      pointers: stores.pointers,
      imports: stores.imports,
      starter,
      catalog: deps.catalog,
      changes,
      config,
      logger,
    }),
    promotion,
    approvals: new ApprovalService({
      approvals: stores.approvals,
      models: stores.models,
      promotion,
      notifier,
    }),
    evaluations,
    keepWarm,
    userInfo: deps.userInfo,
    retirement: new RetirementService({
      models: stores.models,
      bedrock: aws.bedrock,
      changes,
      errors,
    }),
  });
  const registry = new AuthorizedRegistryService(inner, {
    permissions: deps.permissions,
    auth: deps.auth,
    userInfo: deps.userInfo,
    auditor: deps.auditor,
    models: stores.models,
    approvals: stores.approvals,
    config,
  });
  const workers: RegistryWorkers = {
    publisher,
    tracker: new ImportJobTracker({
      bedrock: aws.bedrock,
      imports: stores.imports,
      starter,
      config,
      logger,
      changes,
      errors,
      coldStarts,
    }),
    discovery: new ModelDiscovery({
      bedrock: aws.bedrock,
      models: stores.models,
      imports: stores.imports,
      discovery: stores.discovery,
      config,
      logger,
      changes,
      errors,
    }),
    reconciler: new SsmReconciler({
      outbox: stores.outbox,
      ssm: aws.ssm,
      logger,
      errors,
      retryPublishing,
      notifier,
    }),
    costRefresh: new CostRefresh({ estimates, logger }),
    evaluationRunner: new EvaluationRunner({
      evaluations: stores.evaluations,
      models: stores.models,
      invoker: aws.invoker,
      logger,
      errors,
      coldStarts,
    }),
    publishingAlerts: new PublishingAlerts({
      outbox: stores.outbox,
      notifier,
      failingMinutes: config.notifications.publishFailingMinutes,
    }),
    approvals: inner.approvals,
    keepWarm: new KeepWarmHeartbeat({
      keepWarm: stores.keepWarm,
      invoker: aws.invoker,
      coldStarts,
      config,
      logger,
      errors,
    }),
  };
  return { registry, workers };
}
