import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { BEDROCK_MODELS_PLUGIN_ID } from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { bedrockModelsServiceRef } from '@bedrock-portal/backstage-plugin-bedrock-models-node';
import { ModelEntityMapper } from './entities/ModelEntityMapper';
import {
  BEDROCK_MODELS_PROVIDER_NAME,
  BedrockModelsEntityProvider,
} from './provider/BedrockModelsEntityProvider';
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
        discovery: coreServices.discovery,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
        events: eventsServiceRef,
        client: bedrockModelsServiceRef,
        processing: catalogProcessingExtensionPoint,
      },
      async init({
        auth,
        config,
        discovery,
        logger,
        scheduler,
        events,
        client,
        processing,
      }) {
        const mapper = new ModelEntityMapper({
          appBaseUrl: config.getOptionalString('app.baseUrl'),
          backendBaseUrl: await discovery.getExternalBaseUrl(
            BEDROCK_MODELS_PLUGIN_ID,
          ),
          locationKey: BEDROCK_MODELS_PROVIDER_NAME,
        });
        processing.addEntityProvider(
          new BedrockModelsEntityProvider({
            client,
            auth,
            logger,
            events,
            mapper,
            taskRunner: scheduler.createScheduledTaskRunner(
              readProviderSchedule(config),
            ),
          }),
        );
      },
    });
  },
});
