import { GetParameterCommand } from '@aws-sdk/client-ssm';
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { DefaultAwsCredentialsManager } from '@backstage/integration-aws-node';
import { startEmulator } from '@bedrock-portal/bedrock-emulator';
import { AwsClients } from '../aws/AwsClients';
import { SsmOutboxPublisher } from '../publishing/SsmOutboxPublisher';
import { ModelVersion } from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import knexFactory, { Knex } from 'knex';
import {
  DatabaseRegistryStore,
  PointerMoveRequest,
} from './DatabaseRegistryStore';
import { applyMigrations } from './migrateDatabase';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

async function migrated(
  databaseId: Parameters<typeof databases.init>[0],
): Promise<Knex> {
  const knex = await databases.init(databaseId);
  await applyMigrations(knex);
  return knex;
}

const version = (overrides: Partial<ModelVersion> = {}) => ({
  modelName: 'summarizer',
  accountId: '123456789012',
  region: 'us-east-1',
  status: 'ready' as const,
  importedModelArn:
    'arn:aws:bedrock:us-east-1:123456789012:imported-model/aaaaaaaaaaaa',
  s3Uri: 's3://artifacts/summarizer/',
  managed: true,
  createdBy: 'user:default/ana',
  ...overrides,
});

const promote = (
  toVersion: number,
  extra: Partial<PointerMoveRequest> = {},
): PointerMoveRequest =>
  ({
    kind: 'promote',
    toVersion,
    modelName: 'summarizer',
    alias: 'production',
    region: 'us-east-1',
    actor: 'user:default/ana',
    reason: `promote ${toVersion}`,
    parameterName: '/bedrock-models/summarizer/production',
    ...extra,
  } as PointerMoveRequest);

async function seeded(knex: Knex) {
  const store = new DatabaseRegistryStore(knex);
  await store.createModel({
    name: 'summarizer',
    owner: 'group:default/support-ml',
    classification: 'internal',
    lineage: { baseModel: 'llama-3.1-8b' },
    tags: ['support'],
    createdBy: 'user:default/ana',
  });
  for (let i = 1; i <= 3; i++) {
    await store.addVersion(
      version({
        importedModelArn: `arn:aws:bedrock:us-east-1:123456789012:imported-model/v${i}aaaaaaaaaa`,
      }),
    );
  }
  return store;
}

