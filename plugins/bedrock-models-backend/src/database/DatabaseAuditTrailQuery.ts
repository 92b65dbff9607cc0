import { AuditEvent } from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { Knex } from 'knex';
import {
  AuditFilters,
  AuditPosition,
  AuditTrailQuery,
} from './AuditTrailQuery';
import { iso } from './registryRows';

/**
 * Every table that records a change, as the same columns: one branch per kind of change. Ids are
 * prefixed by their table, so they are unique across branches and order events of the same instant.
 */
const EVENTS = `
  select 'move-' || h.id as id, h.created_at as at, h.kind as kind, h.model_name as model_name,
    h.to_version as version, h.from_version as from_version, h.alias as alias, h.region as region,
    ap.account_id as account_id, h.actor as actor, h.reason as reason, h.emergency as emergency,
    h.approval_request_id as approval_request_id, null as detail
  from alias_history h
  left join alias_pointers ap
    on ap.model_name = h.model_name and ap.alias = h.alias and ap.region = h.region
  union all
  select 'import-' || v.id, v.created_at, 'import', v.model_name, v.number, null, null, v.region,
    v.account_id, v.created_by, '', false, null, v.s3_uri || ' (' || v.status || ')'
  from model_versions v
  union all
  select 'retire-' || r.id, r.created_at, 'retire', r.model_name, r.version_number, null, null,
    r.region, r.account_id, r.actor, r.reason, false, null, r.imported_model_arn
  from version_retirements r
  union all
  select 'request-' || a.id, a.created_at, 'approval-requested', a.model_name, a.target_version,
    a.from_version, a.alias, a.region, null, a.requested_by, a.reason, false, a.id, a.kind
  from approval_requests a
  union all
  select 'decision-' || d.id, d.created_at,
    case d.decision when 'approve' then 'approval-approved' when 'reject' then 'approval-rejected'
      when 'cancel' then 'approval-cancelled' when 'expire' then 'approval-expired'
      else 'approval-stale' end,
    a.model_name, a.target_version, a.from_version, a.alias, a.region, null, d.actor, d.reason,
    false, a.id, a.kind
  from approval_decisions d
  join approval_requests a on a.id = d.request_id`;

type EventRow = {
  id: string;
  at: string | Date | number;
  kind: AuditEvent['kind'];
  model_name: string;
  owner: string;
  version: number | null;
  from_version: number | null;
  alias: string | null;
  region: string | null;
  account_id: string | null;
  actor: string;
  reason: string;
  emergency: boolean | number | null;
  approval_request_id: string | null;
  detail: string | null;
};

/** The audit trail on PostgreSQL or SQLite. */
export class DatabaseAuditTrailQuery implements AuditTrailQuery {
  constructor(private readonly db: Knex) {}

  async page(
    filters: AuditFilters,
    after: AuditPosition | undefined,
    limit: number,
  ): Promise<AuditEvent[]> {
    const query = this.db
      .from(this.db.raw(`(${EVENTS}) as e`))
      .join('models as m', 'm.name', 'e.model_name')
      .select('e.*', 'm.owner');
    const values: Array<[keyof AuditFilters, string]> = [
      ['modelName', 'e.model_name'],
      ['owner', 'm.owner'],
      ['actor', 'e.actor'],
      ['region', 'e.region'],
      ['kind', 'e.kind'],
    ];
    for (const [key, column] of values) {
      if (filters[key]) query.where(column, filters[key] as string);
    }
    if (filters.from) query.where('e.at', '>=', filters.from);
    if (filters.to) query.where('e.at', '<', filters.to);
    if (after) {
      query.where(q =>
        q
          .where('e.at', '<', after.at)
          .orWhere(same =>
            same.where('e.at', after.at).where('e.id', '<', after.id),
          ),
      );
    }
    const rows: EventRow[] = await query
      .orderBy('e.at', 'desc')
      .orderBy('e.id', 'desc')
      .limit(limit);
    return rows.map(row => ({
      id: row.id,
      at: iso(row.at),
      kind: row.kind,
      modelName: row.model_name,
      owner: row.owner,
      version: row.version ?? undefined,
      fromVersion: row.from_version ?? undefined,
      alias: row.alias ?? undefined,
      region: row.region ?? undefined,
      accountId: row.account_id ?? undefined,
      actor: row.actor,
      reason: row.reason,
      emergency: Boolean(Number(row.emergency ?? 0)) || undefined,
      approvalRequestId: row.approval_request_id ?? undefined,
      detail: row.detail ?? undefined,
    }));
  }
}
