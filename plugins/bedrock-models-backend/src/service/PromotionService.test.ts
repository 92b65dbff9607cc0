import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { TestDatabases } from '@backstage/backend-test-utils';
import {
  RunningEmulator,
  startEmulator,
} from '@bedrock-portal/bedrock-emulator';
import knexFactory, { Knex } from 'knex';
import { applyMigrations } from '../database/migrateDatabase';
import { emulatorSdk } from '../__testUtils__/emulatorSdk';
import { insertVersions } from '../__testUtils__/registryFixtures';
import {
  PRODUCTION,
  PRODUCTION_PARAMETER,
  registryParts,
  seedSummarizer,
  testArn,
} from '../__testUtils__/registryParts';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

async function migrated(
  databaseId: Parameters<typeof databases.init>[0],
): Promise<Knex> {
  const knex = await databases.init(databaseId);
  await applyMigrations(knex);
  return knex;
}

describe.each(databases.eachSupportedId())(
  'PromotionService on %p, against the emulator',
  databaseId => {
    let emulator: RunningEmulator;
    let ssm: SSMClient;
    beforeAll(async () => {
      emulator = await startEmulator({ port: 0 });
      ssm = emulatorSdk(SSMClient, emulator);
    });
    afterAll(() => emulator.close());
    const parameter = async () =>
      (await ssm.send(new GetParameterCommand({ Name: PRODUCTION_PARAMETER })))
        .Parameter?.Value;

    it('promotes, refuses a stale caller with the current state, rolls back, and publishes each move before answering', async () => {
      const knex = await migrated(databaseId);
      await seedSummarizer(knex);
      const { promote, rollback, stores } = registryParts(knex, {
        endpoint: emulator.endpoint,
      });
      const first = await promote(1, { expectedCurrentVersion: null });
      expect(first).toMatchObject({
        published: true,
        dryRun: false,
        pointer: {
          version: 1,
          revision: 1,
          accountId: '123456789012',
          parameterName: PRODUCTION_PARAMETER,
        },
        move: { seq: 1, fromVersion: null, toVersion: 1, kind: 'promote' },
      });
      expect(first.pointer.rollbackTarget).toBeUndefined();
      expect(await parameter()).toBe(testArn(1));

      const second = await promote(3, { expectedCurrentVersion: 1 });
      expect(second.pointer.rollbackTarget).toBe(1);
      await expect(promote(2, { expectedCurrentVersion: 1 })).rejects.toThrow(
        /^The production pointer in us-east-1 now names version 3, not version 1: user:default\/ana moved it at \d{4}-\d\d-\d\dT[\d:.]+Z\. Reload and try again\.$/,
      );

      const back = await rollback('user:default/bo');
      expect(back.move).toMatchObject({
        kind: 'rollback',
        fromVersion: 3,
        toVersion: 1,
        seq: 3,
        actor: 'user:default/bo',
      });
      expect(await parameter()).toBe(testArn(1));
      const history = await stores.pointers.pointerHistory(PRODUCTION);
      expect(history.map(h => [h.seq, h.fromVersion, h.toVersion])).toEqual([
        [1, null, 1],
        [2, 1, 3],
        [3, 3, 1],
      ]);
      const outbox = await knex('ssm_outbox').orderBy('id');
      expect(outbox.map(o => [o.revision, o.value, o.status])).toEqual([
        [1, testArn(1), 'published'],
        [2, testArn(3), 'published'],
        [3, testArn(1), 'published'],
      ]);
    });

    it('answers a dry run with what would happen, and writes nothing', async () => {
      const knex = await migrated(databaseId);
      await seedSummarizer(knex);
      const { promotion } = registryParts(knex, {
        endpoint: emulator.endpoint,
      });
      const dry = await promotion.move({
        ...PRODUCTION,
        kind: 'promote',
        version: 2,
        actor: 'user:default/ana',
        reason: 'try',
        dryRun: true,
      });
      expect(dry).toMatchObject({
        dryRun: true,
        published: false,
        move: { toVersion: 2, fromVersion: null, seq: 1 },
        pointer: { version: 2, revision: 1 },
      });
      for (const table of ['alias_history', 'alias_pointers', 'ssm_outbox']) {
        const [{ count }] = await knex(table).count({ count: '*' });
        expect(Number(count)).toBe(0);
      }
    });

    it('writes nothing when a move is refused', async () => {
      const knex = await migrated(databaseId);
      await seedSummarizer(knex, 1);
      await insertVersions(knex, 'summarizer', [
        { number: 2, status: 'importing' },
        { number: 3, region: 'eu-central-1' },
      ]);
      const { promote, rollback, promotion } = registryParts(knex, {
        endpoint: emulator.endpoint,
      });
      await expect(promote(2)).rejects.toThrow(
        'Version 2 is importing, not ready',
      );
      await expect(promote(3)).rejects.toThrow('imported into eu-central-1');
      await expect(promote(9)).rejects.toThrow(
        'Model summarizer has no version 9.',
      );
      await expect(
        promotion.move({
          ...PRODUCTION,
          modelName: 'nope',
          kind: 'promote',
          version: 1,
          actor: 'a',
          reason: 'r',
        }),
      ).rejects.toThrow('There is no model named nope.');
      await expect(promote(1, { reason: ' ' })).rejects.toThrow(
        'Give a reason',
      );
      await expect(rollback()).rejects.toThrow('nothing to roll back to');
      for (const table of ['alias_history', 'alias_pointers', 'ssm_outbox']) {
        const [{ count }] = await knex(table).count({ count: '*' });
        expect(Number(count)).toBe(0);
      }
    });

    it('refuses to point a pointer at a version of another account (409), saying why', async () => {
      const knex = await migrated(databaseId);
      await seedSummarizer(knex, 1);
      await knex('model_versions').insert({
        model_name: 'summarizer',
        number: 2,
        account_id: '210987654321',
        region: 'us-east-1',
        status: 'ready',
        imported_model_arn:
          'arn:aws:bedrock:us-east-1:210987654321:imported-model/otheraccount',
        s3_uri: 's3://a/b/',
        managed: true,
        created_by: 'test',
        created_at: new Date(),
        updated_at: new Date(),
      });
      const { promote } = registryParts(knex, { endpoint: emulator.endpoint });
      await promote(1);
      const refused = promote(2);
      await expect(refused).rejects.toMatchObject({ name: 'ConflictError' });
      await expect(refused).rejects.toThrow(
        'Version 2 is in account 210987654321, but the production pointer in us-east-1 lives in account 123456789012, where its callers read it; a pointer never names a version of another account. Import the version into 123456789012.',
      );
      const [pointer] = await knex('alias_pointers');
      expect([pointer.version_number, pointer.revision]).toEqual([1, 1]);
    });
  },
);