describe.each(databases.eachSupportedId())(
  'DatabaseRegistryStore on %p',
  databaseId => {
    it('creates models and numbers their versions', async () => {
      const store = await seeded(await migrated(databaseId));
      expect(await store.getModel('summarizer')).toMatchObject({
        owner: 'group:default/support-ml',
        lineage: { baseModel: 'llama-3.1-8b' },
        tags: ['support'],
      });
      expect(
        (await store.listVersions('summarizer')).map(v => v.number),
      ).toEqual([1, 2, 3]);
      await expect(
        store.createModel({
          name: 'summarizer',
          owner: 'x',
          classification: 'internal',
          lineage: {},
          tags: [],
          createdBy: 'x',
        }),
      ).rejects.toThrow('A model named summarizer already exists.');
      const updated = await store.updateVersion('summarizer', 2, {
        status: 'failed',
        failureMessage: 'missing config.json',
      });
      expect(updated).toMatchObject({
        status: 'failed',
        failureMessage: 'missing config.json',
        instructSupported: undefined,
      });
    });

    it('promotes, refuses a stale caller with the current state, and rolls back', async () => {
      const knex = await migrated(databaseId);
      const store = await seeded(knex);
      const first = await store.movePointer(
        promote(1, { believedCurrent: null }),
      );
      expect(first.pointer).toMatchObject({ version: 1, revision: 1 });
      expect(first.move).toMatchObject({
        seq: 1,
        fromVersion: null,
        toVersion: 1,
        kind: 'promote',
      });

      await store.movePointer(promote(3, { believedCurrent: 1 }));
      await expect(
        store.movePointer(promote(2, { believedCurrent: 1 })),
      ).rejects.toThrow(
        /^The production pointer in us-east-1 now names version 3, not version 1: user:default\/ana moved it at \d{4}-\d\d-\d\dT[\d:.]+Z\. Reload and try again\.$/,
      );

      const rollback = await store.movePointer({
        kind: 'rollback',
        modelName: 'summarizer',
        alias: 'production',
        region: 'us-east-1',
        actor: 'user:default/bo',
        reason: 'latency regression',
        parameterName: '/bedrock-models/summarizer/production',
      });
      expect(rollback.move).toMatchObject({
        kind: 'rollback',
        fromVersion: 3,
        toVersion: 1,
        seq: 3,
        actor: 'user:default/bo',
      });
      expect((await store.listPointers('summarizer'))[0]).toMatchObject({
        version: 1,
        revision: 3,
      });

      expect(
        (await store.recentHistory('summarizer', 2)).map(m => m.toVersion),
      ).toEqual([1, 3]);
      const history = await store.pointerHistory(
        'summarizer',
        'production',
        'us-east-1',
      );
      expect(history.map(h => [h.seq, h.fromVersion, h.toVersion])).toEqual([
        [1, null, 1],
        [2, 1, 3],
        [3, 3, 1],
      ]);
      expect(
        await store.pointerAt(
          'summarizer',
          'production',
          'us-east-1',
          new Date(Date.parse(history[0].at) - 1000),
        ),
      ).toBeNull();
      expect(
        await store.pointerAt(
          'summarizer',
          'production',
          'us-east-1',
          new Date(),
        ),
      ).toBe(1);

      const outbox = await knex('ssm_outbox').orderBy('id');
      expect(outbox.map(o => [o.parameter_name, o.value, o.status])).toEqual([
        [
          '/bedrock-models/summarizer/production',
          'arn:aws:bedrock:us-east-1:123456789012:imported-model/v1aaaaaaaaaa',
          'pending',
        ],
        [
          '/bedrock-models/summarizer/production',
          'arn:aws:bedrock:us-east-1:123456789012:imported-model/v3aaaaaaaaaa',
          'pending',
        ],
        [
          '/bedrock-models/summarizer/production',
          'arn:aws:bedrock:us-east-1:123456789012:imported-model/v1aaaaaaaaaa',
          'pending',
        ],
      ]);
    });

    it('searches models with filters, text (escaping % and _), sort and page', async () => {
      const store = await seeded(await migrated(databaseId));
      await store.createModel({
        name: 'claims-triage',
        title: '100% claims',
        owner: 'group:default/claims-ai',
        classification: 'confidential',
        lineage: {},
        tags: [],
        createdBy: 'x',
      });
      await store.addVersion(
        version({
          modelName: 'claims-triage',
          region: 'eu-central-1',
          architecture: 'qwen2',
        }),
      );
      await store.movePointer(promote(1));
      const base = {
        sort: 'name' as const,
        order: 'asc' as const,
        limit: 10,
        offset: 0,
      };
      const names = async (search: object) =>
        (await store.searchModels({ ...base, ...search })).items.map(
          m => m.name,
        );
      expect(await names({})).toEqual(['claims-triage', 'summarizer']);
      expect(await names({ text: '100%' })).toEqual(['claims-triage']);
      expect(await names({ text: '_' })).toEqual([]);
      expect(await names({ region: 'eu-central-1' })).toEqual([
        'claims-triage',
      ]);
      expect(await names({ alias: 'production', aliasState: 'set' })).toEqual([
        'summarizer',
      ]);
      expect(await names({ alias: 'production', aliasState: 'unset' })).toEqual(
        ['claims-triage'],
      );
      expect(await names({ order: 'desc', limit: 1 })).toEqual(['summarizer']);
      const page = await store.searchModels({ ...base, limit: 1, offset: 1 });
      expect(page).toMatchObject({
        totalCount: 2,
        items: [
          {
            name: 'summarizer',
            versionCount: 3,
            pointers: [
              { alias: 'production', region: 'us-east-1', version: 1 },
            ],
          },
        ],
      });
    });

    it('writes nothing when a move is refused', async () => {
      const knex = await migrated(databaseId);
      const store = await seeded(knex);
      await store.updateVersion('summarizer', 2, { status: 'importing' });
      await store.addVersion(version({ region: 'eu-central-1' }));
      await expect(store.movePointer(promote(2))).rejects.toThrow(
        'Version 2 is importing, not ready',
      );
      await expect(store.movePointer(promote(4))).rejects.toThrow(
        'imported into eu-central-1',
      );
      await expect(store.movePointer(promote(9))).rejects.toThrow(
        'Model summarizer has no version 9.',
      );
      await expect(
        store.movePointer(promote(1, { modelName: 'nope' })),
      ).rejects.toThrow('There is no model named nope.');
      await expect(
        store.movePointer(promote(1, { reason: '' })),
      ).rejects.toThrow('Give a reason');
      await expect(
        store.movePointer({
          ...promote(1),
          kind: 'rollback',
        } as PointerMoveRequest),
      ).rejects.toThrow('nothing to roll back to');
      for (const table of ['alias_history', 'alias_pointers', 'ssm_outbox']) {
        const [{ count }] = await knex(table).count({ count: '*' });
        expect(Number(count)).toBe(0);
      }
    });
  },
);

