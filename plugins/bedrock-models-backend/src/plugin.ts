import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { DefaultAwsCredentialsManager } from '@backstage/integration-aws-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import {
  BEDROCK_MODELS_EVENT_TOPIC,
  BEDROCK_MODELS_PLUGIN_ID,
  bedrockModelImportPermission,
  bedrockModelPromotePermission,
  bedrockModelReadPermission,
  bedrockModelRetirePermission,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { AwsClients } from './aws/AwsClients';
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
            onChange: event => {
              if (event.kind === 'pointer-moved') {
                scheduler
                  .triggerTask(PUBLISHER_TASK_ID)
                  .catch(error =>
                    logger.debug(`SSM publish trigger: ${error}`),
                  );
              }
              deps.events
                .publish({
                  topic: BEDROCK_MODELS_EVENT_TOPIC,
                  eventPayload: event,
                })
                .catch(error =>
                  logger.warn(
                    `Could not publish ${event.kind} event: ${error}`,
                  ),
                );
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
