// A bedrock-models backend as its own process, for drills that kill it or run two of them on one
// PostgreSQL: the real backend system (database, scheduler with cross-replica locks, HTTP), mock auth so
// the drill can call as a user, and a catalog that knows the drill's owner. Config comes as JSON in
// DRILL_BACKEND_CONFIG.
import { createBackend } from '@backstage/backend-defaults';
import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { eventsServiceFactory } from '@backstage/plugin-events-node';
import { bedrockModelsPlugin } from '../../plugin';
import { OWNER_GROUP_ENTITY } from '../../__testUtils__/registryFixtures';

const config = JSON.parse(process.env.DRILL_BACKEND_CONFIG ?? '{}');
const backend = createBackend();
backend.add(mockServices.rootConfig.factory({ data: config }));
backend.add(mockServices.auth.factory());
backend.add(mockServices.httpAuth.factory());
backend.add(mockServices.permissions.factory());
backend.add(mockServices.userInfo.factory());
backend.add(eventsServiceFactory);
backend.add(
  catalogServiceMock.factory({
    entities: [OWNER_GROUP_ENTITY],
  }),
);
backend.add(bedrockModelsPlugin);
backend.start().catch(error => {
  // eslint-disable-next-line no-console
  console.error(error);
  process.exit(1);
});