describe('DatabaseRegistryStore under concurrency', () => {
  const postgres = databases
    .eachSupportedId()
    .filter(([id]) => id.startsWith('POSTGRES'));

  it.each(postgres)(
    'keeps one pointer history linear when two stores race on %p',
    async databaseId => {
      const knex = await migrated(databaseId);
      await seeded(knex);
      // A second knex pool on the same database stands for a second backend replica.
      const other = knexFactory({
        client: 'pg',
        connection: knex.client.config.connection,
      });
      try {
        const stores = [
          new DatabaseRegistryStore(knex),
          new DatabaseRegistryStore(other),
        ];
        const results = await Promise.allSettled(
          Array.from({ length: 40 }, (_, i) => {
            const store = stores[i % 2];
            return i % 5 === 4
              ? store.movePointer({
                  ...promote(1),
                  kind: 'rollback',
                  reason: `rollback ${i}`,
                } as PointerMoveRequest)
              : store.movePointer(
                  promote((i % 3) + 1, { reason: `move ${i}` }),
                );
          }),
        );
        const history = await stores[0].pointerHistory(
          'summarizer',
          'production',
          'us-east-1',
        );
        const moved = results.filter(r => r.status === 'fulfilled').length;
        expect(moved).toBeGreaterThan(10);
        expect(history).toHaveLength(moved);
        history.forEach((move, i) => {
          expect(move.seq).toBe(i + 1);
          expect(move.fromVersion).toBe(
            i === 0 ? null : history[i - 1].toVersion,
          );
          expect(move.toVersion).not.toBe(move.fromVersion);
        });
        const [pointer] = await stores[0].listPointers('summarizer');
        expect(pointer.version).toBe(history[history.length - 1].toVersion);
        expect(pointer.revision).toBe(history.length);
        // Refusals are only the expected ones: promoting the version already named, or no rollback target.
        const refusals = results.flatMap(r =>
          r.status === 'rejected' ? [String(r.reason)] : [],
        );
        for (const refusal of refusals) {
          expect(refusal).toMatch(
            /already names version|nothing to roll back to/,
          );
        }
        const [{ count }] = await knex('ssm_outbox').count({ count: '*' });
        expect(Number(count)).toBe(history.length);

        // Both replicas publish at once; SSM ends equal to the pointer.
        const emulator = await startEmulator({ port: 0 });
        try {
          const clients = new AwsClients(
            DefaultAwsCredentialsManager.fromConfig(
              new ConfigReader({
                aws: {
                  accounts: [
                    {
                      accountId: '123456789012',
                      accessKeyId: 'l',
                      secretAccessKey: 'l',
                    },
                  ],
                },
              }),
            ),
            emulator.endpoint,
          );
          const later = () => new Date(Date.now() + 60_000);
          await Promise.all(
            stores.map(store =>
              new SsmOutboxPublisher({
                store,
                clients,
                logger: mockServices.logger.mock(),
                now: later,
              }).publishDue(),
            ),
          );
          const ssm = await clients.ssm('123456789012', 'us-east-1');
          const { Parameter } = await ssm.send(
            new GetParameterCommand({
              Name: '/bedrock-models/summarizer/production',
            }),
          );
          expect(Parameter?.Value).toBe(
            `arn:aws:bedrock:us-east-1:123456789012:imported-model/v${pointer.version}aaaaaaaaaa`,
          );
        } finally {
          await emulator.close();
        }
      } finally {
        await other.destroy();
      }
    },
  );
});
