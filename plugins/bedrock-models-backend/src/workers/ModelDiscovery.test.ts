import {
  BedrockClient,
  CreateModelImportJobCommand,
  DeleteImportedModelCommand,
} from '@aws-sdk/client-bedrock';
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { DefaultAwsCredentialsManager } from '@backstage/integration-aws-node';
import {
  BedrockModelsChangeEvent,
  ModelVersion,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import {
  mistral7bArtifacts,
  RunningEmulator,
  stageArtifactSet,
  startEmulator,
} from '@bedrock-portal/bedrock-emulator';
import { Knex } from 'knex';
import { AwsClients } from '../aws/AwsClients';
import { BedrockImportApi } from '../aws/BedrockImportApi';
import { readRegistryConfig } from '../config/readRegistryConfig';
import { applyMigrations } from '../database/migrateDatabase';
import { registryStoresOn } from '../database/RegistryStores';
import { ErrorReporter } from '../service/ErrorReporter';
import { RegistryChanges } from '../service/RegistryChanges';
import { TEST_ACCOUNT } from '../__testUtils__/registryFixtures';
import { ModelDiscovery, modelNameFromImportedName } from './ModelDiscovery';
import { emulatorSdk } from '../__testUtils__/emulatorSdk';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });
const REGIONS = ['us-east-1', 'us-west-2', 'eu-central-1'];

async function setUp(
  databaseId: Parameters<typeof databases.init>[0],
  emulator: RunningEmulator,
  options: { slowRegion?: string } = {},
) {
  const knex: Knex = await databases.init(databaseId);
  await applyMigrations(knex);
  const rootConfig = new ConfigReader({
    bedrockModels: {
      accounts: [{ accountId: TEST_ACCOUNT, regions: REGIONS }],
      awsEndpoint: emulator.endpoint,
    },
    aws: {
      accounts: [
        { accountId: TEST_ACCOUNT, accessKeyId: 'k', secretAccessKey: 's' },
      ],
    },
  });
  const clients = new AwsClients(
    DefaultAwsCredentialsManager.fromConfig(rootConfig),
    emulator.endpoint,
  );
  const calls: string[] = [];
  clients.onCall(call => calls.push(`${call.service}:${call.operation}`));
  const events: BedrockModelsChangeEvent[] = [];
  const stores = registryStoresOn(knex);
  const logger = mockServices.logger.mock();
  const changes = new RegistryChanges({ logger });
  changes.onChange(event => events.push(event));
  const bedrock = new BedrockImportApi(clients);
  if (options.slowRegion) {
    // AWS answers this Region last: its listing comes after the other Regions have recorded theirs.
    const list = bedrock.listImportedModels.bind(bedrock);
    bedrock.listImportedModels = async target => {
      if (target.region === options.slowRegion) {
        await new Promise(resolve => setTimeout(resolve, 1_000));
      }
      return list(target);
    };
  }
  const discovery = new ModelDiscovery({
    bedrock,
    models: stores.models,
    imports: stores.imports,
    discovery: stores.discovery,
    config: readRegistryConfig(rootConfig),
    logger,
    changes,
    errors: new ErrorReporter(logger),
  });
  return {
    knex,
    discovery,
    calls,
    events,
    store: stores.models,
    importStore: stores.discovery,
  };
}

const byOperation = (calls: string[]) =>
  calls.reduce<Record<string, number>>((counts, call) => {
    counts[call] = (counts[call] ?? 0) + 1;
    return counts;
  }, {});

