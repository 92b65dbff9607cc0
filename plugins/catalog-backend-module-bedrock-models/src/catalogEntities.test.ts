import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { AlphaEntity } from '@backstage/catalog-model/alpha';
import catalogBackend from '@backstage/plugin-catalog-backend';
import { eventsServiceFactory } from '@backstage/plugin-events-node';
// Tests run the real backend plugin the provider reads from.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import bedrockModelsBackend from '@bedrock-portal/backstage-plugin-bedrock-models-backend';
import { startEmulator } from '@bedrock-portal/bedrock-emulator';
import { catalogModuleBedrockModels } from './module';
import {
  baseUrlOf,
  BedrockModelsApi,
  bedrockModelsTestConfig,
  TASKS,
} from './__testUtils__/bedrockModelsTestBackend';
import { eventually } from './__testUtils__/eventually';
import { manualScheduler } from './__testUtils__/manualScheduler';
import { perPluginDatabases } from './__testUtils__/perPluginDatabases';
import { TEST_OWNER, testOrgModule } from './__testUtils__/testOrg';

jest.setTimeout(180_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

const targets = (entity: Entity, type: string) =>
  (entity.relations ?? [])
    .filter(r => r.type === type)
    .map(r => r.targetRef)
    .sort();

describe('models and versions in the real catalog', () => {
  it.each(databases.eachSupportedId())(
    'shows an import and each promote with owners and relations, through events alone, on %p',
    async databaseId => {
      const emulator = await startEmulator({ port: 0, timeScale: 2000 });
      const { scheduler, factory: schedulerFactory } = manualScheduler();
      const backend = await startTestBackend({
        features: [
          catalogBackend,
          catalogModuleBedrockModels,
          testOrgModule,
          bedrockModelsBackend,
          // One events bus for the whole backend, so the catalog module hears the registry.
          eventsServiceFactory,
          perPluginDatabases(databases, databaseId),
          // Nothing runs by itself: without a full refresh, the catalog can only learn through events.
          schedulerFactory,
          mockServices.rootConfig.factory({
            data: bedrockModelsTestConfig(emulator),
          }),
        ],
      });
      try {
        const api = new BedrockModelsApi(backend.server, emulator, id =>
          scheduler.triggerTask(id),
        );
        const catalogUrl = `${baseUrlOf(backend.server)}/api/catalog`;
        const readEntity = async (ref: string): Promise<Entity> => {
          const [kind, name] = ref.split(':default/');
          const res = await fetch(
            `${catalogUrl}/entities/by-name/${kind}/default/${name}`,
            { headers: { Authorization: mockCredentials.user.header() } },
          );
          if (res.status !== 200) {
            throw new Error(`${ref}: catalog answered ${res.status}`);
          }
          return res.json();
        };

        // The backend refuses an owner the catalog does not know: wait for the org.
        await eventually(() => readEntity(TEST_OWNER));

        await api.importLlama('support-summarizer', 'import-1');
        const importing = await eventually(async () => {
          const entity = await readEntity(
            'resource:default/support-summarizer-v1',
          );
          expect(entity.metadata.annotations).toMatchObject({
            'bedrock-models.io/status': 'importing',
          });
          return entity;
        });
        expect(importing.spec).toMatchObject({ type: 'ai-model-version' });

        await api.trackUntilDone('support-summarizer', 1);
        await api.importLlama('support-summarizer', 'import-2');
        await api.trackUntilDone('support-summarizer', 2);
        await api.promote('support-summarizer', 'production', 'us-east-1', 1);

        const model = await eventually(async () => {
          const entity = await readEntity(
            'resource:default/support-summarizer',
          );
          expect(entity.metadata.annotations).toMatchObject({
            'bedrock-models.io/production.us-east-1': '1',
          });
          expect(targets(entity, 'dependsOn')).toEqual([
            'resource:default/support-summarizer-v1',
            'resource:default/support-summarizer-v2',
          ]);
          return entity;
        });
        expect(model.spec).toEqual({
          type: 'ai-model',
          owner: TEST_OWNER,
          system: 'customer-support',
        });
        expect(model.metadata).toMatchObject({
          title: 'Support summarizer',
          description: 'Summarises support tickets for agents.',
          tags: ['confidential', 'llama', 'support'],
        });
        expect(targets(model, 'ownedBy')).toEqual([TEST_OWNER]);
        expect(targets(model, 'partOf')).toEqual([
          'system:default/customer-support',
        ]);

        const v1 = await eventually(async () => {
          const entity = await readEntity(
            'resource:default/support-summarizer-v1',
          );
          expect(entity.metadata.annotations).toMatchObject({
            'bedrock-models.io/status': 'ready',
            'bedrock-models.io/pointers': 'production',
          });
          return entity;
        });
        expect(targets(v1, 'ownedBy')).toEqual([TEST_OWNER]);
        expect(targets(v1, 'dependencyOf')).toEqual([
          'resource:default/support-summarizer',
        ]);
        expect(v1.metadata.annotations).toMatchObject({
          'bedrock-models.io/model': 'support-summarizer',
          'bedrock-models.io/version': '1',
          'aws.amazon.com/region': 'us-east-1',
          'aws.amazon.com/arn': expect.stringMatching(
            /^arn:aws:bedrock:us-east-1:123456789012:imported-model\/[a-z0-9]{12}$/,
          ),
        });

        // A second promote moves the annotation within seconds, again through the event alone.
        await api.promote('support-summarizer', 'production', 'us-east-1', 2);
        await eventually(async () => {
          const entity = await readEntity(
            'resource:default/support-summarizer',
          );
          expect(entity.metadata.annotations).toMatchObject({
            'bedrock-models.io/production.us-east-1': '2',
          });
        });
        await eventually(async () => {
          const [older, newer] = await Promise.all([
            readEntity('resource:default/support-summarizer-v1'),
            readEntity('resource:default/support-summarizer-v2'),
          ]);
          expect(older.metadata.annotations).not.toHaveProperty([
            'bedrock-models.io/pointers',
          ]);
          expect(newer.metadata.annotations).toMatchObject({
            'bedrock-models.io/pointers': 'production',
          });
        });

        const group = await readEntity(TEST_OWNER);
        expect(targets(group, 'ownerOf')).toEqual([
          'resource:default/support-summarizer',
          'resource:default/support-summarizer-v1',
          'resource:default/support-summarizer-v2',
        ]);

        // The scheduled full refresh agrees with what the deltas built: same entities, no errors.
        await scheduler.triggerTask(TASKS.catalogRefresh);
        const listed = await fetch(
          `${catalogUrl}/entities/by-query?filter=kind=resource&fields=metadata.name,spec.type,status`,
          { headers: { Authorization: mockCredentials.user.header() } },
        ).then(res => res.json());
        expect(listed.items.map((e: Entity) => e.metadata.name).sort()).toEqual(
          [
            'support-summarizer',
            'support-summarizer-v1',
            'support-summarizer-v2',
          ],
        );
        for (const entity of listed.items as AlphaEntity[]) {
          expect(entity.status?.items ?? []).toEqual([]);
        }
      } finally {
        await backend.stop();
        await emulator.close();
      }
    },
  );
});
