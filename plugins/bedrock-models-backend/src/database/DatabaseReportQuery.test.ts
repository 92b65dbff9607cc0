import { TestDatabases } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { insertModel } from '../__testUtils__/registryFixtures';
import { queueMove } from '../__testUtils__/registryParts';
import { DatabaseReportQuery } from './DatabaseReportQuery';
import { applyMigrations } from './migrateDatabase';
import { registryStoresOn } from './RegistryStores';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });
const CONTEXT = {
  productionAlias: 'production',
  storageCmuMonth: 2,
  // Confidential data stays in us-east-1: triage v1 (eu-central-1) breaks that.
  dataResidency: { confidential: ['us-east-1'] },
  now: new Date('2026-11-25T00:00:00Z'),
  publishingStuckBefore: new Date('2026-11-24T23:45:00Z'),
};
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
  // With the invocations read in the same calls: v1 was never called, triage last 10 days before now.
  await knex('cost_estimates').insert(
    (
      [
        [arn('summarizer', 1), 10, 0, null],
        [arn('summarizer', 2), 100, 50, new Date('2026-11-24T10:00:00Z')],
        [arn('triage', 1), 40, 10, new Date('2026-11-15T00:00:00Z')],
      ] as const
    ).map(([imported_model_arn, compute, invocations, last]) => ({
      imported_model_arn,
      account_id: '123456789012',
      region: 'us-east-1',
      compute_30d: compute,
      invocations_30d: invocations,
      last_invoked_at: last,
      read_at: now,
    })),
  );
  await queueMove(registryStoresOn(knex), 2);
  // Its SSM write failed once and waits for a retry.
  await knex('ssm_outbox').update({ attempts: 1, last_error: 'throttled' });
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
        models: 1,
        liveVersions: 2,
        servingProduction: 1,
        estimatedMonthlyCost: 118,
        withoutEstimate: 1,
        byRegion: { 'us-east-1': 118 },
        byOwner: { 'group:default/support-ml': 118 },
        // No CMU prices in this context: keep-warm commits nothing (its total is tested with the store).
        keepWarmMonthlyUsd: 0,
      });
      expect(await query.totals({}, CONTEXT)).toMatchObject({
        versions: 7,
        models: 3,
        liveVersions: 4,
        servingProduction: 1,
        estimatedMonthlyCost: 162,
        byOwner: {
          'group:default/support-ml': 118,
          'group:default/claims-ai': 44,
          'group:default/ml-platform': 0,
        },
      });
    });

    it('lists what needs attention: unnamed, idle, residency breaches and failing publishing', async () => {
      const page = (filters: object) =>
        query
          .page(
            filters,
            { by: 'model', order: 'asc' },
            { offset: 0, limit: 50 },
            CONTEXT,
          )
          .then(rows => rows.map(key));
      expect(await page({ status: 'ready', named: 'unnamed' })).toEqual([
        'faq v1',
        'summarizer v1',
        'triage v1',
      ]);
      expect(await page({ named: 'named' })).toEqual(['summarizer v2']);
      // faq's usage was never read, so it is not called idle.
      expect(await page({ idleDays: 7 })).toEqual([
        'summarizer v1',
        'triage v1',
      ]);
      expect(await page({ idleDays: 20 })).toEqual(['summarizer v1']);
      expect(await page({ residency: 'violates' })).toEqual(['triage v1']);
      expect(await page({ publishing: 'failing' })).toEqual(['summarizer v2']);
      expect(
        (await query.totals({ status: 'ready', named: 'unnamed' }, CONTEXT))
          .estimatedMonthlyCost,
      ).toBe(58);

      const [v2] = await query.page(
        { named: 'named' },
        { by: 'model', order: 'asc' },
        { offset: 0, limit: 1 },
        CONTEXT,
      );
      expect(v2).toMatchObject({
        invocations30d: 50,
        lastInvokedAt: '2026-11-24T10:00:00.000Z',
        residencyViolation: false,
        publishingFailing: true,
      });
    });

    it('sorts by every column the page offers', async () => {
      const sorted = (by: string, order: 'asc' | 'desc' = 'asc') =>
        query
          .page(
            {},
            { by: by as never, order },
            { offset: 0, limit: 3 },
            CONTEXT,
          )
          .then(rows => rows.map(key));
      expect(await sorted('lastInvokedAt', 'desc')).toEqual([
        'summarizer v2',
        'triage v1',
        'faq v1',
      ]);
      expect(await sorted('version', 'desc')).toEqual([
        'summarizer v4',
        'summarizer v3',
        'summarizer v2',
      ]);
      expect(await sorted('managed')).toEqual([
        'faq v1',
        'summarizer v1',
        'summarizer v2',
      ]);
      expect(await sorted('productionVersion')).toEqual([
        'summarizer v1',
        'summarizer v2',
        'summarizer v3',
      ]);
      expect(await sorted('classification', 'desc')).toEqual([
        'faq v1',
        'summarizer v1',
        'summarizer v2',
      ]);
      expect(await sorted('architecture', 'desc')).toEqual([
        'triage v1',
        'faq v1',
        'summarizer v1',
      ]);
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
