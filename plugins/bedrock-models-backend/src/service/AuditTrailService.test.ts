import { TestDatabases } from '@backstage/backend-test-utils';
import { InputError } from '@backstage/errors';
import { Knex } from 'knex';
import {
  insertModel,
  TEST_ACCOUNT,
  testArn,
} from '../__testUtils__/registryFixtures';
import { DatabaseAuditTrailQuery } from '../database/DatabaseAuditTrailQuery';
import { DatabaseModelStore } from '../database/DatabaseModelStore';
import { applyMigrations } from '../database/migrateDatabase';
import { AuditTrailService } from './AuditTrailService';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });
const at = (minute: number) => new Date(Date.UTC(2026, 10, 20, 9, minute, 0));

/**
 * Two models' lives: summarizer imported twice, promoted, rolled back (an emergency), a version
 * retired; triage imported in eu-central-1 and asked for production, which Bo approved. Three events
 * share one instant, so paging must order them by id.
 */
async function seed(knex: Knex) {
  await insertModel(knex, {
    name: 'summarizer',
    owner: 'group:default/support-ml',
  });
  await insertModel(knex, { name: 'triage', owner: 'group:default/claims-ai' });
  const version = (
    model: string,
    number: number,
    minute: number,
    region = 'us-east-1',
  ) => ({
    model_name: model,
    number,
    account_id: TEST_ACCOUNT,
    region,
    status: 'ready',
    imported_model_arn: testArn(number, region),
    s3_uri: `s3://ml/${model}/v${number}/`,
    managed: true,
    created_by: 'user:default/ana',
    created_at: at(minute),
    updated_at: at(minute),
  });
  await knex('model_versions').insert([
    version('summarizer', 1, 0),
    version('summarizer', 2, 10),
    version('summarizer', 3, 20),
    version('triage', 1, 20, 'eu-central-1'),
  ]);
  await knex('alias_pointers').insert({
    model_name: 'summarizer',
    alias: 'production',
    region: 'us-east-1',
    account_id: TEST_ACCOUNT,
    version_number: 1,
    revision: 2,
    updated_by: 'user:default/cy',
    updated_at: at(30),
  });
  const move = (
    seq: number,
    kind: string,
    from: number | null,
    to: number,
    actor: string,
    minute: number,
    extra: object = {},
  ) => ({
    model_name: 'summarizer',
    alias: 'production',
    region: 'us-east-1',
    seq,
    kind,
    from_version: from,
    to_version: to,
    actor,
    reason: `${kind} to ${to}`,
    created_at: at(minute),
    emergency: false,
    ...extra,
  });
  await knex('alias_history').insert([
    move(1, 'promote', null, 2, 'user:default/ana', 20),
    move(2, 'rollback', 2, 1, 'user:default/cy', 30, { emergency: true }),
  ]);
  await knex('approval_requests').insert({
    id: 'req-1',
    model_name: 'triage',
    alias: 'production',
    region: 'eu-central-1',
    kind: 'promote',
    target_version: 1,
    from_version: null,
    pointer_revision: 0,
    requested_by: 'user:default/dee',
    reason: 'first production',
    rule: '{}',
    status: 'approved',
    created_at: at(40),
    expires_at: at(100),
  });
  await knex('approval_decisions').insert({
    request_id: 'req-1',
    actor: 'user:default/bo',
    decision: 'approve',
    reason: 'evaluation passed',
    created_at: at(50),
  });
}

