import { join } from 'node:path';
import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import knexFactory from 'knex';

/**
 * One SQLite file per plugin in `directory`. When the backend stops, its database calls never
 * return, as in a process that died: the heartbeat of a task it was running stops, so a backend
 * started on the same files sees the task as stale and recovers it. (Backstage's own database service
 * leaves SQLite connections working after shutdown, so the stopped backend would go on heartbeating.)
 */
export function fileDatabases(directory: string) {
  return createServiceFactory({
    service: coreServices.database,
    deps: {
      plugin: coreServices.pluginMetadata,
      lifecycle: coreServices.lifecycle,
    },
    factory({ plugin, lifecycle }) {
      const knex = knexFactory({
        client: 'better-sqlite3',
        connection: { filename: join(directory, `${plugin.getId()}.sqlite`) },
        useNullAsDefault: true,
        pool: {
          // As Backstage's SQLite connector does.
          afterCreate(
            connection: { pragma(statement: string): unknown },
            done: (error: Error | null, connection: unknown) => void,
          ) {
            connection.pragma('foreign_keys = ON');
            done(null, connection);
          },
        },
      });
      lifecycle.addShutdownHook(async () => {
        const client = knex.client as { acquireConnection(): Promise<never> };
        client.acquireConnection = () => new Promise<never>(() => {});
      });
      return { getClient: async () => knex, migrations: { skip: false } };
    },
  });
}
