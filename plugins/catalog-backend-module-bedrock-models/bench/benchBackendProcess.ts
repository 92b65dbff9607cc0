// The backend of bench:api, as its own process: the real backend system (backend-defaults: HTTP,
// PostgreSQL with one database per plugin, scheduler), the real catalog backend with this module, and the
// bedrock-models backend, with mock auth so the load generator can call as a user. Config comes as JSON
// in BENCH_BACKEND_CONFIG.
import { createBackend } from '@backstage/backend-defaults';
import { mockServices } from '@backstage/backend-test-utils';
import catalogBackend from '@backstage/plugin-catalog-backend';
import { eventsServiceFactory } from '@backstage/plugin-events-node';
// The bench runs the real backend plugin the provider reads from.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import bedrockModelsBackend from '@bedrock-portal/backstage-plugin-bedrock-models-backend';
import { catalogModuleBedrockModels } from '../src/module';

const config = JSON.parse(process.env.BENCH_BACKEND_CONFIG ?? '{}');
const backend = createBackend();
backend.add(mockServices.rootConfig.factory({ data: config }));
backend.add(mockServices.auth.factory());
backend.add(mockServices.httpAuth.factory());
backend.add(mockServices.permissions.factory());
backend.add(mockServices.userInfo.factory());
// One events bus for the whole backend, as in production.
backend.add(eventsServiceFactory);
backend.add(catalogBackend);
backend.add(catalogModuleBedrockModels);
backend.add(bedrockModelsBackend);
backend.start().catch(error => {
  // eslint-disable-next-line no-console
  console.error(error);
  process.exit(1);
});
