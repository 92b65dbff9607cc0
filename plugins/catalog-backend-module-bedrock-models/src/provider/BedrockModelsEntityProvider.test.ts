import { createBackendPlugin } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import {
  catalogProcessingExtensionPoint,
  EntityProvider,
  EntityProviderMutation,
} from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  eventsServiceFactory,
  eventsServiceRef,
  EventsService,
} from '@backstage/plugin-events-node';
// Tests run the real backend plugin the provider reads from.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import bedrockModelsBackend from '@bedrock-portal/backstage-plugin-bedrock-models-backend';
import { BEDROCK_MODELS_EVENT_TOPIC } from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import {
  RunningEmulator,
  startEmulator,
} from '@bedrock-portal/bedrock-emulator';
import { catalogModuleBedrockModels } from '../module';
import {
  BedrockModelsApi,
  bedrockModelsTestConfig,
  TASKS,
} from '../__testUtils__/bedrockModelsTestBackend';
import { eventually } from '../__testUtils__/eventually';
import { manualScheduler } from '../__testUtils__/manualScheduler';
import { testOrgEntities } from '../__testUtils__/testOrg';

jest.setTimeout(120_000);

const names = (entities: Entity[]) => entities.map(e => e.metadata.name);

describe('BedrockModelsEntityProvider', () => {
  let emulator: RunningEmulator;
  let backend: Awaited<ReturnType<typeof startTestBackend>>;
  let api: BedrockModelsApi;
  let events: EventsService;
  const { scheduler, factory: schedulerFactory } = manualScheduler();
  const mutations: EntityProviderMutation[] = [];
  const fullMutations = () =>
    mutations.filter(
      (m): m is Extract<EntityProviderMutation, { type: 'full' }> =>
        m.type === 'full',
    );
  const deltaMutations = () =>
    mutations.filter(
      (m): m is Extract<EntityProviderMutation, { type: 'delta' }> =>
        m.type === 'delta',
    );

  beforeAll(async () => {
    // An AWS import job takes 600 s; at this scale, 0.3 s.
    emulator = await startEmulator({ port: 0, timeScale: 2000 });
    const providers: EntityProvider[] = [];
    // Another plugin on the same events bus, to publish what the backend might.
    const eventsProbe = createBackendPlugin({
      pluginId: 'probe',
      register(env) {
        env.registerInit({
          deps: { events: eventsServiceRef },
          async init(deps) {
            events = deps.events;
          },
        });
      },
    });
    backend = await startTestBackend({
      extensionPoints: [
        [
          catalogProcessingExtensionPoint,
          {
            addEntityProvider: (
              ...added: Array<EntityProvider | EntityProvider[]>
            ) => providers.push(...added.flat()),
          },
        ],
      ],
      features: [
        catalogModuleBedrockModels,
        bedrockModelsBackend,
        eventsServiceFactory,
        eventsProbe,
        schedulerFactory,
        // The backend checks a new model's owner in the catalog.
        catalogServiceMock.factory({ entities: testOrgEntities }),
        mockServices.rootConfig.factory({
          data: bedrockModelsTestConfig(emulator),
        }),
      ],
    });
    api = new BedrockModelsApi(backend.server, emulator, id =>
      scheduler.triggerTask(id),
    );
    if (providers.length !== 1) {
      throw new Error(`expected one provider, got ${providers.length}`);
    }
    await providers[0].connect({
      applyMutation: async mutation => void mutations.push(mutation),
      refresh: async () => {},
    });
  });

  afterAll(async () => {
    await backend?.stop();
    await emulator?.close();
  });

  it('applies an empty full mutation while the registry is empty', async () => {
    await scheduler.triggerTask(TASKS.catalogRefresh);

    expect(fullMutations()).toEqual([{ type: 'full', entities: [] }]);
  });

  it('puts a new model and its version in the catalog as soon as the import starts, then when it ends', async () => {
    await api.importLlama('support-summarizer', 'import-1');

    // The backend announces the import (version-changed); the provider reads that one model.
    const started = await eventually(async () => {
      const delta = deltaMutations().at(-1);
      expect(delta).toBeDefined();
      return delta!;
    });
    expect(started.removed).toEqual([]);
    expect(started.added.map(d => d.locationKey)).toEqual([
      'bedrock-models',
      'bedrock-models',
    ]);
    expect(names(started.added.map(d => d.entity))).toEqual([
      'support-summarizer',
      'support-summarizer-v1',
    ]);
    expect(started.added[1].entity.metadata.annotations).toMatchObject({
      'bedrock-models.io/status': 'importing',
    });

    await api.trackUntilDone('support-summarizer', 1);
    await eventually(async () => {
      const version = deltaMutations().at(-1)!.added[1].entity;
      expect(version.metadata.annotations).toMatchObject({
        'bedrock-models.io/status': 'ready',
        'aws.amazon.com/region': 'us-east-1',
        'aws.amazon.com/arn': expect.stringMatching(
          /^arn:aws:bedrock:us-east-1:123456789012:imported-model\/[a-z0-9]{12}$/,
        ),
      });
      expect(version.metadata.tags).toEqual(['confidential', 'llama']);
    });
  });

  it('moves the production annotation with a delta of the promoted model', async () => {
    const before = deltaMutations().length;

    await api.promote('support-summarizer', 'production', 'us-east-1', 1);

    const promoted = await eventually(async () => {
      const delta = deltaMutations().slice(before).at(-1);
      expect(delta).toBeDefined();
      return delta!;
    });
    const [model, version] = promoted.added.map(d => d.entity);
    expect(model.metadata.annotations).toMatchObject({
      'bedrock-models.io/production.us-east-1': '1',
    });
    expect(version.metadata.annotations).toMatchObject({
      'bedrock-models.io/pointers': 'production',
    });
  });

  it('reads the whole registry on schedule into one full mutation', async () => {
    await api.importLlama('claims-triage', 'import-2');

    await scheduler.triggerTask(TASKS.catalogRefresh);

    const full = fullMutations().at(-1)!;
    expect(names(full.entities.map(d => d.entity)).sort()).toEqual([
      'claims-triage',
      'claims-triage-v1',
      'support-summarizer',
      'support-summarizer-v1',
    ]);
    expect(full.entities.every(d => d.locationKey === 'bedrock-models')).toBe(
      true,
    );
    const production = full.entities.find(
      d => d.entity.metadata.name === 'support-summarizer',
    )!.entity;
    expect(production.metadata.annotations).toMatchObject({
      'bedrock-models.io/production.us-east-1': '1',
    });
  });

  it('ignores an event that names no model', async () => {
    const before = mutations.length;

    // The in-process bus waits for subscribers, so the handler has finished when this resolves.
    await events.publish({
      topic: BEDROCK_MODELS_EVENT_TOPIC,
      eventPayload: { kind: 'pointer-moved' },
    });

    expect(mutations.length).toBe(before);
  });

  it('re-reads everything when an event names a model the backend no longer has', async () => {
    const before = fullMutations().length;

    await events.publish({
      topic: BEDROCK_MODELS_EVENT_TOPIC,
      eventPayload: {
        kind: 'version-retired',
        modelName: 'never-existed',
        version: 1,
      },
    });

    await eventually(async () =>
      expect(fullMutations().length).toBe(before + 1),
    );
    expect(
      names(
        fullMutations()
          .at(-1)!
          .entities.map(d => d.entity),
      ),
    ).not.toContain('never-existed');
  });
});
