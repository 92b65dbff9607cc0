import { PublishState } from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { Knex } from 'knex';
import { toOutboxInsert } from './outboxRows';
import { PointerKey } from './PointerStore';
import {
  PointerPublication,
  PublishOutbox,
  PublishOutcome,
} from './PublishOutbox';
import { iso, lockForUpdate, orUndefined } from './registryRows';

const keyColumns = (key: PointerKey) => ({
  model_name: key.modelName,
  alias: key.alias,
  region: key.region,
});

/** The SSM outbox on PostgreSQL or SQLite. */
export class DatabasePublishOutbox implements PublishOutbox {
  constructor(private readonly db: Knex) {}

  async duePointers(now: Date, limit: number): Promise<PointerKey[]> {
    // The aggregate's alias hides the grouped columns from knex's result type.
    const rows = (await this.db('ssm_outbox')
      .where({ status: 'pending' })
      .andWhere('next_attempt_at', '<=', now)
      .groupBy('model_name', 'alias', 'region')
      .select('model_name', 'alias', 'region')
      .min({ first: 'id' })
      .orderBy('first')
      .limit(limit)) as Array<{
      model_name: string;
      alias: string;
      region: string;
    }>;
    return rows.map(row => ({
      modelName: row.model_name,
      alias: row.alias,
      region: row.region,
    }));
  }

  async publishCurrent(
    key: PointerKey,
    write: (publication: PointerPublication) => Promise<void>,
    options: { lockTimeoutMs?: number } = {},
  ): Promise<PublishOutcome> {
    const columns = keyColumns(key);
    return this.db.transaction(async tx => {
      if (tx.client.config.client === 'pg' && options.lockTimeoutMs) {
        // A request waits at most this long for a pointer another writer holds; the outbox retries later.
        await tx.raw(
          `set local lock_timeout = ${Math.ceil(options.lockTimeoutMs)}`,
        );
      }
      // Lock the pointer row alone: a join in a FOR UPDATE query would be re-checked against the
      // version row read before the wait, and drop the pointer a move changed meanwhile.
      const locked = await lockForUpdate(
        tx,
        tx('alias_pointers')
          .where(columns)
          .select('revision', 'account_id', 'version_number'),
      ).first();
      const version = locked
        ? await tx('model_versions')
            .where({ model_name: key.modelName, number: locked.version_number })
            .select('imported_model_arn')
            .first()
        : undefined;
      const pointer = locked && {
        ...locked,
        imported_model_arn: version?.imported_model_arn,
      };
      const pending = tx('ssm_outbox')
        .where(columns)
        .where({ status: 'pending' });
      if (!pointer) {
        await pending.clone().update({ status: 'superseded' });
        return { kind: 'no-pointer' };
      }
      const revision: number = pointer.revision;
      const current = await pending
        .clone()
        .where({ revision })
        .orderBy('id', 'desc')
        .first();
      if (current) {
        await write({
          key,
          revision,
          accountId: pointer.account_id,
          parameterName: current.parameter_name,
          value: pointer.imported_model_arn ?? '',
        });
        await pending.clone().where({ revision }).update({
          status: 'published',
          published_at: new Date(),
          last_error: null,
        });
      }
      // Writes of older revisions are never published: the pointer has moved past them.
      await pending
        .clone()
        .where('revision', '<', revision)
        .update({ status: 'superseded' });
      return current
        ? { kind: 'published', revision }
        : { kind: 'up-to-date', revision };
    });
  }

  async recordFailure(
    key: PointerKey,
    revision: number,
    error: string,
    nextAttemptAt: (attempts: number) => Date,
  ): Promise<void> {
    const rows = await this.db('ssm_outbox')
      .where(keyColumns(key))
      .where({ status: 'pending', revision })
      .select('id', 'attempts');
    for (const row of rows) {
      await this.db('ssm_outbox')
        .where({ id: row.id, status: 'pending' })
        .update({
          attempts: row.attempts + 1,
          last_error: error.slice(0, 2000),
          next_attempt_at: nextAttemptAt(row.attempts),
        });
    }
  }

