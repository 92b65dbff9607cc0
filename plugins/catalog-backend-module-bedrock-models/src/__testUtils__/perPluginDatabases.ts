import {
  coreServices,
  createServiceFactory,
  DatabaseService,
} from '@backstage/backend-plugin-api';
import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';

type Knex = Awaited<ReturnType<DatabaseService['getClient']>>;

/**
 * A database service giving each plugin its own test database on the given engine, as the
 * real database manager does (catalog and bedrock-models never share tables).
 */
export function perPluginDatabases(
  databases: TestDatabases,
  databaseId: TestDatabaseId,
) {
  const clients = new Map<string, Promise<Knex>>();
  return createServiceFactory({
    service: coreServices.database,
    deps: { plugin: coreServices.pluginMetadata },
    factory: ({ plugin }) => ({
      getClient: () => {
        const pluginId = plugin.getId();
        if (!clients.has(pluginId)) {
          clients.set(pluginId, databases.init(databaseId));
        }
        return clients.get(pluginId)!;
      },
    }),
  });
}
