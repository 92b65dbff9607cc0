import { ModelVersion } from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { Knex } from 'knex';
import {
  DueImport,
  ImportProgress,
  ImportRequestRecord,
  ImportStore,
  NewImport,
  RecordedImport,
} from './ImportStore';
import {
  isUniqueViolation,
  toModelRow,
  toVersion,
  VersionRow,
} from './registryRows';
import { nextVersionNumber, toVersionInsert } from './versionRows';

type ImportRequestRow = {
  key_hash: string;
  model_name: string;
  version_number: number;
  request_hash: string;
};

const toRecord = (row: ImportRequestRow): ImportRequestRecord => ({
  modelName: row.model_name,
  versionNumber: row.version_number,
  requestHash: row.request_hash,
});

type DueRow = VersionRow & {
  client_request_token: string | null;
  check_attempts: number;
};

/** Imports on PostgreSQL or SQLite. */
export class DatabaseImportStore implements ImportStore {
  constructor(private readonly db: Knex) {}

  async findImportRequest(keyHash: string) {
    const row = await this.db<ImportRequestRow>('import_requests')
      .where({ key_hash: keyHash })
      .first();
    return row ? toRecord(row) : undefined;
  }

  async recordImport(request: NewImport): Promise<RecordedImport> {
    for (let attempt = 1; attempt <= 5; attempt++) {
      try {
        return await this.db.transaction(tx => this.recordIn(tx, request));
      } catch (error) {
        // Another request took the number or the key first: read again (then we see its row).
        if (!isUniqueViolation(error)) throw error;
      }
    }
    return { kind: 'number-contended' };
  }

  private async recordIn(
    tx: Knex.Transaction,
    request: NewImport,
  ): Promise<RecordedImport> {
    const existing = await tx<ImportRequestRow>('import_requests')
      .where({ key_hash: request.keyHash })
      .first();
    if (existing) return { kind: 'earlier', record: toRecord(existing) };
    const now = new Date();
    const modelName = request.version.modelName;
    if (request.newModel) {
      if (await tx('models').where({ name: modelName }).first()) {
        return { kind: 'model-created-meanwhile' };
      }
      await tx('models').insert(toModelRow(request.newModel, now));
    } else if (request.raiseClassificationTo) {
      await tx('models').where({ name: modelName }).update({
        classification: request.raiseClassificationTo,
        updated_at: now,
      });
    }
    const number = await nextVersionNumber(tx, modelName);
    await tx('model_versions').insert(
      toVersionInsert(
        {
          ...request.version,
          ...request.namesFor(number),
          status: 'importing',
          managed: true,
          clientRequestToken: request.clientRequestToken,
          nextCheckAt: request.firstCheckAt,
        },
        number,
        { createdAt: now, updatedAt: now },
      ),
    );
    await tx('import_requests').insert({
      key_hash: request.keyHash,
      model_name: modelName,
      version_number: number,
      request_hash: request.requestHash,
      created_by: request.version.createdBy,
      created_at: now,
    });
    return {
      kind: 'created',
      record: {
        modelName,
        versionNumber: number,
        requestHash: request.requestHash,
      },
    };
  }

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

  async recordProgress(
    modelName: string,
    number: number,
    progress: ImportProgress,
    options: { onlyIfNotStarted?: boolean } = {},
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
    await query.update(columns);
    const row = await this.db<VersionRow>('model_versions')
      .where({ model_name: modelName, number })
      .first();
    if (!row) {
      // Versions are never deleted from the registry; a missing one is a bug, not user input.
      throw new Error(
        `Import progress for unknown version ${modelName} v${number}`,
      );
    }
    return toVersion(row);
  }
}