  async publishStates(modelName: string): Promise<PublishState[]> {
    // The newest row of each pointer: older ones are published or superseded by it.
    const newest = this.db('ssm_outbox')
      .where({ model_name: modelName })
      .groupBy('alias', 'region')
      .max({ id: 'id' });
    const rows = await this.db('ssm_outbox')
      .whereIn('id', newest)
      .orderBy(['region', 'alias'])
      .select(
        'alias',
        'region',
        'status',
        'attempts',
        'last_error',
        'published_at',
      );
    return rows.map(row => ({
      alias: row.alias,
      region: row.region,
      status: row.status,
      attempts: row.attempts,
      lastError: orUndefined(row.last_error),
      publishedAt: row.published_at ? iso(row.published_at) : undefined,
    }));
  }

  async currentPublications(): Promise<
    Array<PointerPublication & { pending: boolean }>
  > {
    const newest = this.db('ssm_outbox')
      .groupBy('model_name', 'alias', 'region')
      .max({ id: 'id' });
    const [pointers, latestRows, pendingRows] = await Promise.all([
      this.db('alias_pointers as p')
        .join('model_versions as v', function joinVersion() {
          this.on('v.model_name', '=', 'p.model_name').andOn(
            'v.number',
            '=',
            'p.version_number',
          );
        })
        .select(
          'p.model_name',
          'p.alias',
          'p.region',
          'p.revision',
          'p.account_id',
          'v.imported_model_arn',
        ),
      this.db('ssm_outbox')
        .whereIn('id', newest)
        .select('model_name', 'alias', 'region', 'parameter_name'),
      this.db('ssm_outbox')
        .where({ status: 'pending' })
        .distinct('model_name', 'alias', 'region'),
    ]);
    const id = (row: { model_name: string; alias: string; region: string }) =>
      `${row.model_name}|${row.alias}|${row.region}`;
    const parameterOf = new Map(
      latestRows.map(row => [id(row), row.parameter_name]),
    );
    const pending = new Set(pendingRows.map(id));
    return pointers
      .filter(row => parameterOf.has(id(row)))
      .map(row => ({
        key: {
          modelName: row.model_name,
          alias: row.alias,
          region: row.region,
        },
        revision: row.revision,
        accountId: row.account_id,
        parameterName: parameterOf.get(id(row))!,
        value: row.imported_model_arn ?? '',
        pending: pending.has(id(row)),
      }));
  }

  async requeueIfCurrent(publication: PointerPublication): Promise<boolean> {
    const columns = keyColumns(publication.key);
    return this.db.transaction(async tx => {
      const pointer = await lockForUpdate(
        tx,
        tx('alias_pointers').where(columns).select('revision'),
      ).first();
      if (pointer?.revision !== publication.revision) return false;
      const history = await tx('alias_history')
        .where({ ...columns, seq: publication.revision })
        .select('id')
        .first();
      await tx('ssm_outbox').insert(
        toOutboxInsert(
          {
            ...publication.key,
            revision: publication.revision,
            historyId: history.id,
            accountId: publication.accountId,
            parameterName: publication.parameterName,
            value: publication.value,
          },
          new Date(),
        ),
      );
      return true;
    });
  }

  async takeLongFailing(before: Date) {
    return this.db.transaction(async tx => {
      const rows = await lockForUpdate(
        tx,
        tx('ssm_outbox')
          .where({ status: 'pending' })
          .where('attempts', '>', 0)
          .where('created_at', '<', before)
          .whereNull('alerted_at')
          .orderBy('id'),
      );
      if (rows.length === 0) return [];
      await tx('ssm_outbox')
        .whereIn(
          'id',
          rows.map(r => r.id),
        )
        .update({ alerted_at: new Date() });
      const byPointer = new Map<
        string,
        { key: PointerKey; since: Date; lastError?: string }
      >();
      for (const row of rows) {
        const id = `${row.model_name}|${row.alias}|${row.region}`;
        if (!byPointer.has(id)) {
          byPointer.set(id, {
            key: {
              modelName: row.model_name,
              alias: row.alias,
              region: row.region,
            },
            since: new Date(iso(row.created_at)),
            lastError: orUndefined(row.last_error),
          });
        }
      }
      return [...byPointer.values()];
    });
  }
}