describe('PromotionService under concurrency', () => {
  const postgres = databases
    .eachSupportedId()
    .filter(([id]) => id.startsWith('POSTGRES'));

  it.each(postgres)(
    'keeps one pointer history linear, and SSM equal to the pointer, when two replicas race on %p',
    async databaseId => {
      const knex = await migrated(databaseId);
      await seedSummarizer(knex);
      // A second knex pool on the same database stands for a second backend replica.
      const other = knexFactory({
        client: 'pg',
        connection: knex.client.config.connection,
      });
      const emulator = await startEmulator({ port: 0 });
      try {
        const replicas = [knex, other].map(db =>
          registryParts(db, { endpoint: emulator.endpoint }),
        );
        const results = await Promise.allSettled(
          Array.from({ length: 40 }, (_, i) => {
            const replica = replicas[i % 2];
            return i % 5 === 4
              ? replica.rollback()
              : replica.promote((i % 3) + 1, { reason: `move ${i}` });
          }),
        );
        const history = await replicas[0].stores.pointers.pointerHistory(
          PRODUCTION,
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
        const [pointer] = await replicas[0].stores.pointers.listPointers(
          'summarizer',
        );
        expect(pointer.version).toBe(history[history.length - 1].toVersion);
        expect(pointer.revision).toBe(history.length);
        // Refusals are only the expected ones: promoting the version already named, or no rollback target.
        const refusals = results.flatMap(r =>
          r.status === 'rejected' ? [String(r.reason)] : [],
        );
        expect(
          refusals.filter(
            reason =>
              !/already names version|nothing to roll back to/.test(reason),
          ),
        ).toEqual([]);
        // Whatever each request managed to publish, both publishers' passes leave SSM equal to the pointer.
        await Promise.all(replicas.map(r => r.publisher.publishDue()));
        const ssm = emulatorSdk(SSMClient, emulator);
        const { Parameter } = await ssm.send(
          new GetParameterCommand({ Name: PRODUCTION_PARAMETER }),
        );
        expect(Parameter?.Value).toBe(testArn(pointer.version));
      } finally {
        await emulator.close();
        await other.destroy();
      }
    },
  );
});
