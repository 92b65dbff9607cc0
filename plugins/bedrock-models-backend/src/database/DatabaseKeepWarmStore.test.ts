import { TestDatabases } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import {
  PRODUCTION,
  queueMove,
  seedSummarizer,
  TEST_ACCOUNT,
  testArn,
} from '../__testUtils__/registryParts';
import { DatabaseColdStartStore } from './DatabaseColdStartStore';
import { DatabaseKeepWarmStore } from './DatabaseKeepWarmStore';
import { DatabaseReportQuery } from './DatabaseReportQuery';
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

const OFFICE = {
  mode: 'windows' as const,
  intervalMinutes: 14,
  timeZone: 'Europe/Berlin',
  windows: [
    {
      days: [
        'mon' as const,
        'tue' as const,
        'wed' as const,
        'thu' as const,
        'fri' as const,
      ],
      startHour: 9,
      endHour: 17,
    },
  ],
  windowsPerMonth: 2314.29,
};
const STAGING = { ...PRODUCTION, alias: 'staging' };
const at = (iso: string) => new Date(iso);

describe.each(databases.eachSupportedId())(
  'keep-warm stores on %p',
  databaseId => {
    it('keeps every change of a policy, before and after, and the heartbeats’ progress through changes', async () => {
      const knex = await migrated(databaseId);
      await seedSummarizer(knex);
      const store = new DatabaseKeepWarmStore(knex);
      expect(await store.getPolicy(PRODUCTION)).toBeUndefined();

      await store.setPolicy(PRODUCTION, OFFICE, {
        actor: 'user:default/ana',
        reason: 'Office callers wait for cold starts',
        at: at('2026-11-30T08:00:00Z'),
      });
      await store.recordBeat(
        PRODUCTION,
        {
          at: '2026-11-30T08:04:00.000Z',
          version: 1,
          latencyMs: 120,
          outcome: 'served',
          coldCopy: false,
        },
        {
          lastServedAt: at('2026-11-30T08:04:00Z'),
          lastServedVersion: 1,
          failures: 0,
        },
      );
      const always = await store.setPolicy(
        PRODUCTION,
        {
          mode: 'always',
          intervalMinutes: 10,
          windows: [],
          windowsPerMonth: 8640,
        },
        {
          actor: 'user:default/cy',
          reason: 'Night batch too',
          at: at('2026-11-30T09:00:00Z'),
        },
      );
      expect(always).toEqual({
        mode: 'always',
        intervalMinutes: 10,
        windows: [],
        updatedBy: 'user:default/cy',
        updatedAt: '2026-11-30T09:00:00.000Z',
        reason: 'Night batch too',
      });
      expect((await store.getPolicy(PRODUCTION))?.progress).toEqual({
        lastServedAt: at('2026-11-30T08:04:00Z'),
        lastServedVersion: 1,
        coldSince: undefined,
        failures: 0,
        retryAfter: undefined,
      });
      const changes = await store.changes(PRODUCTION, 10);
      expect(changes.map(c => [c.actor, c.before?.mode, c.after.mode])).toEqual(
        [
          ['user:default/cy', 'windows', 'always'],
          ['user:default/ana', undefined, 'windows'],
        ],
      );
      expect(changes[1]).toMatchObject({
        at: '2026-11-30T08:00:00.000Z',
        reason: 'Office callers wait for cold starts',
        after: {
          timeZone: 'Europe/Berlin',
          windows: OFFICE.windows,
          intervalMinutes: 14,
        },
      });
      expect(await store.changes(STAGING, 10)).toEqual([]);
    });

    it('lists the pointers to warm with the version each names now, and none that are off', async () => {
      const knex = await migrated(databaseId);
      await seedSummarizer(knex);
      await knex('model_versions')
        .where({ model_name: 'summarizer', number: 2 })
        .update({
          cmus_per_copy: 2,
          architecture: 'llama',
          instruct_supported: true,
        });
      const stores = registryStoresOn(knex);
      const store = stores.keepWarm;
      const change = { actor: 'user:default/ana', reason: 'r', at: new Date() };
      await store.setPolicy(PRODUCTION, OFFICE, change);
      await store.setPolicy(STAGING, OFFICE, change);
      await store.setPolicy(
        { ...PRODUCTION, region: 'eu-central-1' },
        { ...OFFICE, mode: 'off', windows: [] },
        change,
      );
      await queueMove(stores, 2);

      const targets = await store.targets();
      expect(targets.map(t => [t.alias, t.version?.number])).toEqual([
        ['production', 2],
        // Staging names nothing yet: a target without a version, which the worker skips.
        ['staging', undefined],
      ]);
      expect(targets[0].version).toEqual({
        number: 2,
        accountId: TEST_ACCOUNT,
        status: 'ready',
        importedModelArn: testArn(2),
        instructSupported: true,
        architecture: 'llama',
        cmusPerCopy: 2,
      });
      expect(targets[0].policy.windows).toEqual(OFFICE.windows);
      expect(await store.modes(['summarizer', 'other'])).toEqual(
        new Map([
          ['summarizer|production|us-east-1', 'windows'],
          ['summarizer|staging|us-east-1', 'windows'],
          ['summarizer|production|eu-central-1', 'off'],
        ]),
      );
    });

    it('records heartbeats with the progress they leave, the latest first, and forgets old ones', async () => {
      const knex = await migrated(databaseId);
      await seedSummarizer(knex);
      const store = new DatabaseKeepWarmStore(knex);
      await store.setPolicy(PRODUCTION, OFFICE, {
        actor: 'user:default/ana',
        reason: 'r',
        at: new Date(),
      });
      await store.recordBeat(
        PRODUCTION,
        {
          at: '2026-10-01T08:00:00.000Z',
          version: 1,
          latencyMs: 10,
          outcome: 'served',
          coldCopy: false,
        },
        { failures: 0, lastServedAt: at('2026-10-01T08:00:00Z') },
      );
      await store.recordBeat(
        PRODUCTION,
        {
          at: '2026-11-30T08:00:00.000Z',
          version: 2,
          latencyMs: 35,
          outcome: 'throttled',
          coldCopy: false,
          error: 'ThrottlingException (log reference abcd1234)',
        },
        {
          failures: 1,
          lastServedAt: at('2026-10-01T08:00:00Z'),
          retryAfter: at('2026-11-30T08:01:00Z'),
          coldSince: at('2026-11-30T07:50:00Z'),
        },
      );
      expect(await store.lastBeat(PRODUCTION)).toEqual({
        at: '2026-11-30T08:00:00.000Z',
        version: 2,
        latencyMs: 35,
        outcome: 'throttled',
        coldCopy: false,
        error: 'ThrottlingException (log reference abcd1234)',
      });
      expect((await store.getPolicy(PRODUCTION))?.progress).toMatchObject({
        failures: 1,
        retryAfter: at('2026-11-30T08:01:00Z'),
        coldSince: at('2026-11-30T07:50:00Z'),
      });
      expect(await store.pruneBeats(at('2026-11-01T00:00:00Z'))).toBe(1);
      expect((await store.lastBeat(PRODUCTION))?.version).toBe(2);
      expect(await store.lastBeat(STAGING)).toBeUndefined();
    });

    it('lists cold starts newest first, of a model and Region or of all', async () => {
      const knex = await migrated(databaseId);
      const store = new DatabaseColdStartStore(knex);
      const base = {
        modelName: 'summarizer',
        version: 1,
        accountId: TEST_ACCOUNT,
        region: 'us-east-1',
        served: true,
      };
      await store.record({
        ...base,
        at: '2026-11-30T08:00:00.000Z',
        source: 'warm-up',
        waitedMs: 70_000,
      });
      await store.record({
        ...base,
        at: '2026-11-30T09:00:00.000Z',
        alias: 'production',
        source: 'heartbeat',
        waitedMs: 120_000,
      });
      await store.record({
        ...base,
        region: 'eu-central-1',
        at: '2026-11-30T10:00:00.000Z',
        source: 'evaluation',
        waitedMs: 300_000,
        served: false,
      });
      const since = at('2026-11-30T00:00:00Z');
      expect(
        (
          await store.list({
            since,
            modelName: 'summarizer',
            region: 'us-east-1',
          })
        ).map(c => [c.source, c.waitedMs, c.alias]),
      ).toEqual([
        ['heartbeat', 120_000, 'production'],
        ['warm-up', 70_000, undefined],
      ]);
      expect((await store.list({ since })).map(c => c.served)).toEqual([
        false,
        true,
        true,
      ]);
      expect(
        await store.list({
          since: at('2026-11-30T09:30:00Z'),
          modelName: 'nope',
        }),
      ).toEqual([]);
    });

    it("adds the keep-warm commitments of the pointers naming the report's versions to its totals", async () => {
      const knex = await migrated(databaseId);
      await seedSummarizer(knex);
      await knex('model_versions')
        .where({ model_name: 'summarizer' })
        .update({ cmus_per_copy: 2 });
      const stores = registryStoresOn(knex);
      await queueMove(stores, 2);
      const change = { actor: 'user:default/ana', reason: 'r', at: new Date() };
      await stores.keepWarm.setPolicy(PRODUCTION, OFFICE, change);
      // Staging has a policy but names nothing: it commits nothing.
      await stores.keepWarm.setPolicy(STAGING, OFFICE, change);
      const report = new DatabaseReportQuery(knex);
      const context = {
        productionAlias: 'production',
        storageCmuMonth: 1.95,
        cmuMinute: { 'us-east-1': 0.05718, 'eu-central-1': 0.07144 },
        dataResidency: {},
        now: new Date(),
        publishingStuckBefore: new Date(),
      };
      const totals = await report.totals({}, context);
      expect(totals.keepWarmMonthlyUsd).toBeCloseTo(
        2314.29 * 5 * 2 * 0.05718,
        6,
      );
      // Filtered to versions no pointer names, there is no commitment.
      expect(
        (await report.totals({ production: 'not-serving' }, context))
          .keepWarmMonthlyUsd,
      ).toBe(0);
      // No prices: no figure.
      expect(
        (await report.totals({}, { ...context, cmuMinute: {} }))
          .keepWarmMonthlyUsd,
      ).toBe(0);
    });
  },
);
