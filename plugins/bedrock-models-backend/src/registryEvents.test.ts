import { createBackendPlugin } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
// The real events service: one in-process bus shared by the plugins of a backend.
import {
  eventsServiceFactory,
  eventsServiceRef,
} from '@backstage/plugin-events-node';
import {
  BEDROCK_MODELS_EVENT_TOPIC,
  BedrockModelsChangeEvent,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import request from 'supertest';
import { bedrockModelsPlugin } from './plugin';
import {
  insertModel,
  insertVersions,
  memoryDb,
  registryTestConfig,
} from './__testUtils__/registryFixtures';

describe('registry change events', () => {
  it('announces a pointer move on the events service, for the catalog module to pick up', async () => {
    const received: BedrockModelsChangeEvent[] = [];
    // Stands in for the catalog module: another plugin subscribed to the topic.
    const subscriber = createBackendPlugin({
      pluginId: 'subscriber',
      register(env) {
        env.registerInit({
          deps: { events: eventsServiceRef },
          async init({ events }) {
            await events.subscribe({
              id: 'subscriber',
              topics: [BEDROCK_MODELS_EVENT_TOPIC],
              onEvent: async event => {
                received.push(event.eventPayload as BedrockModelsChangeEvent);
              },
            });
          },
        });
      },
    });
    const knex = memoryDb();
    const { server } = await startTestBackend({
      features: [
        bedrockModelsPlugin,
        subscriber,
        eventsServiceFactory,
        mockServices.database.factory({ knex }),
        mockServices.rootConfig.factory({
          data: registryTestConfig({ regions: ['us-east-1'] }),
        }),
      ],
    });
    await insertModel(knex, { name: 'summarizer', owner: 'user:default/ana' });
    await insertVersions(knex, 'summarizer', [{ number: 1 }]);

    await request(server)
      .post('/api/bedrock-models/models/summarizer/aliases/production')
      .set('Authorization', mockCredentials.user.header('user:default/ana'))
      .send({ region: 'us-east-1', version: 1, reason: 'launch' })
      .expect(200);

    // Bounded by time, not a count of short sleeps, so a busy CI machine does not fail it.
    const deadline = Date.now() + 10_000;
    while (received.length === 0 && Date.now() < deadline) {
      await new Promise(resolve => setTimeout(resolve, 20));
    }
    expect(received).toEqual([
      {
        kind: 'pointer-moved',
        modelName: 'summarizer',
        alias: 'production',
        region: 'us-east-1',
        fromVersion: null,
        toVersion: 1,
      },
    ]);
  });
});
