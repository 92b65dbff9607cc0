import {
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { readdirSync } from 'node:fs';
import { resolve as resolvePath } from 'node:path';
import request from 'supertest';
import { bedrockModelsPlugin } from './plugin';
import { MIGRATIONS_TABLE } from './database/migrateDatabase';

jest.setTimeout(60_000);

// Database tests run on every engine the test command configures; see scripts/test.sh,
// which fails a CI run where PostgreSQL was not exercised.
const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

/** Every migration the package ships: start-up must apply them all. */
const MIGRATION_COUNT = readdirSync(
  resolvePath(__dirname, '../migrations'),
).filter(file => file.endsWith('.js')).length;

describe('bedrockModelsPlugin', () => {
  it.each(databases.eachSupportedId())(
    'migrates the database and reports health, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const { server } = await startTestBackend({
        features: [
          bedrockModelsPlugin,
          mockServices.database.factory({ knex }),
        ],
      });

      // No Authorization header: health is public, for load balancers.
      const res = await request(server).get('/api/bedrock-models/health');

      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        status: 'ok',
        database: {
          client: databaseId.startsWith('POSTGRES') ? 'pg' : 'better-sqlite3',
          migrationsApplied: MIGRATION_COUNT,
        },
      });
      expect(await knex.schema.hasTable('models')).toBe(true);
      const [{ count }] = await knex(MIGRATIONS_TABLE).count({ count: '*' });
      expect(Number(count)).toBe(MIGRATION_COUNT);
      expect(MIGRATION_COUNT).toBeGreaterThanOrEqual(4);
    },
  );

  it.each(databases.eachSupportedId())(
    'answers 503 with the reason when the database is gone, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const { server } = await startTestBackend({
        features: [
          bedrockModelsPlugin,
          mockServices.database.factory({ knex }),
        ],
      });
      await knex.schema.dropTable(MIGRATIONS_TABLE);

      const res = await request(server).get('/api/bedrock-models/health');

      expect(res.status).toBe(503);
      expect(res.body.error).toMatchObject({
        name: 'ServiceUnavailableError',
        message: expect.stringContaining(
          'The bedrock-models database cannot be read',
        ),
      });
    },
  );

  it('requires a Backstage token for everything but health', async () => {
    const { server } = await startTestBackend({
      features: [bedrockModelsPlugin],
    });
    const res = await request(server)
      .get('/api/bedrock-models/models')
      .set('Authorization', 'Bearer not-a-token');
    expect(res.status).toBe(401);
  });
});
