import {
  ModelVersion,
  PointerMove,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { Knex } from 'knex';
import { toOutboxInsert } from './outboxRows';
import {
  MoveOutcome,
  MovePlan,
  PointerKey,
  PointerRecord,
  PointerState,
  PointerStore,
} from './PointerStore';
import {
  HistoryRow,
  isUniqueViolation,
  lockForUpdate,
  PointerRow,
  toMove,
  toPointer,
  toVersion,
  VersionRow,
} from './registryRows';

const keyColumns = (key: PointerKey) => ({
  model_name: key.modelName,
  alias: key.alias,
  region: key.region,
});

/** Pointers and history on PostgreSQL or SQLite; a move is one transaction with its outbox row. */
export class DatabasePointerStore implements PointerStore {
  constructor(private readonly db: Knex) {}

  async listPointers(modelName: string): Promise<PointerRecord[]> {
    const rows = await this.db<PointerRow>('alias_pointers')
      .where({ model_name: modelName })
      .orderBy(['region', 'alias']);
    return rows.map(toPointer);
  }

  async allPointers(): Promise<PointerRecord[]> {
    const rows = await this.db<PointerRow>('alias_pointers').orderBy([
      'model_name',
      'region',
      'alias',
    ]);
    return rows.map(toPointer);
  }

  async pointersBetween(first: string, last: string) {
    const rows = await this.db<PointerRow>('alias_pointers')
      .where('model_name', '>=', first)
      .andWhere('model_name', '<=', last)
      .orderBy(['model_name', 'region', 'alias']);
    return rows.map(toPointer);
  }

  async getPointer(key: PointerKey): Promise<PointerRecord | undefined> {
    const row = await this.db<PointerRow>('alias_pointers')
      .where(keyColumns(key))
      .first();
    return row ? toPointer(row) : undefined;
  }

  async pointerHistory(key: PointerKey): Promise<PointerMove[]> {
    const rows = await this.db<HistoryRow>('alias_history')
      .where(keyColumns(key))
      .orderBy('seq');
    return rows.map(toMove);
  }

  async lastMoves(modelName: string): Promise<PointerMove[]> {
    const rows = await this.db<HistoryRow>('alias_history as h')
      .join('alias_pointers as p', function joinPointer() {
        this.on('p.model_name', '=', 'h.model_name')
          .andOn('p.alias', '=', 'h.alias')
          .andOn('p.region', '=', 'h.region')
          .andOn('p.revision', '=', 'h.seq');
      })
      .where('h.model_name', modelName)
      .select('h.*');
    return rows.map(toMove);
  }

  async recentHistory(
    modelName: string,
    limit: number,
  ): Promise<PointerMove[]> {
    const rows = await this.db<HistoryRow>('alias_history')
      .where({ model_name: modelName })
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit);
    return rows.map(toMove);
  }

  /**
   * A writer that loses a race for the same history position (another replica moved the pointer
   * between our read and our insert) retries and then plans on the new state.
   */
  async movePointer<R>(
    key: PointerKey,
    plan: (
      state: PointerState,
      loadVersion: (number: number) => Promise<ModelVersion | undefined>,
    ) => Promise<MovePlan<R>> | MovePlan<R>,
    options: { dryRun?: boolean } = {},
  ): Promise<MoveOutcome<R>> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.db.transaction(tx =>
          movePointerIn(tx, key, plan, options.dryRun ?? false),
        );
      } catch (error) {
        if (!isUniqueViolation(error) || attempt >= 10) throw error;
      }
    }
  }
}

/**
 * Moves a pointer inside a transaction the caller holds (a move, or the approval that completes a
 * request): locks the pointer, plans on its state, appends history, moves it and queues its SSM write.
 */
export async function movePointerIn<R>(
  tx: Knex.Transaction,
  key: PointerKey,
  plan: (
    state: PointerState,
    loadVersion: (number: number) => Promise<ModelVersion | undefined>,
  ) => Promise<MovePlan<R>> | MovePlan<R>,
  dryRun: boolean,
): Promise<MoveOutcome<R>> {
  const columns = keyColumns(key);
  // Serialises movers (and publishers) of one pointer across replicas.
  const row = await lockForUpdate(
    tx,
    tx<PointerRow>('alias_pointers').where(columns),
  ).first();
  const history = (
    await tx<HistoryRow>('alias_history').where(columns).orderBy('seq')
  ).map(toMove);
  const decision = await plan(
    { pointer: row ? toPointer(row) : undefined, history },
    async number => {
      const version = await lockForUpdate(
        tx,
        tx<VersionRow>('model_versions').where({
          model_name: key.modelName,
          number,
        }),
      ).first();
      return version ? toVersion(version) : undefined;
    },
  );
  if (decision.kind === 'refuse') {
    return { kind: 'refused', refusal: decision.refusal };
  }

  const { target, actor, reason, kind } = decision.move;
  const now = new Date();
  const seq = (row?.revision ?? 0) + 1;
  const pointer: PointerRecord = {
    ...key,
    accountId: row?.account_id ?? target.accountId,
    version: target.number,
    revision: seq,
    updatedBy: actor,
    updatedAt: now.toISOString(),
  };
  const move: Omit<PointerMove, 'id'> = {
    ...key,
    seq,
    kind,
    fromVersion: row?.version_number ?? null,
    toVersion: target.number,
    actor,
    reason,
    at: now.toISOString(),
    ...(decision.move.approval
      ? {
          approvalRequestId: decision.move.approval.requestId,
          requestedBy: decision.move.approval.requestedBy,
          approvedBy: decision.move.approval.approvedBy,
        }
      : {}),
    ...(decision.move.emergency ? { emergency: true } : {}),
  };
  if (dryRun) return { kind: 'moved', move: { ...move, id: 0 }, pointer };

  const [{ id: historyId }] = await tx('alias_history')
    .insert({
      ...columns,
      seq,
      kind,
      from_version: move.fromVersion,
      to_version: target.number,
      actor,
      reason,
      created_at: now,
      approval_request_id: decision.move.approval?.requestId ?? null,
      requested_by: decision.move.approval?.requestedBy ?? null,
      approved_by: decision.move.approval
        ? JSON.stringify(decision.move.approval.approvedBy)
        : null,
      emergency: decision.move.emergency ?? false,
    })
    .returning('id');
  const pointerColumns = {
    version_number: target.number,
    revision: seq,
    account_id: pointer.accountId,
    updated_by: actor,
    updated_at: now,
  };
  if (row) {
    await tx('alias_pointers').where(columns).update(pointerColumns);
  } else {
    await tx('alias_pointers').insert({ ...columns, ...pointerColumns });
  }
  const [{ id: outboxId }] = await tx('ssm_outbox')
    .insert(
      toOutboxInsert(
        {
          ...key,
          revision: seq,
          historyId,
          accountId: pointer.accountId,
          parameterName: decision.move.parameterName,
          value: target.importedModelArn ?? '',
        },
        now,
      ),
    )
    .returning('id');
  return {
    kind: 'moved',
    move: { ...move, id: historyId },
    pointer,
    outboxId,
  };
}