describe('ModelDiscovery', () => {
  it('derives model names from imported-model names', () => {
    expect(modelNameFromImportedName('Legacy_FAQ-bot-v3')).toBe(
      'legacy-faq-bot',
    );
    expect(modelNameFromImportedName('support-summarizer')).toBe(
      'support-summarizer',
    );
    expect(modelNameFromImportedName('___')).toBe('discovered-model');
  });

  it.each(databases.eachSupportedId())(
    'finds models imported outside the portal, then costs only list calls, on %p',
    async databaseId => {
      const emulator = await startEmulator({ port: 0, seed: 'demo' });
      try {
        const { discovery, calls, events, store, importStore } = await setUp(
          databaseId,
          emulator,
        );
        const first = await discovery.reconcileAll();
        expect(first.map(r => [r.region, r.listed, r.discovered])).toEqual([
          ['us-east-1', 2, 2],
          ['us-west-2', 1, 1],
          ['eu-central-1', 2, 2],
        ]);
        expect(
          (await importStore.states()).map(state => [
            state.region,
            typeof state.lastSuccessAt,
            state.lastError,
          ]),
        ).toEqual([
          ['eu-central-1', 'string', undefined],
          ['us-east-1', 'string', undefined],
          ['us-west-2', 'string', undefined],
        ]);

        const summarizer = await store.listVersions('support-summarizer');
        // Tagged versions keep their number; the eu copy tagged v1 gets the next free one.
        expect(
          summarizer.map(v => [v.number, v.region, v.managed, v.status]),
        ).toEqual([
          [1, 'us-east-1', true, 'ready'],
          [2, 'us-east-1', true, 'ready'],
          [3, 'eu-central-1', true, 'ready'],
        ]);
        expect(summarizer[0]).toMatchObject({
          architecture: 'llama',
          cmusPerCopy: 2,
          importedModelName: 'support-summarizer-v1',
          createdBy: 'bedrock-models:discovery',
        });
        expect(await store.getModel('support-summarizer')).toMatchObject({
          owner: 'group:default/support-ml',
          classification: 'internal',
        });
        expect(await store.getModel('claims-triage')).toMatchObject({
          owner: 'group:default/claims-ai',
          classification: 'confidential',
        });
        // No portal tags: unmanaged, owned by the configured default owner.
        expect(await store.getModel('legacy-faq-bot')).toMatchObject({
          owner: 'group:default/ml-platform',
          classification: 'internal',
        });
        expect((await store.listVersions('legacy-faq-bot'))[0].managed).toBe(
          false,
        );
        expect(events).toHaveLength(5);

        calls.length = 0;
        const steady = await discovery.reconcileAll();
        expect(steady.every(r => r.discovered === 0 && r.deleted === 0)).toBe(
          true,
        );
        expect(byOperation(calls)).toEqual({
          'bedrock:ListImportedModels': 3,
          'bedrock:ListModelImportJobs': 3,
        });
      } finally {
        await emulator.close();
      }
    },
  );

  it.each(databases.eachSupportedId())(
    'leaves a version number two Regions claim to the first configured Region, whichever AWS answers first, on %p',
    async databaseId => {
      // The demo seed tags support-summarizer's us-east-1 imports v1 and v2 and its eu-central-1 copy v1.
      const emulator = await startEmulator({ port: 0, seed: 'demo' });
      try {
        const { discovery, store } = await setUp(databaseId, emulator, {
          slowRegion: 'us-east-1',
        });
        await discovery.reconcileAll();
        expect(
          (await store.listVersions('support-summarizer')).map(v => [
            v.number,
            v.region,
          ]),
        ).toEqual([
          [1, 'us-east-1'],
          [2, 'us-east-1'],
          [3, 'eu-central-1'],
        ]);
      } finally {
        await emulator.close();
      }
    },
  );

  it.each(databases.eachSupportedId())(
    'records a model created straight in Bedrock, and marks deleted ones, on %p',
    async databaseId => {
      const emulator = await startEmulator({ port: 0 });
      try {
        const { discovery, store, events, importStore } = await setUp(
          databaseId,
          emulator,
        );
        const bedrock = emulatorSdk(BedrockClient, emulator, 'us-west-2');
        const uri = stageArtifactSet(
          emulator,
          'console-uploads',
          'faq/',
          mistral7bArtifacts(),
          'us-west-2',
        );
        await bedrock.send(
          new CreateModelImportJobCommand({
            jobName: 'by-hand',
            importedModelName: 'FAQ_Bot',
            roleArn: `arn:aws:iam::${TEST_ACCOUNT}:role/x`,
            modelDataSource: { s3DataSource: { s3Uri: uri } },
            // Tags anyone could write: a version number out of range and an owner that is no entity ref.
            importedModelTags: [
              { key: 'bedrock-models.io/version', value: '99999999999' },
              { key: 'bedrock-models.io/owner', value: 'the FAQ team' },
            ],
          }),
        );
        // While it runs it takes a slot of the concurrent-job quota, which the registry learns from discovery.
        const [running] = (await discovery.reconcileAll()).filter(
          r => r.region === 'us-west-2',
        );
        expect(running).toMatchObject({
          discovered: 0,
          outsideJobsInProgress: 1,
        });
        expect(
          await importStore.state(TEST_ACCOUNT, 'us-west-2'),
        ).toMatchObject({ outsideJobsInProgress: 1 });

        // Let the job finish: move the emulator's clock past its 10 minutes.
        await fetch(`${emulator.endpoint}/_emulator/clock`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ advanceSeconds: 900 }),
        });
        const [found] = (await discovery.reconcileAll()).filter(
          r => r.region === 'us-west-2',
        );
        expect(found).toMatchObject({
          discovered: 1,
          outsideJobsInProgress: 0,
        });
        const [version] = await store.listVersions('faq-bot');
        expect(await store.getModel('faq-bot')).toMatchObject({
          owner: 'group:default/ml-platform',
        });
        expect(version).toMatchObject<Partial<ModelVersion>>({
          number: 1,
          status: 'ready',
          managed: false,
          architecture: 'mistral',
          s3Uri: uri,
          importedModelName: 'FAQ_Bot',
        });

        await bedrock.send(
          new DeleteImportedModelCommand({
            modelIdentifier: version.importedModelArn,
          }),
        );
        const [gone] = (await discovery.reconcileAll()).filter(
          r => r.region === 'us-west-2',
        );
        expect(gone.deleted).toBe(1);
        expect((await store.getVersion('faq-bot', 1))?.status).toBe('deleted');
        expect(events.at(-1)).toEqual({
          kind: 'version-changed',
          modelName: 'faq-bot',
          version: 1,
          status: 'deleted',
        });
      } finally {
        await emulator.close();
      }
    },
  );

  it.each(databases.eachSupportedId())(
    'does not let tags attach an import to a model owned by someone else: records it apart, unmanaged and flagged, on %p',
    async databaseId => {
      const emulator = await startEmulator({ port: 0, seed: 'demo' });
      try {
        const { discovery, store } = await setUp(databaseId, emulator);
        await discovery.reconcileAll();
        const bedrock = emulatorSdk(BedrockClient, emulator, 'us-west-2');
        const uri = stageArtifactSet(
          emulator,
          'other-team-uploads',
          'copy/',
          mistral7bArtifacts(),
          'us-west-2',
        );
        await bedrock.send(
          new CreateModelImportJobCommand({
            jobName: 'copy-of-summarizer',
            importedModelName: 'summarizer-copy',
            roleArn: `arn:aws:iam::${TEST_ACCOUNT}:role/x`,
            modelDataSource: { s3DataSource: { s3Uri: uri } },
            // Claims support-ml's model, and production-ready version 3, for another team.
            importedModelTags: [
              { key: 'bedrock-models.io/model', value: 'support-summarizer' },
              { key: 'bedrock-models.io/version', value: '3' },
              {
                key: 'bedrock-models.io/owner',
                value: 'group:default/other-team',
              },
              {
                key: 'bedrock-models.io/managed-by',
                value: 'bedrock-models-portal',
              },
            ],
          }),
        );
        await fetch(`${emulator.endpoint}/_emulator/clock`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ advanceSeconds: 900 }),
        });
        await discovery.reconcileAll();
        expect(
          (await store.listVersions('support-summarizer')).map(v => v.region),
        ).toEqual(['us-east-1', 'us-east-1', 'eu-central-1']);
        expect(await store.getModel('summarizer-copy')).toMatchObject({
          owner: 'group:default/other-team',
        });
        const [copy] = await store.listVersions('summarizer-copy');
        expect(copy).toMatchObject({
          number: 1,
          managed: false,
          flag: expect.stringContaining(
            'Its tags claim model support-summarizer, which group:default/support-ml owns, for group:default/other-team',
          ),
        });
      } finally {
        await emulator.close();
      }
    },
  );

  it.each(databases.eachSupportedId())(
    'marks nothing deleted when a listing fails, on %p',
    async databaseId => {
      const emulator = await startEmulator({ port: 0, seed: 'demo' });
      try {
        const { discovery, store, importStore } = await setUp(
          databaseId,
          emulator,
        );
        await discovery.reconcileAll();
        const [before] = await importStore.states();
        emulator.faults.setRules([
          {
            service: 'bedrock',
            operation: 'ListImportedModels',
            regions: ['us-west-2'],
            errorRate: 1,
            errorStatus: 503,
          },
        ]);
        const results = await discovery.reconcileAll();
        expect(results.map(r => [r.region, Boolean(r.error)])).toEqual([
          ['us-east-1', false],
          ['us-west-2', true],
          ['eu-central-1', false],
        ]);
        expect(results[1].error).toContain('ServiceUnavailable');
        const versions = await store.listVersions('support-summarizer');
        expect(versions.every(v => v.status === 'ready')).toBe(true);

        // The failure is recorded where every replica reads it: since when, and what went wrong.
        await discovery.reconcileAll();
        const failing = await importStore.states();
        const west = failing.find(state => state.region === 'us-west-2')!;
        expect(west.lastError).toContain('ServiceUnavailable');
        expect(west.lastSuccessAt).toBe(before.lastSuccessAt);
        expect(west.failingSince! < west.lastAttemptAt).toBe(true);
        expect(
          failing.filter(state => state.lastError).map(state => state.region),
        ).toEqual(['us-west-2']);

        emulator.faults.setRules([]);
        await discovery.reconcileAll();
        const recovered = (await importStore.states()).find(
          state => state.region === 'us-west-2',
        )!;
        expect(recovered).toMatchObject({
          lastError: undefined,
          failingSince: undefined,
          lastSuccessAt: recovered.lastAttemptAt,
        });
      } finally {
        await emulator.close();
      }
    },
  );
});
