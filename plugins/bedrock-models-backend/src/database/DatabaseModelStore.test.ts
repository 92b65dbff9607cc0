import { TestDatabases } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { insertModel, insertVersions } from '../__testUtils__/registryFixtures';
import { queueMove, seedSummarizer } from '../__testUtils__/registryParts';
import { DatabaseModelStore } from './DatabaseModelStore';
import { applyMigrations } from './migrateDatabase';
import { registryStoresOn } from './RegistryStores';

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
  'DatabaseModelStore on %p',
  databaseId => {
    it('reads models and their versions in order', async () => {
      const knex = await migrated(databaseId);
      await seedSummarizer(knex);
      const store = new DatabaseModelStore(knex);
      expect(await store.getModel('summarizer')).toMatchObject({
        owner: 'group:default/support-ml',
        lineage: {},
        tags: [],
      });
      expect(
        (await store.listVersions('summarizer')).map(v => v.number),
      ).toEqual([1, 2, 3]);
      expect(
        (await store.getModels(['nope', 'summarizer'])).map(m => m?.name),
      ).toEqual([undefined, 'summarizer']);
    });

    it('searches models with filters, text (escaping % and _), sort and page', async () => {
      const knex = await migrated(databaseId);
      await seedSummarizer(knex);
      await insertModel(knex, {
        name: 'claims-triage',
        title: '100% claims',
        owner: 'group:default/claims-ai',
        classification: 'confidential',
      });
      await insertVersions(knex, 'claims-triage', [
        { number: 1, region: 'eu-central-1', architecture: 'qwen2' },
      ]);
      await queueMove(registryStoresOn(knex), 1);
      const store = new DatabaseModelStore(knex);
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

    it('retires only when the rules allow, recording who and why, and reports a refusal without writing', async () => {
      const knex = await migrated(databaseId);
      await seedSummarizer(knex, 2);
      await queueMove(registryStoresOn(knex), 1);
      const store = new DatabaseModelStore(knex);
      const by = { actor: 'user:default/ana', reason: 'Superseded by v3' };
      const refused = await store.beginRetirement(
        'summarizer',
        1,
        by,
        (_v, p) => (p.length > 0 ? `named by ${p[0].alias}` : undefined),
      );
      expect(refused).toEqual({
        kind: 'refused',
        refusal: 'named by production',
      });
      expect(await knex('version_retirements')).toEqual([]);
      const retired = await store.beginRetirement(
        'summarizer',
        2,
        by,
        () => undefined,
      );
      expect(retired).toMatchObject({
        kind: 'retired',
        before: { status: 'ready' },
      });
      expect((await store.getVersion('summarizer', 2))?.status).toBe('retired');
      expect(
        await knex('version_retirements').select(
          'model_name',
          'version_number',
          'actor',
          'reason',
        ),
      ).toEqual([
        {
          model_name: 'summarizer',
          version_number: 2,
          actor: 'user:default/ana',
          reason: 'Superseded by v3',
        },
      ]);
      // AWS refused the deletion: the version is back, and so is the trail (no retirement happened).
      await store.restoreRetiredVersion('summarizer', 2, 'ready');
      expect((await store.getVersion('summarizer', 2))?.status).toBe('ready');
      expect(await knex('version_retirements')).toEqual([]);
      expect(
        await store.beginRetirement('summarizer', 9, by, () => undefined),
      ).toEqual({
        kind: 'missing',
      });
    });
  },
);
