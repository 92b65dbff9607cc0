import { ConflictError, NotFoundError } from '@backstage/errors';
import {
  DiscoverySyncState,
  ModelVersion,
  VersionStatus,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { Knex } from 'knex';
import { NewModel, NewVersion } from './DatabaseRegistryStore';
import {
  iso,
  isUniqueViolation,
  toModelRow,
  toVersion,
  VersionRow,
} from './registryRows';

/** The idempotency record of one import request. */
export type ImportRequestRecord = {
  modelName: string;
  versionNumber: number;
  requestHash: string;
};

/** An import to record: the model when it is new, the version, and the names its job will get. */
export type NewImport = {
  keyHash: string;
  requestHash: string;
  /** Created in the same transaction when no model of that name exists yet. */
  newModel?: NewModel;
  version: Omit<NewVersion, 'status' | 'managed' | 'jobName'>;
  /** Job and imported-model names follow from the version number, which the store assigns. */
  namesFor: (number: number) => { jobName: string; importedModelName: string };
  clientRequestToken: string;
  firstCheckAt: Date;
};

/** An import the job tracker must look at. */
export type DueImport = ModelVersion & {
  clientRequestToken?: string;
  checkAttempts: number;
};

/** What the job tracker learned about an import. */
export type ImportProgress = Partial<
  Pick<
    ModelVersion,
    | 'status'
    | 'importedModelArn'
    | 'importedModelName'
    | 'jobArn'
    | 'failureMessage'
    | 'architecture'
    | 'instructSupported'
    | 'cmusPerCopy'
    | 'coldStartMs'
  >
> & {
  nextCheckAt?: Date | null;
  checkAttempts?: number;
  /** null clears it. */
  lastCheckError?: string | null;
};

/** A version discovery found in AWS, to record under a model (created when missing). */
export type DiscoveredVersion = {
  model: NewModel;
  /** The version number its tags ask for; taken only when free. */
  preferredNumber?: number;
  version: Omit<NewVersion, 'createdAt'> & { importedModelName: string };
  createdAt: Date;
};

type ImportRequestRow = {
  key_hash: string;
  model_name: string;
  version_number: number;
  request_hash: string;
  created_by: string;
  created_at: string | Date;
};

type DueRow = VersionRow & {
  client_request_token: string | null;
  check_attempts: number;
};

/** Persistence of imports, their job tracking, and what discovery records. */
export class DatabaseImportStore {
  constructor(private readonly db: Knex) {}

  async findImportRequest(
    keyHash: string,
  ): Promise<ImportRequestRecord | undefined> {
    const row = await this.db<ImportRequestRow>('import_requests')
      .where({ key_hash: keyHash })
      .first();
    return row
      ? {
          modelName: row.model_name,
          versionNumber: row.version_number,
          requestHash: row.request_hash,
        }
      : undefined;
  }

  /**
   * Records an import in one transaction: the model if new, the version (importing) with the next
   * number, and the idempotency record. Answers `created: false` with the earlier version when
   * another request with the same key won.
   */
  async recordImport(
    request: NewImport,
  ): Promise<{ created: boolean; record: ImportRequestRecord }> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.db.transaction(async tx => {
          const existing = await tx<ImportRequestRow>('import_requests')
            .where({ key_hash: request.keyHash })
            .first();
          if (existing) {
            return {
              created: false,
              record: {
                modelName: existing.model_name,
                versionNumber: existing.version_number,
                requestHash: existing.request_hash,
              },
            };
          }
          const now = new Date();
          const modelName = request.version.modelName;
          if (request.newModel) {
            const model = await tx('models').where({ name: modelName }).first();
            if (model) {
              // Another request created it a moment ago, unchecked by this one's owner and permission rules.
              throw new ConflictError(
                `Model ${modelName} was just created by another request; send this import again to add a version to it.`,
              );
            }
            await tx('models').insert(toModelRow(request.newModel, now));
          }
          const [{ max }] = await tx('model_versions')
            .where({ model_name: modelName })
            .max({ max: 'number' });
          const number = Number(max ?? 0) + 1;
          const names = request.namesFor(number);
          const v = request.version;
          await tx('model_versions').insert({
            model_name: modelName,
            number,
            account_id: v.accountId,
            region: v.region,
            status: 'importing',
            s3_uri: v.s3Uri,
            job_name: names.jobName,
            imported_model_name: names.importedModelName,
            client_request_token: request.clientRequestToken,
            next_check_at: request.firstCheckAt,
            check_attempts: 0,
            managed: true,
            created_by: v.createdBy,
            created_at: now,
            updated_at: now,
          });
          await tx('import_requests').insert({
            key_hash: request.keyHash,
            model_name: modelName,
            version_number: number,
            request_hash: request.requestHash,
            created_by: v.createdBy,
            created_at: now,
          });
          return {
            created: true,
            record: {
              modelName,
              versionNumber: number,
              requestHash: request.requestHash,
            },
          };
        });
      } catch (error) {
        // Another request took the number or the key first: read again (then we see its row).
        if (!isUniqueViolation(error)) throw error;
        if (attempt >= 5) {
          throw new ConflictError(
            'Too many imports of this model at once took the same version number; send the import again.',
          );
        }
      }
    }
  }

  /** Imports whose job must be started or checked now, oldest check first. */
  async dueImports(now: Date, limit: number): Promise<DueImport[]> {
    const rows = await this.db<DueRow>('model_versions')
      .where({ status: 'importing' })
      .andWhere(q =>
        q.whereNull('next_check_at').orWhere('next_check_at', '<=', now),
      )
      .orderBy('next_check_at')
      .limit(limit);
    return rows.map(row => ({
      ...toVersion(row),
      clientRequestToken: row.client_request_token ?? undefined,
      checkAttempts: row.check_attempts,
    }));
  }

  /** Records what following an import learned; returns the version as it is now. */
  async recordProgress(
    modelName: string,
    number: number,
    progress: ImportProgress,
    options: {
      /** Write only while the version is still importing without a job (a start attempt's outcome). */
      onlyIfNotStarted?: boolean;
    } = {},
  ): Promise<ModelVersion> {
    const columns: Record<string, unknown> = { updated_at: new Date() };
    const set = (column: string, value: unknown) => {
      if (value !== undefined) columns[column] = value;
    };
    set('status', progress.status);
    set('imported_model_arn', progress.importedModelArn);
    set('imported_model_name', progress.importedModelName);
    set('job_arn', progress.jobArn);
    set('failure_message', progress.failureMessage);
    set('architecture', progress.architecture);
    set('instruct_supported', progress.instructSupported);
    set('cmus_per_copy', progress.cmusPerCopy);
    set('cold_start_ms', progress.coldStartMs);
    set('next_check_at', progress.nextCheckAt);
    set('check_attempts', progress.checkAttempts);
    set('last_check_error', progress.lastCheckError);
    const query = this.db('model_versions').where({
      model_name: modelName,
      number,
    });
    if (options.onlyIfNotStarted) {
      query.where({ status: 'importing' }).whereNull('job_arn');
    }
    const updated = await query.update(columns);
    if (updated === 0 && !options.onlyIfNotStarted) {
      throw new NotFoundError(`Model ${modelName} has no version ${number}.`);
    }
    const row = await this.db<VersionRow>('model_versions')
      .where({ model_name: modelName, number })
      .first();
    return toVersion(row!);
  }

  /** How many versions in an account and Region are in these states (for quota headroom). */
  async countVersions(
    accountId: string,
    region: string,
    statuses: VersionStatus[],
    options: { withJob?: boolean } = {},
  ): Promise<number> {
    const query = this.db('model_versions')
      .where({ account_id: accountId, region })
      .whereIn('status', statuses);
    if (options.withJob) query.whereNotNull('job_arn');
    const [{ count }] = await query.count({ count: '*' });
    return Number(count);
  }

  /** Every version the registry knows in an account and Region, keyed by imported-model ARN and by job name. */
  async knownVersions(
    accountId: string,
    region: string,
  ): Promise<{
    byArn: Map<string, ModelVersion>;
    byJobName: Map<string, ModelVersion>;
  }> {
    const rows = await this.db<VersionRow>('model_versions').where({
      account_id: accountId,
      region,
    });
    const byArn = new Map<string, ModelVersion>();
    const byJobName = new Map<string, ModelVersion>();
    for (const row of rows) {
      const version = toVersion(row);
      if (version.importedModelArn)
        byArn.set(version.importedModelArn, version);
      if (version.jobName) byJobName.set(version.jobName, version);
    }
    return { byArn, byJobName };
  }

  /**
   * Records versions found in AWS, creating their models when missing, in one transaction per batch.
   * A tagged version number is kept when free; otherwise the next number is used.
   */
  async recordDiscovered(batch: DiscoveredVersion[]): Promise<ModelVersion[]> {
    if (batch.length === 0) return [];
    return this.db.transaction(async tx => {
      const now = new Date();
      const modelNames = [...new Set(batch.map(d => d.model.name))];
      const existingModels = new Set<string>();
      const maxNumber = new Map<string, number>();
      const taken = new Set<string>();
      for (let i = 0; i < modelNames.length; i += 500) {
        const chunk = modelNames.slice(i, i + 500);
        for (const row of await tx('models')
          .whereIn('name', chunk)
          .select('name')) {
          existingModels.add(row.name);
        }
        for (const row of await tx('model_versions')
          .whereIn('model_name', chunk)
          .select('model_name', 'number')) {
          taken.add(`${row.model_name}|${row.number}`);
          maxNumber.set(
            row.model_name,
            Math.max(maxNumber.get(row.model_name) ?? 0, row.number),
          );
        }
      }
      const newModels = new Map<string, NewModel>();
      for (const { model } of batch) {
        if (!existingModels.has(model.name) && !newModels.has(model.name)) {
          newModels.set(model.name, model);
        }
      }
      const modelRows = [...newModels.values()].map(m => toModelRow(m, now));
      for (let i = 0; i < modelRows.length; i += 200) {
        await tx('models').insert(modelRows.slice(i, i + 200));
      }
      const versionRows = batch.map(d => {
        const name = d.model.name;
        let number = d.preferredNumber;
        if (!number || taken.has(`${name}|${number}`)) {
          number = (maxNumber.get(name) ?? 0) + 1;
        }
        taken.add(`${name}|${number}`);
        maxNumber.set(name, Math.max(maxNumber.get(name) ?? 0, number));
        const v = d.version;
        return {
          model_name: name,
          number,
          account_id: v.accountId,
          region: v.region,
          status: v.status,
          imported_model_arn: v.importedModelArn ?? null,
          imported_model_name: v.importedModelName,
          job_arn: v.jobArn ?? null,
          job_name: v.jobName ?? null,
          failure_message: v.failureMessage ?? null,
          s3_uri: v.s3Uri,
          architecture: v.architecture ?? null,
          instruct_supported: v.instructSupported ?? null,
          cmus_per_copy: v.cmusPerCopy ?? null,
          managed: v.managed,
          created_by: v.createdBy,
          created_at: d.createdAt,
          updated_at: now,
        };
      });
      for (let i = 0; i < versionRows.length; i += 200) {
        await tx('model_versions').insert(versionRows.slice(i, i + 200));
      }
      return versionRows.map(row =>
        toVersion({
          ...row,
          cold_start_ms: null,
          last_check_error: null,
        } as VersionRow),
      );
    });
  }

  /**
   * Marks versions whose imported model is gone from AWS; returns how many it changed. Only versions
   * unchanged since `listedAt` (when the listing that missed them began) are marked.
   */
  async markDeleted(
    versions: Array<{ modelName: string; number: number }>,
    listedAt: Date,
  ): Promise<number> {
    let changed = 0;
    for (const v of versions) {
      changed += await this.db('model_versions')
        .where({ model_name: v.modelName, number: v.number, status: 'ready' })
        .andWhere('updated_at', '<', listedAt)
        .update({ status: 'deleted', updated_at: new Date() });
    }
    return changed;
  }

  /** Records one discovery pass over an account and Region: a success, or the error that stopped it. */
  async recordDiscoveryPass(pass: {
    accountId: string;
    region: string;
    at: Date;
    error?: string;
    /** Import jobs in progress the portal did not start, counted by a successful pass. */
    outsideJobsInProgress?: number;
  }): Promise<void> {
    const key = { account_id: pass.accountId, region: pass.region };
    await this.db.transaction(async tx => {
      const current = await tx('discovery_state').where(key).first();
      const failingSince = current?.failing_since ?? pass.at;
      const row = pass.error
        ? {
            last_attempt_at: pass.at,
            failing_since: failingSince,
            last_error: pass.error.slice(0, 2000),
          }
        : {
            last_attempt_at: pass.at,
            last_success_at: pass.at,
            failing_since: null,
            last_error: null,
            outside_jobs_in_progress: pass.outsideJobsInProgress ?? 0,
          };
      await tx('discovery_state')
        .insert({ ...key, ...row })
        .onConflict(['account_id', 'region'])
        .merge();
    });
  }

  /** Discovery's state for every account and Region it has tried. */
  async discoveryStates(): Promise<DiscoverySyncState[]> {
    const rows = await this.db('discovery_state').orderBy([
      'account_id',
      'region',
    ]);
    return rows.map(toDiscoverySyncState);
  }

  /** Discovery's state for one account and Region, if it has tried it. */
  async discoveryState(
    accountId: string,
    region: string,
  ): Promise<DiscoverySyncState | undefined> {
    const row = await this.db('discovery_state')
      .where({ account_id: accountId, region })
      .first();
    return row ? toDiscoverySyncState(row) : undefined;
  }
}

function toDiscoverySyncState(row: {
  account_id: string;
  region: string;
  last_attempt_at: string | Date;
  last_success_at: string | Date | null;
  failing_since: string | Date | null;
  last_error: string | null;
  outside_jobs_in_progress: number;
}): DiscoverySyncState {
  return {
    accountId: row.account_id,
    region: row.region,
    lastAttemptAt: iso(row.last_attempt_at),
    lastSuccessAt: row.last_success_at ? iso(row.last_success_at) : undefined,
    failingSince: row.failing_since ? iso(row.failing_since) : undefined,
    lastError: row.last_error ?? undefined,
    outsideJobsInProgress: Number(row.outside_jobs_in_progress),
  };
}