describe.each(databases.eachSupportedId())(
  'the audit trail on %p',
  databaseId => {
    let knex: Knex;
    let trail: AuditTrailService;

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      await applyMigrations(knex);
      await seed(knex);
      // A retirement goes through the store, which keeps who and why with it.
      const retired = await new DatabaseModelStore(knex).beginRetirement(
        'summarizer',
        3,
        { actor: 'user:default/ana', reason: 'Superseded by v2' },
        () => undefined,
      );
      if (retired.kind !== 'retired') throw new Error('v3 was not retired');
      trail = new AuditTrailService({
        query: new DatabaseAuditTrailQuery(knex),
      });
    });

    const summary = (e: {
      kind: string;
      modelName: string;
      version?: number;
    }) => `${e.kind} ${e.modelName} v${e.version}`;

    it('lists every kind of change, newest first, with who, why and what', async () => {
      const { items, nextCursor } = await trail.page({}, { limit: 50 });
      expect(nextCursor).toBeUndefined();
      expect(items.map(summary)).toEqual([
        'retire summarizer v3',
        'approval-approved triage v1',
        'approval-requested triage v1',
        'rollback summarizer v1',
        // Three at 09:20: ordered by id, newest-looking first.
        'promote summarizer v2',
        'import triage v1',
        'import summarizer v3',
        'import summarizer v2',
        'import summarizer v1',
      ]);
      expect(items[0]).toMatchObject({
        kind: 'retire',
        actor: 'user:default/ana',
        reason: 'Superseded by v2',
        owner: 'group:default/support-ml',
        accountId: TEST_ACCOUNT,
        detail: testArn(3),
      });
      expect(items[3]).toMatchObject({
        kind: 'rollback',
        fromVersion: 2,
        alias: 'production',
        emergency: true,
        actor: 'user:default/cy',
        accountId: TEST_ACCOUNT,
      });
      expect(items[1]).toMatchObject({
        actor: 'user:default/bo',
        reason: 'evaluation passed',
        approvalRequestId: 'req-1',
        region: 'eu-central-1',
      });
      expect(items[8]).toMatchObject({
        kind: 'import',
        actor: 'user:default/ana',
        detail: 's3://ml/summarizer/v1/ (ready)',
      });
    });

    it('filters by model, owner, actor, Region, kind and time', async () => {
      const kinds = async (filters: object) =>
        (await trail.page(filters, { limit: 50 })).items.map(summary);
      expect(await kinds({ modelName: 'triage' })).toEqual([
        'approval-approved triage v1',
        'approval-requested triage v1',
        'import triage v1',
      ]);
      expect(await kinds({ owner: 'group:default/claims-ai' })).toHaveLength(3);
      expect(await kinds({ actor: 'user:default/cy' })).toEqual([
        'rollback summarizer v1',
      ]);
      expect(await kinds({ region: 'eu-central-1', kind: 'import' })).toEqual([
        'import triage v1',
      ]);
      expect(await kinds({ from: at(20), to: at(40) })).toEqual([
        'rollback summarizer v1',
        'promote summarizer v2',
        'import triage v1',
        'import summarizer v3',
      ]);
    });

    it('pages through every event once, ties included, with cursors tied to the filters', async () => {
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await trail.page({}, { limit: 2, cursor });
        expect(page.items.length).toBeLessThanOrEqual(2);
        seen.push(...page.items.map(e => e.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toHaveLength(9);
      expect(new Set(seen).size).toBe(9);

      const first = await trail.page({}, { limit: 2 });
      await expect(
        trail.page(
          { modelName: 'triage' },
          { limit: 2, cursor: first.nextCursor },
        ),
      ).rejects.toThrow(InputError);
      await expect(
        trail.page({}, { limit: 2, cursor: 'not-a-cursor' }),
      ).rejects.toThrow(
        'Invalid cursor: it belongs to other filters; ask for the first page again.',
      );
    });

    it('exports the filtered events as CSV, newest first', async () => {
      const chunks: string[] = [];
      await trail.csv({ modelName: 'summarizer', kind: 'retire' }, async c => {
        chunks.push(c);
      });
      const lines = chunks.join('').trim().split('\r\n');
      expect(lines).toHaveLength(2);
      expect(lines[0]).toMatch(/^at,kind,model,owner,version/);
      expect(lines[1]).toContain(
        'retire,summarizer,group:default/support-ml,3',
      );
      expect(lines[1]).toContain('Superseded by v2');
    });
  },
);
