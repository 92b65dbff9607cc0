import { TestDatabases } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { insertModel } from '../__testUtils__/registryFixtures';
import { queueMove } from '../__testUtils__/registryParts';
import { DatabaseReportQuery } from './DatabaseReportQuery';
import { applyMigrations } from './migrateDatabase';
import { registryStoresOn } from './RegistryStores';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });
const CONTEXT = { productionAlias: 'production', storageCmuMonth: 2 };
const arn = (model: string, n: number) =>
  `arn:aws:bedrock:us-east-1:123456789012:imported-model/${model}-${n}`;

/** 3 models: summarizer (4 versions, v2 in production), triage (2, one failed), faq (1, discovered). */
async function seed(knex: Knex) {
  await insertModel(knex, {
    name: 'summarizer',
    owner: 'group:default/support-ml',
  });
  await insertModel(knex, {
    name: 'triage',
    owner: 'group:default/claims-ai',
    classification: 'confidential',
  });
  await insertModel(knex, { name: 'faq', owner: 'group:default/ml-platform' });
  const now = new Date('2026-11-20T00:00:00Z');
  const version = (
    model: string,
    number: number,
    extra: Record<string, unknown> = {},
  ) => ({
    model_name: model,
    number,
    account_id: '123456789012',
    region: 'us-east-1',
    status: 'ready',
    imported_model_arn: arn(model, number),
    cmus_per_copy: 2,
    s3_uri: 's3://a/b/',
    architecture: 'llama',
    managed: true,
    created_by: 'user:default/ana',
    created_at: new Date(now.getTime() + number * 1000),
    updated_at: now,
    ...extra,
  });
  await knex('model_versions').insert([
    version('summarizer', 1),
    version('summarizer', 2),
    version('summarizer', 3, { status: 'retired' }),
    version('summarizer', 4, { status: 'importing', imported_model_arn: null }),
    version('triage', 1, { region: 'eu-central-1', architecture: 'qwen2' }),
    version('triage', 2, { status: 'failed', imported_model_arn: null }),
    version('faq', 1, {
      managed: false,
      created_by: 'bedrock-models:discovery',
    }),
  ]);
  // Compute over the last 30 days, as the estimates refresh stores it; faq's is not read yet.
  await knex('cost_estimates').insert(
    [
      [arn('summarizer', 1), 10],
      [arn('summarizer', 2), 100],
      [arn('triage', 1), 40],
    ].map(([imported_model_arn, compute]) => ({
      imported_model_arn,
      account_id: '123456789012',
      region: 'us-east-1',
      compute_30d: compute,
      read_at: now,
    })),
  );
  await queueMove(registryStoresOn(knex), 2);
}

describe.each(databases.eachSupportedId())(
  'DatabaseReportQuery on %p',
  databaseId => {
    let query: DatabaseReportQuery;
    beforeAll(async () => {
      const knex = await databases.init(databaseId);
      await applyMigrations(knex);
      await seed(knex);
      query = new DatabaseReportQuery(knex);
    });
    const key = (r: { model: string; version: number }) =>
      `${r.model} v${r.version}`;

    it('pages the rows in the order asked, unknown values last, with estimates and production', async () => {
      const byCost = await query.page(
        {},
        { by: 'cost', order: 'desc' },
        { offset: 0, limit: 10 },
        CONTEXT,
      );
      expect(byCost.map(r => [key(r), r.estimatedMonthlyCost])).toEqual([
        ['summarizer v2', 104],
        ['triage v1', 44],
        ['summarizer v1', 14],
        ['summarizer v3', 0],
        ['triage v2', 0],
        ['faq v1', undefined],
        ['summarizer v4', undefined],
      ]);
      expect(byCost[0]).toMatchObject({
        pointers: ['production'],
        productionVersion: 2,
        lastPromotedBy: 'user:default/ana',
        owner: 'group:default/support-ml',
        classification: 'internal',
      });
      const second = await query.page(
        {},
        { by: 'model', order: 'asc' },
        { offset: 2, limit: 3 },
        CONTEXT,
      );
      expect(second.map(key)).toEqual([
        'summarizer v2',
        'summarizer v3',
        'summarizer v4',
      ]);
    });

    it('filters as the governance page does, and totals every matching row', async () => {
      const page = (filters: object) =>
        query
          .page(
            filters,
            { by: 'model', order: 'asc' },
            { offset: 0, limit: 50 },
            CONTEXT,
          )
          .then(rows => rows.map(key));
      expect(await page({ production: 'serving' })).toEqual(['summarizer v2']);
      expect(await page({ managed: 'unmanaged' })).toEqual(['faq v1']);
      expect(await page({ q: 'CLAIMS', status: 'ready' })).toEqual([
        'triage v1',
      ]);
      expect(await page({ region: 'eu-central-1' })).toEqual(['triage v1']);
      expect(await page({ q: '100%' })).toEqual([]);
      expect(
        await query.totals({ owner: 'group:default/support-ml' }, CONTEXT),
      ).toEqual({
        versions: 4,
        estimatedMonthlyCost: 118,
        withoutEstimate: 1,
        byRegion: { 'us-east-1': 118 },
      });
    });

    it('reads the whole report a batch at a time, in model and version order', async () => {
      const seen: string[] = [];
      let batch = await query.batchAfter({}, undefined, 3, CONTEXT);
      while (batch.length > 0) {
        seen.push(...batch.map(key));
        batch = await query.batchAfter({}, batch[batch.length - 1], 3, CONTEXT);
      }
      expect(seen).toEqual([
        'faq v1',
        'summarizer v1',
        'summarizer v2',
        'summarizer v3',
        'summarizer v4',
        'triage v1',
        'triage v2',
      ]);
    });

    it('lists the values each filter can take', async () => {
      expect(await query.facets()).toEqual({
        owner: [
          'group:default/claims-ai',
          'group:default/ml-platform',
          'group:default/support-ml',
        ],
        region: ['eu-central-1', 'us-east-1'],
        accountId: ['123456789012'],
        architecture: ['llama', 'qwen2'],
        classification: ['confidential', 'internal'],
        status: ['failed', 'importing', 'ready', 'retired'],
      });
    });
  },
);
