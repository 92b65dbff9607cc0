import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { DefaultAwsCredentialsManager } from '@backstage/integration-aws-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import {
  BEDROCK_MODELS_EVENT_TOPIC,
  BEDROCK_MODELS_PLUGIN_ID,
  BedrockModelsChangeEvent,
  bedrockModelImportPermission,
  bedrockModelPromotePermission,
  bedrockModelReadPermission,
  bedrockModelRetirePermission,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { ArtifactReader } from './aws/ArtifactReader';
import { AwsClients } from './aws/AwsClients';
import { BedrockImportApi } from './aws/BedrockImportApi';
import { ModelCopyMetrics } from './aws/ModelCopyMetrics';
import { ServiceQuotaReader } from './aws/ServiceQuotaReader';
import { CostService } from './cost/CostService';
import { DatabaseImportStore } from './database/DatabaseImportStore';
import { ModelDiscovery } from './discovery/ModelDiscovery';
import { ImportJobStarter } from './imports/ImportJobStarter';
import { ImportJobTracker } from './imports/ImportJobTracker';
import { ImportService } from './imports/ImportService';
import { QuotaService } from './quotas/QuotaService';
import { GovernanceReportService } from './report/GovernanceReportService';
import { readRegistryConfig } from './config/readRegistryConfig';
import { DatabaseHealthCheck } from './database/DatabaseHealthCheck';
import { DatabaseRegistryStore } from './database/DatabaseRegistryStore';
import { migrateDatabase } from './database/migrateDatabase';
import {
  bedrockModelResourceRef,
  isModelOwner,
} from './permissions/bedrockModelRules';
import { SsmOutboxPublisher } from './publishing/SsmOutboxPublisher';
import { SsmReconciler } from './publishing/SsmReconciler';
import { createRouter } from './router';

const PUBLISHER_TASK_ID = 'bedrock-models:ssm-publisher';
const TRACKER_TASK_ID = 'bedrock-models:import-tracker';

/**
 * The bedrock-models backend plugin: the registry of fine-tuned models and every AWS call about them.
 *
 * @public
 */
