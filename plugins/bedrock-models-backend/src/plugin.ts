import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import {
  BEDROCK_MODELS_PLUGIN_ID,
  bedrockModelAdministerPermission,
  bedrockModelApprovePermission,
  bedrockModelImportPermission,
  bedrockModelPromotePermission,
  bedrockModelReadPermission,
  bedrockModelRetirePermission,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { registerRegistryActions } from './actions/registerRegistryActions';
import { createAwsLayer } from './aws/AwsLayer';
import { readRegistryConfig } from './config/readRegistryConfig';
import { DatabaseHealthCheck } from './database/DatabaseHealthCheck';
import { createRegistryStores } from './database/RegistryStores';
import {
  bedrockModelResourceRef,
  isModelOwner,
} from './permissions/bedrockModelRules';
import { createRouter } from './router';
import { createRegistryService } from './service/createRegistryService';
import { ErrorReporter } from './service/ErrorReporter';
import { RegistryChanges } from './service/RegistryChanges';
import { scheduleWorkers } from './workers/scheduleWorkers';

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
        actionsRegistry: actionsRegistryServiceRef,
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
        userInfo: coreServices.userInfo,
        notifications: notificationService,
      },
      async init(deps) {
        const { config, logger, scheduler, httpRouter } = deps;
        const registryConfig = readRegistryConfig(config);
        const stores = await createRegistryStores(deps.database);
        deps.permissionsRegistry.addResourceType({
          resourceRef: bedrockModelResourceRef,
          permissions: [
            bedrockModelReadPermission,
            bedrockModelPromotePermission,
            bedrockModelRetirePermission,
            bedrockModelApprovePermission,
          ],
          rules: [isModelOwner],
          getResources: names => stores.models.getModels(names),
        });
        deps.permissionsRegistry.addPermissions([
          bedrockModelImportPermission,
          bedrockModelAdministerPermission,
        ]);

        const errors = new ErrorReporter(logger);
        const aws = createAwsLayer(config, registryConfig.awsEndpoint);
        const changes = new RegistryChanges({ events: deps.events, logger });
        const { registry, workers } = createRegistryService({
          ...deps,
          stores,
          aws,
          changes,
          errors,
          config: registryConfig,
        });
        await scheduleWorkers({
          workers,
          scheduler,
          logger,
          changes,
          config: registryConfig,
        });

        httpRouter.use(
          await createRouter({
            registry,
            healthCheck: new DatabaseHealthCheck(stores.db),
            config: registryConfig,
            httpAuth: deps.httpAuth,
            errors,
          }),
        );
        // Load balancers and uptime checks call this without a Backstage token.
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
        registerRegistryActions({ ...deps, registry, config: registryConfig });
        logger.info('bedrock-models backend is ready');
      },
    });
  },
});
