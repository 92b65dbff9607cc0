import { randomUUID } from 'node:crypto';
import {
  ApprovalDecision,
  ApprovalRequest,
  ModelVersion,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { Knex } from 'knex';
import {
  ApprovalRecord,
  ApprovalStore,
  DecideOutcome,
  DecisionPlan,
  NewApprovalRequest,
} from './ApprovalStore';
import { movePointerIn } from './DatabasePointerStore';
import { MovePlan, PointerState } from './PointerStore';
import { iso, lockForUpdate } from './registryRows';

type RequestRow = {
  id: string;
  model_name: string;
  alias: string;
  region: string;
  kind: 'promote' | 'rollback';
  target_version: number;
  from_version: number | null;
  pointer_revision: number;
  requested_by: string;
  reason: string;
  rule: string;
  status: ApprovalRequest['status'];
  history_id: number | null;
  created_at: string | Date;
  expires_at: string | Date;
  decided_at: string | Date | null;
};

type DecisionRow = {
  request_id: string;
  actor: string;
  decision: ApprovalDecision['decision'];
  reason: string;
  created_at: string | Date;
};

function toRecord(row: RequestRow, decisions: DecisionRow[]): ApprovalRecord {
  return {
    id: row.id,
    modelName: row.model_name,
    alias: row.alias,
    region: row.region,
    kind: row.kind,
    targetVersion: row.target_version,
    fromVersion: row.from_version,
    pointerRevision: row.pointer_revision,
    requestedBy: row.requested_by,
    reason: row.reason,
    rule: JSON.parse(row.rule),
    status: row.status,
    decisions: decisions
      .filter(d => d.request_id === row.id)
      .map(d => ({
        actor: d.actor,
        decision: d.decision,
        reason: d.reason,
        at: iso(d.created_at),
      })),
    ...(row.history_id !== null ? { moveId: row.history_id } : {}),
    createdAt: iso(row.created_at),
    expiresAt: iso(row.expires_at),
    ...(row.decided_at ? { decidedAt: iso(row.decided_at) } : {}),
  };
}

/** Thrown inside the transaction to undo a decision whose move was refused. */
class MoveRefused<R> extends Error {
  constructor(readonly refusal: R) {
    super('move refused');
  }
}

/** Approval requests on PostgreSQL or SQLite. */
export class DatabaseApprovalStore implements ApprovalStore {
  constructor(private readonly db: Knex) {}

  private async records(
    db: Knex | Knex.Transaction,
    rows: RequestRow[],
  ): Promise<ApprovalRecord[]> {
    const ids = rows.map(r => r.id);
    const decisions: DecisionRow[] =
      ids.length === 0
        ? []
        : await db('approval_decisions')
            .whereIn('request_id', ids)
            .orderBy('id');
    return rows.map(row => toRecord(row, decisions));
  }

  async create(request: NewApprovalRequest): Promise<ApprovalRecord> {
    const row: RequestRow = {
      id: randomUUID(),
      model_name: request.modelName,
      alias: request.alias,
      region: request.region,
      kind: request.kind,
      target_version: request.targetVersion,
      from_version: request.fromVersion,
      pointer_revision: request.pointerRevision,
      requested_by: request.requestedBy,
      reason: request.reason,
      rule: JSON.stringify(request.rule),
      status: 'pending',
      history_id: null,
      created_at: new Date(),
      expires_at: request.expiresAt,
      decided_at: null,
    };
    await this.db('approval_requests').insert(row);
    return toRecord(row, []);
  }

  async get(id: string): Promise<ApprovalRecord | undefined> {
    const row = await this.db<RequestRow>('approval_requests')
      .where({ id })
      .first();
    return row ? (await this.records(this.db, [row]))[0] : undefined;
  }

  async list(filter: {
    status?: ApprovalRequest['status'];
    modelName?: string;
    requestedBy?: string;
    limit: number;
  }): Promise<ApprovalRecord[]> {
    const query = this.db<RequestRow>('approval_requests')
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .limit(filter.limit);
    if (filter.status) query.where({ status: filter.status });
    if (filter.modelName) query.where({ model_name: filter.modelName });
    if (filter.requestedBy) query.where({ requested_by: filter.requestedBy });
    return this.records(this.db, await query);
  }

  async decide<R>(
    id: string,
    decide: (request: ApprovalRecord) => DecisionPlan<R>,
    plan: (
      request: ApprovalRecord,
      state: PointerState,
      loadVersion: (number: number) => Promise<ModelVersion | undefined>,
    ) => Promise<MovePlan<R>> | MovePlan<R>,
  ): Promise<DecideOutcome<R>> {
    try {
      return await this.db.transaction(
        async (tx): Promise<DecideOutcome<R>> => {
          // Two approvers at once: the second waits here, then sees the first's decision.
          const row = await lockForUpdate(
            tx,
            tx<RequestRow>('approval_requests').where({ id }),
          ).first();
          if (!row) return { kind: 'missing' };
          const request = (await this.records(tx, [row]))[0];
          const decision = decide(request);
          if (decision.kind === 'refuse') {
            return { kind: 'refused', refusal: decision.refusal };
          }
          const now = new Date();
          let moved: Extract<DecideOutcome<R>, { kind: 'recorded' }>['moved'];
          if (decision.move) {
            const outcome = await movePointerIn(
              tx,
              {
                modelName: request.modelName,
                alias: request.alias,
                region: request.region,
              },
              (state, loadVersion) => plan(request, state, loadVersion),
              false,
            );
            if (outcome.kind === 'refused')
              throw new MoveRefused(outcome.refusal);
            moved = outcome;
          }
          await tx('approval_decisions').insert({
            request_id: id,
            actor: decision.decision.actor,
            decision: decision.decision.decision,
            reason: decision.decision.reason,
            created_at: now,
          });
          const terminal = decision.status !== 'pending';
          await tx('approval_requests')
            .where({ id })
            .update({
              status: decision.status,
              ...(terminal ? { decided_at: now } : {}),
              ...(moved ? { history_id: moved.move.id } : {}),
            });
          const after = await tx<RequestRow>('approval_requests')
            .where({ id })
            .first();
          return {
            kind: 'recorded',
            request: (await this.records(tx, [after!]))[0],
            moved,
          };
        },
      );
    } catch (error) {
      if (error instanceof MoveRefused) {
        return { kind: 'refused', refusal: error.refusal as R };
      }
      throw error;
    }
  }

  async expireDue(now: Date): Promise<ApprovalRecord[]> {
    return this.db.transaction(async tx => {
      const due = await lockForUpdate(
        tx,
        tx<RequestRow>('approval_requests')
          .where({ status: 'pending' })
          .andWhere('expires_at', '<=', now),
      );
      if (due.length === 0) return [];
      const ids = due.map(r => r.id);
      await tx('approval_decisions').insert(
        ids.map(requestId => ({
          request_id: requestId,
          actor: 'bedrock-models:approvals',
          decision: 'expire',
          reason: 'Nobody decided before it expired.',
          created_at: now,
        })),
      );
      await tx('approval_requests')
        .whereIn('id', ids)
        .update({ status: 'expired', decided_at: now });
      const rows = await tx<RequestRow>('approval_requests').whereIn('id', ids);
      return this.records(tx, rows);
    });
  }
}