export const bedrockModelsPlugin = createBackendPlugin({
  pluginId: BEDROCK_MODELS_PLUGIN_ID,
  register(env) {
    env.registerInit({
      deps: {
        auditor: coreServices.auditor,
        auth: coreServices.auth,
        config: coreServices.rootConfig,
        database: coreServices.database,
        events: eventsServiceRef,
        catalog: catalogServiceRef,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        logger: coreServices.logger,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        scheduler: coreServices.scheduler,
      },
      async init(deps) {
        const { config, database, httpRouter, logger, scheduler } = deps;
        const registryConfig = readRegistryConfig(config);
        const db = await migrateDatabase(database);
        const store = new DatabaseRegistryStore(db);

        deps.permissionsRegistry.addResourceType({
          resourceRef: bedrockModelResourceRef,
          permissions: [
            bedrockModelReadPermission,
            bedrockModelPromotePermission,
            bedrockModelRetirePermission,
          ],
          rules: [isModelOwner],
          getResources: names => store.getModels(names),
        });
        deps.permissionsRegistry.addPermissions([bedrockModelImportPermission]);

        const clients = new AwsClients(
          DefaultAwsCredentialsManager.fromConfig(config),
          registryConfig.awsEndpoint,
        );
        const importStore = new DatabaseImportStore(db);
        const bedrock = new BedrockImportApi(clients);
        const announce = (event: BedrockModelsChangeEvent) => {
          if (event.kind === 'pointer-moved') {
            scheduler
              .triggerTask(PUBLISHER_TASK_ID)
              .catch(error => logger.debug(`SSM publish trigger: ${error}`));
          }
          deps.events
            .publish({ topic: BEDROCK_MODELS_EVENT_TOPIC, eventPayload: event })
            .catch(error =>
              logger.warn(`Could not publish ${event.kind} event: ${error}`),
            );
        };
        const starter = new ImportJobStarter({
          bedrock,
          store,
          importStore,
          config: registryConfig,
          logger,
        });
        const quotas = new QuotaService({
          reader: new ServiceQuotaReader(clients),
          importStore,
        });
        const imports = new ImportService({
          artifacts: new ArtifactReader(clients),
          quotas,
          store,
          importStore,
          starter,
          catalog: deps.catalog,
          config: registryConfig,
          logger,
        });
        const tracker = new ImportJobTracker({
          bedrock,
          importStore,
          starter,
          config: registryConfig,
          logger,
          onChange: announce,
        });
        await scheduler.scheduleTask({
          id: TRACKER_TASK_ID,
          // Often enough to notice due jobs promptly; each job is still polled at most once per interval.
          frequency: {
            seconds: Math.min(10, registryConfig.imports.pollIntervalSeconds),
          },
          // A replica that dies in a pass holds the task until this timeout (and the scheduler's janitor,
          // every minute) frees it: keep it short, so tracking resumes within about two minutes.
          timeout: { minutes: 1 },
          scope: 'global',
          fn: async signal => {
            const pass = await tracker.runOnce(signal);
            if (pass.checked > 0) {
              logger.info(`Import tracker: ${JSON.stringify(pass)}`);
            }
          },
        });
        const discovery = new ModelDiscovery({
          bedrock,
          importStore,
          config: registryConfig,
          logger,
          onChange: announce,
        });
        await scheduler.scheduleTask({
          id: 'bedrock-models:discovery',
          frequency: { minutes: registryConfig.discovery.frequencyMinutes },
          initialDelay: { seconds: 5 },
          timeout: { minutes: 10 },
          scope: 'global',
          fn: async () => {
            const results = await discovery.reconcileAll();
            const found = results.reduce((n, r) => n + r.discovered, 0);
            const gone = results.reduce((n, r) => n + r.deleted, 0);
            if (found + gone > 0) {
              logger.info(
                `Discovery: ${found} new version(s), ${gone} gone from AWS`,
              );
            }
          },
        });
        const cost = new CostService({
          metrics: new ModelCopyMetrics(clients),
          store,
          config: registryConfig,
        });
        const publisher = new SsmOutboxPublisher({ store, clients, logger });
        // One runner across replicas; a pointer move also triggers it at once.
        await scheduler.scheduleTask({
          id: PUBLISHER_TASK_ID,
          frequency: { seconds: 15 },
          timeout: { minutes: 2 },
          scope: 'global',
          fn: async () => {
            await publisher.publishDue();
          },
        });

        const reconciler = new SsmReconciler({
          store,
          clients,
          config: registryConfig,
          logger,
        });
        await scheduler.scheduleTask({
          id: 'bedrock-models:ssm-reconciler',
          frequency: { minutes: 10 },
          initialDelay: { minutes: 1 },
          timeout: { minutes: 5 },
          scope: 'global',
          fn: async () => {
            const result = await reconciler.reconcile();
            if (result.requeued + result.unreadable > 0) {
              logger.warn(`SSM reconciliation: ${JSON.stringify(result)}`);
            }
          },
        });

        httpRouter.use(
          await createRouter({
            healthCheck: new DatabaseHealthCheck(db),
            store,
            config: registryConfig,
            httpAuth: deps.httpAuth,
            permissions: deps.permissions,
            auditor: deps.auditor,
            auth: deps.auth,
            clients,
            imports,
            quotas,
            cost,
            report: new GovernanceReportService({
              store,
              cost,
              importStore,
              config: registryConfig,
            }),
            onChange: event => {
              announce(event);
              if (event.kind === 'version-changed') {
                // A new import: start following it now rather than at the next tick.
                scheduler
                  .triggerTask(TRACKER_TASK_ID)
                  .catch(error => logger.debug(`Tracker trigger: ${error}`));
              }
            },
          }),
        );
        // Load balancers and uptime checks call this without a Backstage token.
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
        logger.info('bedrock-models backend is ready');
      },
    });
  },
});
