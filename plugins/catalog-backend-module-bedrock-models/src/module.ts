import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { bedrockModelsServiceRef } from '@bedrock-portal/backstage-plugin-bedrock-models-node';
import { BedrockModelsEntityProvider } from './provider/BedrockModelsEntityProvider';
import { readProviderSchedule } from './provider/readProviderSchedule';

/**
 * Catalog module that adds the bedrock-models entity provider.
 *
 * @public
 */
export const catalogModuleBedrockModels = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'bedrock-models',
  register({ registerInit }) {
    registerInit({
      deps: {
        auth: coreServices.auth,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
        client: bedrockModelsServiceRef,
        processing: catalogProcessingExtensionPoint,
      },
      async init({ auth, config, logger, scheduler, client, processing }) {
        processing.addEntityProvider(
          new BedrockModelsEntityProvider({
            client,
            auth,
            logger,
            taskRunner: scheduler.createScheduledTaskRunner(
              readProviderSchedule(config),
            ),
          }),
        );
      },
    });
  },
});
