import { BedrockModelsHealth } from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { ServiceUnavailableError } from '@backstage/errors';
import { Knex } from 'knex';
import { MIGRATIONS_TABLE } from './migrateDatabase';

/** Answers whether the plugin's database is reachable and migrated. */
export class DatabaseHealthCheck {
  constructor(private readonly db: Knex) {}

  async check(): Promise<BedrockModelsHealth> {
    try {
      const [{ count }] = await this.db(MIGRATIONS_TABLE).count({
        count: '*',
      });
      return {
        status: 'ok',
        database: {
          client: String(this.db.client.config.client),
          migrationsApplied: Number(count),
        },
      };
    } catch (error) {
      // The router turns this into a 503, which tells a load balancer to look elsewhere.
      throw new ServiceUnavailableError(
        `The bedrock-models database cannot be read: ${
          (error as Error).message
        }`,
      );
    }
  }
}
