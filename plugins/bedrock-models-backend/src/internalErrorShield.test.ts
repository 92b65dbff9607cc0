import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import request from 'supertest';
import { bedrockModelsPlugin } from './plugin';
import {
  insertModel,
  memoryDb,
  registryTestConfig,
} from './__testUtils__/registryFixtures';

describe('errors users see', () => {
  it('never carry database internals: a 500 names a log reference, and the log has the full text', async () => {
    const knex = memoryDb();
    const logger = mockServices.logger.mock();
    const { server } = await startTestBackend({
      features: [
        bedrockModelsPlugin,
        mockServices.database.factory({ knex }),
        mockServices.rootConfig.factory({
          data: registryTestConfig({ regions: ['us-east-1'] }),
        }),
        logger.factory,
      ],
    });
    await insertModel(knex, { name: 'summarizer', owner: 'user:default/ana' });
    // The database loses a table the model page reads (an operator's mistake, a bad restore).
    await knex.schema.dropTable('alias_history');
    const res = await request(server)
      .get('/api/bedrock-models/models/summarizer')
      .set('Authorization', mockCredentials.user.header('user:default/ana'));
    expect(res.status).toBe(500);
    const message: string = res.body.error.message;
    expect(message).toMatch(
      /^The bedrock-models backend failed \(log reference [0-9a-f]{8}\); try again, and give the reference to the portal admins if it persists\.$/,
    );
    expect(JSON.stringify(res.body)).not.toMatch(
      /alias_history|SQLITE|select/i,
    );
    const reference = /log reference ([0-9a-f]{8})/.exec(message)![1];
    const warnings = logger.warn.mock.calls;
    expect(
      warnings.some(
        ([text]) =>
          String(text).includes(`[ref ${reference}]`) &&
          String(text).includes('alias_history'),
      ),
    ).toBe(true);
  });
});
