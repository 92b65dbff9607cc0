import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { BEDROCK_MODELS_PLUGIN_ID } from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { DatabaseHealthCheck } from './database/DatabaseHealthCheck';
import { migrateDatabase } from './database/migrateDatabase';
import { createRouter } from './router';

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
        database: coreServices.database,
        httpRouter: coreServices.httpRouter,
        logger: coreServices.logger,
      },
      async init({ database, httpRouter, logger }) {
        const db = await migrateDatabase(database);
        httpRouter.use(
          await createRouter({ healthCheck: new DatabaseHealthCheck(db) }),
        );
        // Load balancers and uptime checks call this without a Backstage token.
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
        logger.info('bedrock-models backend is ready');
      },
    });
  },
});
