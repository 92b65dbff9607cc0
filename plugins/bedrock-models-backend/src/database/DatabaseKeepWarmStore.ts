import {
  HeartbeatRecord,
  KeepWarmChange,
  KeepWarmPolicy,
  VersionStatus,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { Knex } from 'knex';
import {
  HeartbeatProgress,
  KeepWarmSetting,
  KeepWarmStore,
  KeepWarmTarget,
} from './KeepWarmStore';
import { PointerKey } from './PointerStore';
import { iso, lockForUpdate } from './registryRows';

type PolicyRow = {
  model_name: string;
  alias: string;
  region: string;
  mode: KeepWarmPolicy['mode'];
  interval_minutes: number;
  time_zone: string | null;
  windows: string;
  windows_per_month: number | string;
  reason: string;
  updated_by: string;
  updated_at: string | Date;
  last_served_at: string | Date | null;
  last_served_version: number | null;
  cold_since: string | Date | null;
  failures: number;
  retry_after: string | Date | null;
};

type TargetRow = PolicyRow & {
  version_number: number | null;
  account_id: string | null;
  status: VersionStatus | null;
  imported_model_arn: string | null;
  instruct_supported: boolean | number | null;
  architecture: string | null;
  cmus_per_copy: number | null;
};

type BeatRow = {
  version_number: number;
  sent_at: string | Date;
  latency_ms: number | string;
  outcome: HeartbeatRecord['outcome'];
  cold_copy: boolean | number;
  error: string | null;
};

const where = (key: PointerKey) => ({
  model_name: key.modelName,
  alias: key.alias,
  region: key.region,
});

const date = (value: string | Date | null) =>
  value === null ? undefined : new Date(value);

function toPolicy(row: PolicyRow): KeepWarmPolicy {
  return {
    mode: row.mode,
    intervalMinutes: row.interval_minutes,
    ...(row.time_zone ? { timeZone: row.time_zone } : {}),
    windows: JSON.parse(row.windows),
    updatedBy: row.updated_by,
    updatedAt: iso(row.updated_at),
    reason: row.reason,
  };
}

function toProgress(row: PolicyRow): HeartbeatProgress {
  return {
    lastServedAt: date(row.last_served_at),
    lastServedVersion: row.last_served_version ?? undefined,
    coldSince: date(row.cold_since),
    failures: row.failures,
    retryAfter: date(row.retry_after),
  };
}

/** Keep-warm policies and heartbeats on PostgreSQL or SQLite. */
export class DatabaseKeepWarmStore implements KeepWarmStore {
  constructor(private readonly db: Knex) {}

  async getPolicy(key: PointerKey) {
    const row: PolicyRow | undefined = await this.db('keep_warm_policies')
      .where(where(key))
      .first();
    return row
      ? { policy: toPolicy(row), progress: toProgress(row) }
      : undefined;
  }

  async setPolicy(
    key: PointerKey,
    setting: KeepWarmSetting,
    change: { actor: string; reason: string; at: Date },
  ): Promise<KeepWarmPolicy> {
    return this.db.transaction(async tx => {
      const before: PolicyRow | undefined = await lockForUpdate(
        tx,
        tx('keep_warm_policies').where(where(key)),
      ).first();
      const values = {
        mode: setting.mode,
        interval_minutes: setting.intervalMinutes,
        time_zone: setting.timeZone ?? null,
        windows: JSON.stringify(setting.windows),
        windows_per_month: setting.windowsPerMonth,
        reason: change.reason,
        updated_by: change.actor,
        updated_at: change.at,
      };
      if (before) {
        await tx('keep_warm_policies').where(where(key)).update(values);
      } else {
        // Two first settings racing: the second insert fails on the primary key, and is retried by no one:
        // the caller sees the error and sets it again over the first.
        await tx('keep_warm_policies').insert({ ...where(key), ...values });
      }
      const after: PolicyRow = await tx('keep_warm_policies')
        .where(where(key))
        .first();
      await tx('keep_warm_changes').insert({
        ...where(key),
        actor: change.actor,
        reason: change.reason,
        before: before ? JSON.stringify(toPolicy(before)) : null,
        after: JSON.stringify(toPolicy(after)),
        created_at: change.at,
      });
      return toPolicy(after);
    });
  }

  async changes(key: PointerKey, limit: number): Promise<KeepWarmChange[]> {
    const rows: Array<{
      actor: string;
      reason: string;
      before: string | null;
      after: string;
      created_at: string | Date;
    }> = await this.db('keep_warm_changes')
      .where(where(key))
      .orderBy('id', 'desc')
      .limit(limit);
    return rows.map(row => ({
      at: iso(row.created_at),
      actor: row.actor,
      reason: row.reason,
      ...(row.before ? { before: JSON.parse(row.before) } : {}),
      after: JSON.parse(row.after),
    }));
  }

  async targets(): Promise<KeepWarmTarget[]> {
    const rows: TargetRow[] = await this.db('keep_warm_policies as k')
      .leftJoin('alias_pointers as p', join =>
        join
          .on('p.model_name', '=', 'k.model_name')
          .andOn('p.alias', '=', 'k.alias')
          .andOn('p.region', '=', 'k.region'),
      )
      .leftJoin('model_versions as v', join =>
        join
          .on('v.model_name', '=', 'p.model_name')
          .andOn('v.number', '=', 'p.version_number'),
      )
      .whereNot('k.mode', 'off')
      .orderBy(['k.model_name', 'k.alias', 'k.region'])
      .select(
        'k.*',
        'p.version_number',
        'v.account_id',
        'v.status',
        'v.imported_model_arn',
        'v.instruct_supported',
        'v.architecture',
        'v.cmus_per_copy',
      );
    return rows.map(row => ({
      modelName: row.model_name,
      alias: row.alias,
      region: row.region,
      policy: toPolicy(row),
      progress: toProgress(row),
      version:
        row.version_number === null || row.account_id === null
          ? undefined
          : {
              number: row.version_number,
              accountId: row.account_id,
              status: row.status!,
              importedModelArn: row.imported_model_arn ?? undefined,
              instructSupported:
                row.instruct_supported === null
                  ? undefined
                  : Boolean(row.instruct_supported),
              architecture: row.architecture ?? undefined,
              cmusPerCopy: row.cmus_per_copy ?? undefined,
            },
    }));
  }

  async modes(modelNames: string[]) {
    const modes = new Map<string, KeepWarmPolicy['mode']>();
    if (modelNames.length === 0) return modes;
    const rows: Array<
      Pick<PolicyRow, 'model_name' | 'alias' | 'region' | 'mode'>
    > = await this.db('keep_warm_policies')
      .whereIn('model_name', modelNames)
      .select('model_name', 'alias', 'region', 'mode');
    for (const row of rows) {
      modes.set(`${row.model_name}|${row.alias}|${row.region}`, row.mode);
    }
    return modes;
  }

  async recordBeat(
    key: PointerKey,
    beat: HeartbeatRecord,
    progress: HeartbeatProgress,
  ): Promise<void> {
    await this.db.transaction(async tx => {
      await tx('keep_warm_beats').insert({
        ...where(key),
        version_number: beat.version,
        sent_at: new Date(beat.at),
        latency_ms: beat.latencyMs,
        outcome: beat.outcome,
        cold_copy: beat.coldCopy,
        error: beat.error ?? null,
      });
      await tx('keep_warm_policies')
        .where(where(key))
        .update({
          last_served_at: progress.lastServedAt ?? null,
          last_served_version: progress.lastServedVersion ?? null,
          cold_since: progress.coldSince ?? null,
          failures: progress.failures,
          retry_after: progress.retryAfter ?? null,
        });
    });
  }

  async lastBeat(key: PointerKey): Promise<HeartbeatRecord | undefined> {
    const row: BeatRow | undefined = await this.db('keep_warm_beats')
      .where(where(key))
      .orderBy('sent_at', 'desc')
      .orderBy('id', 'desc')
      .first();
    if (!row) return undefined;
    return {
      at: iso(row.sent_at),
      version: row.version_number,
      latencyMs: Number(row.latency_ms),
      outcome: row.outcome,
      coldCopy: Boolean(row.cold_copy),
      ...(row.error ? { error: row.error } : {}),
    };
  }

  async pruneBeats(before: Date): Promise<number> {
    return this.db('keep_warm_beats').where('sent_at', '<', before).delete();
  }

  async updateWindowsPerMonth(
    key: PointerKey,
    windowsPerMonth: number,
  ): Promise<void> {
    await this.db('keep_warm_policies')
      .where(where(key))
      .update({ windows_per_month: windowsPerMonth });
  }
}
