import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  Entity,
} from '@backstage/catalog-model';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';

/** The team that owns the test models, and a member of it who imports and promotes. */
export const TEST_OWNER = 'group:default/support-ml';
export const TEST_USER = 'user:default/guest';

const location = 'url:https://example.com/test-org.yaml';
const annotations = {
  [ANNOTATION_LOCATION]: location,
  [ANNOTATION_ORIGIN_LOCATION]: location,
};

/** The test organisation as catalog entities. */
export const testOrgEntities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'support-ml', namespace: 'default', annotations },
    spec: { type: 'team', children: [] },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name: 'guest', namespace: 'default', annotations },
    spec: { memberOf: ['support-ml'] },
  },
];

/** A catalog module that puts the test organisation in a real catalog, so owners resolve. */
export const testOrgModule = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'test-org',
  register(env) {
    env.registerInit({
      deps: { processing: catalogProcessingExtensionPoint },
      async init({ processing }) {
        processing.addEntityProvider({
          getProviderName: () => 'test-org',
          connect: connection =>
            connection.applyMutation({
              type: 'full',
              entities: testOrgEntities.map(entity => ({
                entity,
                locationKey: 'test-org',
              })),
            }),
        });
      },
    });
  },
});
