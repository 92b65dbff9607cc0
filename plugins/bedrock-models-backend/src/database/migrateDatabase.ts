import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { Knex } from 'knex';

const migrationsDir = resolvePackagePath(
  '@bedrock-portal/backstage-plugin-bedrock-models-backend',
  'migrations',
);

/** The knex migrations table of this plugin, kept apart from other plugins sharing a database. */
export const MIGRATIONS_TABLE = 'bedrock_models_knex_migrations';

/**
 * Returns the plugin's database client with its migrations applied,
 * unless the operator turned migrations off (`backend.database.skipMigrations`).
 */
export async function migrateDatabase(
  database: DatabaseService,
): Promise<Knex> {
  const client = await database.getClient();
  if (!database.migrations?.skip) await applyMigrations(client);
  return client;
}

/** Applies every migration of the plugin that `client` has not had yet; returns the client. */
export async function applyMigrations(client: Knex): Promise<Knex> {
  await client.migrate.latest({
    directory: migrationsDir,
    tableName: MIGRATIONS_TABLE,
  });
  return client;
}
