import {
  AliasPointer,
  Model,
  ModelVersion,
  PointerMove,
  VersionStatus,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { Knex } from 'knex';

/** Row shapes of the registry's tables and their mapping to the shared types. */

export type ModelRow = {
  name: string;
  title: string | null;
  description: string | null;
  owner: string;
  system: string | null;
  classification: string;
  lineage: string | null;
  tags: string | null;
  created_by: string;
  created_at: string | Date;
  updated_at: string | Date;
};

export type VersionRow = {
  model_name: string;
  number: number;
  account_id: string;
  region: string;
  status: VersionStatus;
  imported_model_arn: string | null;
  job_arn: string | null;
  job_name: string | null;
  failure_message: string | null;
  s3_uri: string;
  architecture: string | null;
  instruct_supported: boolean | number | null;
  cmus_per_copy: number | null;
  imported_model_name: string | null;
  cold_start_ms: number | null;
  last_check_error: string | null;
  flag?: string | null;
  managed: boolean | number;
  created_by: string;
  created_at: string | Date;
  updated_at: string | Date;
};

export type PointerRow = {
  model_name: string;
  alias: string;
  region: string;
  version_number: number;
  revision: number;
  account_id: string | null;
  updated_by: string;
  updated_at: string | Date;
};

export type HistoryRow = {
  id: number;
  model_name: string;
  alias: string;
  region: string;
  seq: number;
  kind: 'promote' | 'rollback';
  from_version: number | null;
  to_version: number;
  actor: string;
  reason: string;
  created_at: string | Date;
  approval_request_id?: string | null;
  requested_by?: string | null;
  approved_by?: string | null;
  emergency?: boolean | number | null;
};

// SQLite returns timestamps as strings or epoch numbers, PostgreSQL as Dates: normalise to ISO.
export const iso = (value: string | Date | number) =>
  new Date(value).toISOString();
export const orUndefined = <T>(value: T | null): T | undefined =>
  value ?? undefined;

export function toModel(row: ModelRow): Model {
  return {
    name: row.name,
    title: orUndefined(row.title),
    description: orUndefined(row.description),
    owner: row.owner,
    system: orUndefined(row.system),
    classification: row.classification,
    lineage: row.lineage ? JSON.parse(row.lineage) : {},
    tags: row.tags ? JSON.parse(row.tags) : [],
    createdBy: row.created_by,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

export function toVersion(row: VersionRow): ModelVersion {
  return {
    modelName: row.model_name,
    number: row.number,
    accountId: row.account_id,
    region: row.region,
    status: row.status,
    importedModelArn: orUndefined(row.imported_model_arn),
    jobArn: orUndefined(row.job_arn),
    jobName: orUndefined(row.job_name),
    failureMessage: orUndefined(row.failure_message),
    s3Uri: row.s3_uri,
    architecture: orUndefined(row.architecture),
    instructSupported:
      row.instruct_supported === null
        ? undefined
        : Boolean(row.instruct_supported),
    cmusPerCopy: orUndefined(row.cmus_per_copy),
    importedModelName: orUndefined(row.imported_model_name),
    coldStartMs: orUndefined(row.cold_start_ms),
    lastCheckError: orUndefined(row.last_check_error),
    flag: row.flag ?? undefined,
    managed: Boolean(row.managed),
    createdBy: row.created_by,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

/** A pointer as stored: what callers read it from (SSM) and what a rollback targets are added by the service. */
export type PointerRecord = Omit<
  AliasPointer,
  'parameterName' | 'rollbackTarget'
>;

export function toPointer(row: PointerRow): PointerRecord {
  return {
    modelName: row.model_name,
    alias: row.alias,
    region: row.region,
    accountId: row.account_id ?? '',
    version: row.version_number,
    revision: row.revision,
    updatedBy: row.updated_by,
    updatedAt: iso(row.updated_at),
  };
}

export function toMove(row: HistoryRow): PointerMove {
  return {
    id: row.id,
    modelName: row.model_name,
    alias: row.alias,
    region: row.region,
    seq: row.seq,
    kind: row.kind,
    fromVersion: row.from_version,
    toVersion: row.to_version,
    actor: row.actor,
    reason: row.reason,
    at: iso(row.created_at),
    ...(row.approval_request_id
      ? {
          approvalRequestId: row.approval_request_id,
          requestedBy: row.requested_by ?? undefined,
          approvedBy: JSON.parse(row.approved_by ?? '[]'),
        }
      : {}),
    ...(row.emergency ? { emergency: true } : {}),
  };
}

// A unique-constraint violation: another replica wrote the same pointer position or version number first.
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  return (
    e?.code === '23505' ||
    e?.code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
  );
}

/** Locks rows for the rest of a transaction on PostgreSQL; SQLite serialises whole write transactions. */
export function lockForUpdate<T extends Knex.QueryBuilder>(
  tx: Knex.Transaction,
  query: T,
): T {
  return tx.client.config.client === 'pg' ? (query.forUpdate() as T) : query;
}

/** The row of a new model (what creating a model takes: a Model without its timestamps). */
export function toModelRow(
  model: Omit<Model, 'createdAt' | 'updatedAt'>,
  now: Date,
) {
  return {
    name: model.name,
    title: model.title ?? null,
    description: model.description ?? null,
    owner: model.owner,
    system: model.system ?? null,
    classification: model.classification,
    lineage: JSON.stringify(model.lineage ?? {}),
    tags: JSON.stringify(model.tags ?? []),
    created_by: model.createdBy,
    created_at: now,
    updated_at: now,
  };
}
