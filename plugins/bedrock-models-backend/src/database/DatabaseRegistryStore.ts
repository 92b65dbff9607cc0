import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import {
  AliasMove,
  AliasPointer,
  checkPointerMove,
  checkStaleness,
  Model,
  ModelSummary,
  ModelVersion,
  PointerMove,
  PublishState,
  rollbackTarget,
  versionAt,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { Knex } from 'knex';
import {
  HistoryRow,
  iso,
  isUniqueViolation,
  ModelRow,
  orUndefined,
  PointerRow,
  toModel,
  toModelRow,
  toMove,
  toPointer,
  toVersion,
  VersionRow,
} from './registryRows';

/** What creating a model takes. */
export type NewModel = Omit<Model, 'createdAt' | 'updatedAt'>;

/** What recording a new version takes; the store assigns its number. */
export type NewVersion = Omit<
  ModelVersion,
  'number' | 'createdAt' | 'updatedAt'
>;

/** A pointer move to make: a promote to a given version, or a rollback. */
export type PointerMoveRequest = {
  modelName: string;
  alias: string;
  region: string;
  actor: string;
  reason: string;
  /** The version the caller believes the pointer names; undefined skips the stale-state check. */
  believedCurrent?: number | null;
  /** Where callers read the pointer: the SSM parameter the outbox row will write. */
  parameterName: string;
} & ({ kind: 'promote'; toVersion: number } | { kind: 'rollback' });

/** Filters, sort and page of a model search. */
export type ModelSearch = {
  /** Matches name, title and description, case-insensitively. */
  text?: string;
  owner?: string;
  accountId?: string;
  region?: string;
  architecture?: string;
  classification?: string;
  /** Only models with (or without) a pointer of this alias. */
  alias?: string;
  aliasState?: 'set' | 'unset';
  sort: 'name' | 'updatedAt';
  order: 'asc' | 'desc';
  limit: number;
  offset: number;
};

/** A queued SSM write. */
export type OutboxEntry = {
  id: number;
  accountId: string;
  region: string;
  parameterName: string;
  value: string;
  attempts: number;
};

/** What a successful move did. */
export type PointerMoveResult = {
  move: PointerMove;
  pointer: AliasPointer;
  outboxId: number;
};

/**
 * The registry's store: models, versions, alias pointers, their append-only history and the SSM outbox,
 * on PostgreSQL or SQLite. Pointer moves are one transaction each.
 */
export class DatabaseRegistryStore {
  constructor(private readonly db: Knex) {}

  private now(): Date {
    return new Date();
  }

  async createModel(model: NewModel): Promise<Model> {
    const now = this.now();
    try {
      await this.db('models').insert(toModelRow(model, now));
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new ConflictError(`A model named ${model.name} already exists.`);
      }
      throw error;
    }
    return (await this.getModel(model.name))!;
  }

  async getModel(name: string): Promise<Model | undefined> {
    const row = await this.db<ModelRow>('models').where({ name }).first();
    return row ? toModel(row) : undefined;
  }

  /** Models by name, in the order asked, undefined where there is none (for permission checks). */
  async getModels(names: string[]): Promise<Array<Model | undefined>> {
    const rows = await this.db<ModelRow>('models').whereIn('name', names);
    const byName = new Map(rows.map(row => [row.name, toModel(row)]));
    return names.map(name => byName.get(name));
  }

  /** Records a new version with the next number of its model, retrying if another writer took it. */
  async addVersion(version: NewVersion): Promise<ModelVersion> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.db.transaction(async tx => {
          const [{ max }] = await tx('model_versions')
            .where({ model_name: version.modelName })
            .max({ max: 'number' });
          const number = Number(max ?? 0) + 1;
          const now = this.now();
          await tx('model_versions').insert({
            model_name: version.modelName,
            number,
            account_id: version.accountId,
            region: version.region,
            status: version.status,
            imported_model_arn: version.importedModelArn ?? null,
            job_arn: version.jobArn ?? null,
            job_name: version.jobName ?? null,
            failure_message: version.failureMessage ?? null,
            s3_uri: version.s3Uri,
            architecture: version.architecture ?? null,
            instruct_supported: version.instructSupported ?? null,
            cmus_per_copy: version.cmusPerCopy ?? null,
            managed: version.managed,
            created_by: version.createdBy,
            created_at: now,
            updated_at: now,
          });
          const row = await tx<VersionRow>('model_versions')
            .where({ model_name: version.modelName, number })
            .first();
          return toVersion(row!);
        });
      } catch (error) {
        if (!isUniqueViolation(error) || attempt >= 5) throw error;
      }
    }
  }

  async getVersion(
    modelName: string,
    number: number,
  ): Promise<ModelVersion | undefined> {
    const row = await this.db<VersionRow>('model_versions')
      .where({ model_name: modelName, number })
      .first();
    return row ? toVersion(row) : undefined;
  }

  async listVersions(modelName: string): Promise<ModelVersion[]> {
    const rows = await this.db<VersionRow>('model_versions')
      .where({ model_name: modelName })
      .orderBy('number');
    return rows.map(toVersion);
  }

  /** Updates what an import job or discovery learned about a version. */
  async updateVersion(
    modelName: string,
    number: number,
    patch: Partial<
      Pick<
        ModelVersion,
        | 'status'
        | 'importedModelArn'
        | 'jobArn'
        | 'failureMessage'
        | 'architecture'
        | 'instructSupported'
        | 'cmusPerCopy'
      >
    >,
  ): Promise<ModelVersion> {
    const changes: Record<string, unknown> = { updated_at: this.now() };
    if (patch.status !== undefined) changes.status = patch.status;
    if (patch.importedModelArn !== undefined)
      changes.imported_model_arn = patch.importedModelArn;
    if (patch.jobArn !== undefined) changes.job_arn = patch.jobArn;
    if (patch.failureMessage !== undefined)
      changes.failure_message = patch.failureMessage;
    if (patch.architecture !== undefined)
      changes.architecture = patch.architecture;
    if (patch.instructSupported !== undefined)
      changes.instruct_supported = patch.instructSupported;
    if (patch.cmusPerCopy !== undefined)
      changes.cmus_per_copy = patch.cmusPerCopy;
    const updated = await this.db('model_versions')
      .where({ model_name: modelName, number })
      .update(changes);
    if (updated === 0)
      throw new NotFoundError(`Model ${modelName} has no version ${number}.`);
    return (await this.getVersion(modelName, number))!;
  }

  /** Every model, version and pointer: three statements whatever the size. */
  async inventory(): Promise<{
    models: Model[];
    versions: ModelVersion[];
    pointers: AliasPointer[];
  }> {
    const [models, versions, pointers] = await Promise.all([
      this.db<ModelRow>('models').orderBy('name'),
      this.db<VersionRow>('model_versions').orderBy(['model_name', 'number']),
      this.db<PointerRow>('alias_pointers').orderBy([
        'model_name',
        'region',
        'alias',
      ]),
    ]);
    return {
      models: models.map(toModel),
      versions: versions.map(toVersion),
      pointers: pointers.map(toPointer),
    };
  }

  async listPointers(modelName: string): Promise<AliasPointer[]> {
    const rows = await this.db<PointerRow>('alias_pointers')
      .where({ model_name: modelName })
      .orderBy(['region', 'alias']);
    return rows.map(toPointer);
  }

  /** The history of one pointer, in the order of its moves. */
  async pointerHistory(
    modelName: string,
    alias: string,
    region: string,
  ): Promise<PointerMove[]> {
    const rows = await this.db<HistoryRow>('alias_history')
      .where({ model_name: modelName, alias, region })
      .orderBy('seq');
    return rows.map(toMove);
  }

  /** The latest moves of every pointer of a model, newest first. */
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

  /** What a pointer named at a point in time (null before its first move). */
  async pointerAt(
    modelName: string,
    alias: string,
    region: string,
    at: Date,
  ): Promise<number | null> {
    return versionAt(await this.pointerHistory(modelName, alias, region), at);
  }

  /**
   * Moves a pointer: in one transaction, checks the target (ready, same Region, caller not stale),
   * appends the history row, moves the pointer and queues the SSM write. A writer that loses a race
   * for the same history position retries and then sees the new state (a conflict if it was stale).
   */
  async movePointer(request: PointerMoveRequest): Promise<PointerMoveResult> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.db.transaction(tx => this.movePointerIn(tx, request));
      } catch (error) {
        if (!isUniqueViolation(error) || attempt >= 10) throw error;
      }
    }
  }

  private async movePointerIn(
    tx: Knex.Transaction,
    request: PointerMoveRequest,
  ): Promise<PointerMoveResult> {
    const { modelName, alias, region } = request;
    const key = { model_name: modelName, alias, region };
    if (!(await tx('models').where({ name: modelName }).first())) {
      throw new NotFoundError(`There is no model named ${modelName}.`);
    }
    let pointerQuery = tx<PointerRow>('alias_pointers').where(key);
    if (tx.client.config.client === 'pg') {
      // Serialises movers of one pointer across replicas; SQLite serialises whole transactions anyway.
      pointerQuery = pointerQuery.forUpdate();
    }
    const pointer = await pointerQuery.first();
    const current = pointer?.version_number ?? null;
    const lastMove = pointer
      ? { actor: pointer.updated_by, at: iso(pointer.updated_at) }
      : undefined;

    const moves = (
      await tx<HistoryRow>('alias_history').where(key).orderBy('seq')
    ).map(toMove);
    let targetVersion: number;
    if (request.kind === 'rollback') {
      // The target depends on the history the caller saw, so a stale caller is refused first.
      const stale = checkStaleness({
        pointerRegion: region,
        alias,
        current,
        believedCurrent: request.believedCurrent,
        lastMove,
      });
      if (stale.kind === 'conflict') throw new ConflictError(stale.message);
      const target = rollbackTarget(moves);
      if (target === undefined) {
        throw new ConflictError(
          `The ${alias} pointer of ${modelName} in ${region} has never named another version, so there is nothing to roll back to.`,
        );
      }
      targetVersion = target;
    } else {
      targetVersion = request.toVersion;
    }

    let versionQuery = tx<VersionRow>('model_versions').where({
      model_name: modelName,
      number: targetVersion,
    });
    if (tx.client.config.client === 'pg') {
      // Locks the target against a concurrent retire (which locks the same row).
      versionQuery = versionQuery.forUpdate();
    }
    const versionRow = await versionQuery.first();
    if (!versionRow) {
      throw new NotFoundError(
        `Model ${modelName} has no version ${targetVersion}.`,
      );
    }
    const check = checkPointerMove({
      version: {
        number: versionRow.number,
        region: versionRow.region,
        status: versionRow.status,
      },
      pointerRegion: region,
      alias,
      current,
      believedCurrent: request.believedCurrent,
      reason: request.reason,
      lastMove,
    });
    if (check.kind === 'conflict') throw new ConflictError(check.message);
    if (check.kind === 'invalid')
      throw new InputError(check.problems.join(' '));

    const now = this.now();
    const seq = (pointer?.revision ?? 0) + 1;
    const [{ id: historyId }] = await tx('alias_history')
      .insert({
        ...key,
        seq,
        kind: request.kind,
        from_version: current,
        to_version: targetVersion,
        actor: request.actor,
        reason: request.reason,
        created_at: now,
      })
      .returning('id');
    if (pointer) {
      await tx('alias_pointers').where(key).update({
        version_number: targetVersion,
        revision: seq,
        updated_by: request.actor,
        updated_at: now,
      });
    } else {
      await tx('alias_pointers').insert({
        ...key,
        version_number: targetVersion,
        revision: seq,
        updated_by: request.actor,
        updated_at: now,
      });
    }
    const [{ id: outboxId }] = await tx('ssm_outbox')
      .insert({
        history_id: historyId,
        account_id: versionRow.account_id,
        region,
        parameter_name: request.parameterName,
        value: versionRow.imported_model_arn ?? '',
        status: 'pending',
        attempts: 0,
        next_attempt_at: now,
        created_at: now,
      })
      .returning('id');
    const move: AliasMove & { id: number } = {
      id: historyId,
      kind: request.kind,
      fromVersion: current,
      toVersion: targetVersion,
      actor: request.actor,
      at: now.toISOString(),
      reason: request.reason,
    };
    return {
      move: { ...move, modelName, alias, region, seq },
      pointer: {
        modelName,
        alias,
        region,
        version: targetVersion,
        revision: seq,
        updatedBy: request.actor,
        updatedAt: now.toISOString(),
      },
      outboxId,
    };
  }

  /**
   * The SSM writes due now, oldest first. A pending write with a newer write for the same parameter
   * behind it is marked superseded, so a retried old write can never overwrite a newer pointer.
   */
  async dueOutbox(now: Date, limit: number): Promise<OutboxEntry[]> {
    return this.db.transaction(async tx => {
      const pending = await tx('ssm_outbox')
        .where({ status: 'pending' })
        .orderBy('id')
        .select('id', 'account_id', 'region', 'parameter_name');
      const newest = new Map<string, number>();
      for (const row of pending) {
        newest.set(
          `${row.account_id}|${row.region}|${row.parameter_name}`,
          row.id,
        );
      }
      const superseded = pending
        .filter(
          row =>
            newest.get(
              `${row.account_id}|${row.region}|${row.parameter_name}`,
            ) !== row.id,
        )
        .map(row => row.id);
      if (superseded.length > 0) {
        await tx('ssm_outbox')
          .whereIn('id', superseded)
          .update({ status: 'superseded' });
      }
      const due = await tx('ssm_outbox')
        .where({ status: 'pending' })
        .andWhere('next_attempt_at', '<=', now)
        .orderBy('id')
        .limit(limit);
      return due.map(row => ({
        id: row.id,
        accountId: row.account_id,
        region: row.region,
        parameterName: row.parameter_name,
        value: row.value,
        attempts: row.attempts,
      }));
    });
  }

  async markPublished(id: number, at: Date): Promise<void> {
    await this.db('ssm_outbox')
      .where({ id })
      .update({ status: 'published', published_at: at, last_error: null });
  }

  async markPublishFailed(
    id: number,
    error: string,
    nextAttemptAt: Date,
  ): Promise<void> {
    await this.db('ssm_outbox')
      .where({ id })
      .update({
        attempts: this.db.raw('?? + 1', ['attempts']),
        last_error: error.slice(0, 2000),
        next_attempt_at: nextAttemptAt,
      });
  }

  /** Publish state of the newest SSM write of each pointer of a model. */
  async publishStates(modelName: string): Promise<PublishState[]> {
    const rows = await this.db('ssm_outbox as o')
      .join('alias_history as h', 'h.id', 'o.history_id')
      .where('h.model_name', modelName)
      .orderBy('o.id', 'desc')
      .select(
        'h.alias',
        'h.region',
        'o.status',
        'o.attempts',
        'o.last_error',
        'o.published_at',
      );
    const seen = new Set<string>();
    return rows
      .filter(row => {
        const key = `${row.alias}|${row.region}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      })
      .map(row => ({
        alias: row.alias,
        region: row.region,
        status: row.status,
        attempts: row.attempts,
        lastError: orUndefined(row.last_error),
        publishedAt: row.published_at ? iso(row.published_at) : undefined,
      }));
  }

  /**
   * Searches models. Runs the same four statements whatever the number of models: a count, the page,
   * and the versions and pointers of the models on the page.
   */
  async searchModels(
    search: ModelSearch,
  ): Promise<{ items: ModelSummary[]; totalCount: number }> {
    const query = this.db<ModelRow>('models as m');
    if (search.text) {
      const like = `%${search.text
        .toLowerCase()
        .replace(/[%_\\]/g, c => `\\${c}`)}%`;
      query.where(inner =>
        inner
          .whereRaw("lower(m.name) like ? escape '\\'", [like])
          .orWhereRaw("lower(coalesce(m.title, '')) like ? escape '\\'", [like])
          .orWhereRaw("lower(coalesce(m.description, '')) like ? escape '\\'", [
            like,
          ]),
      );
    }
    if (search.owner) query.where('m.owner', search.owner);
    if (search.classification)
      query.where('m.classification', search.classification);
    if (search.accountId || search.region || search.architecture) {
      query.whereExists(sub => {
        sub
          .select(this.db.raw('1'))
          .from('model_versions as v')
          .whereRaw('v.model_name = m.name');
        if (search.accountId) sub.where('v.account_id', search.accountId);
        if (search.region) sub.where('v.region', search.region);
        if (search.architecture)
          sub.where('v.architecture', search.architecture);
      });
    }
    if (search.alias && search.aliasState) {
      const exists = (sub: Knex.QueryBuilder) => {
        sub
          .select(this.db.raw('1'))
          .from('alias_pointers as p')
          .whereRaw('p.model_name = m.name')
          .where('p.alias', search.alias!);
        if (search.region) sub.where('p.region', search.region);
      };
      if (search.aliasState === 'set') query.whereExists(exists);
      else query.whereNotExists(exists);
    }
    const [{ count }] = await query.clone().count({ count: '*' });
    const column = search.sort === 'name' ? 'm.name' : 'm.updated_at';
    const rows: ModelRow[] = await query
      .select('m.*')
      .orderBy(column, search.order)
      .orderBy('m.name', 'asc')
      .limit(search.limit)
      .offset(search.offset);
    const names = rows.map(row => row.name);
    const [versionRows, pointerRows] = await Promise.all([
      this.db('model_versions')
        .whereIn('model_name', names)
        // Grouped, so the page reads a few rows per model however many versions it has.
        .groupBy('model_name', 'region')
        .select('model_name', 'region', this.db.raw('count(*) as versions')),
      this.db<PointerRow>('alias_pointers')
        .whereIn('model_name', names)
        .orderBy(['region', 'alias']),
    ]);
    const items = rows.map(row => {
      const versions = versionRows.filter(v => v.model_name === row.name);
      return {
        ...toModel(row),
        versionCount: versions.reduce((sum, v) => sum + Number(v.versions), 0),
        regions: [...new Set(versions.map(v => v.region as string))].sort(),
        pointers: pointerRows
          .filter(p => p.model_name === row.name)
          .map(p => ({
            alias: p.alias,
            region: p.region,
            version: p.version_number,
          })),
      };
    });
    return { items, totalCount: Number(count) };
  }

  /**
   * Marks a version retired, in a transaction that checks no pointer names it (so no promote can race
   * it: a retired version is not ready). Returns the version as it was, to restore if AWS refuses.
   */
  async beginRetirement(
    modelName: string,
    number: number,
    check: (
      version: ModelVersion,
      pointers: Array<{ alias: string; region: string }>,
    ) => void,
  ): Promise<ModelVersion> {
    return this.db.transaction(async tx => {
      let versionQuery = tx<VersionRow>('model_versions').where({
        model_name: modelName,
        number,
      });
      if (tx.client.config.client === 'pg') {
        // A promote of this version locks the same row: one of the two waits and sees the other.
        versionQuery = versionQuery.forUpdate();
      }
      const row = await versionQuery.first();
      if (!row)
        throw new NotFoundError(`Model ${modelName} has no version ${number}.`);
      const pointers = await tx<PointerRow>('alias_pointers').where({
        model_name: modelName,
        version_number: number,
      });
      const version = toVersion(row);
      check(
        version,
        pointers.map(p => ({ alias: p.alias, region: p.region })),
      );
      const retired = await tx('model_versions')
        .where({ model_name: modelName, number, status: version.status })
        .update({ status: 'retired', updated_at: this.now() });
      if (retired === 0) {
        throw new ConflictError(
          `Version ${number} of ${modelName} changed while it was being retired; reload and try again.`,
        );
      }
      return version;
    });
  }

  /** Undoes a retirement AWS refused: only if the version is still marked retired. */
  async restoreRetiredVersion(
    modelName: string,
    number: number,
    status: ModelVersion['status'],
  ): Promise<void> {
    await this.db('model_versions')
      .where({ model_name: modelName, number, status: 'retired' })
      .update({ status, updated_at: this.now() });
  }

  /** Every pointer with what SSM should say for it: the account, and the ARN of the version it names. */
  async publishedPointers(): Promise<
    Array<{
      modelName: string;
      alias: string;
      region: string;
      accountId: string;
      value: string;
      historyId: number;
      pending: boolean;
    }>
  > {
    const rows = await this.db('alias_pointers as p')
      .join('model_versions as v', function joinVersion() {
        this.on('v.model_name', '=', 'p.model_name').andOn(
          'v.number',
          '=',
          'p.version_number',
        );
      })
      .join('alias_history as h', function joinHistory() {
        this.on('h.model_name', '=', 'p.model_name')
          .andOn('h.alias', '=', 'p.alias')
          .andOn('h.region', '=', 'p.region')
          .andOn('h.seq', '=', 'p.revision');
      })
      .select(
        'p.model_name',
        'p.alias',
        'p.region',
        'v.account_id',
        'v.imported_model_arn',
        'h.id as history_id',
      );
    const pendingHistory = new Set(
      (
        await this.db('ssm_outbox')
          .where({ status: 'pending' })
          .select('history_id')
      ).map(r => r.history_id),
    );
    return rows.map(row => ({
      modelName: row.model_name,
      alias: row.alias,
      region: row.region,
      accountId: row.account_id,
      value: row.imported_model_arn ?? '',
      historyId: row.history_id,
      pending: pendingHistory.has(row.history_id),
    }));
  }

  /** Queues the SSM write of a pointer again (the reconciler found SSM out of step). */
  async requeuePublish(entry: {
    historyId: number;
    accountId: string;
    region: string;
    parameterName: string;
    value: string;
  }): Promise<void> {
    const now = this.now();
    await this.db('ssm_outbox').insert({
      history_id: entry.historyId,
      account_id: entry.accountId,
      region: entry.region,
      parameter_name: entry.parameterName,
      value: entry.value,
      status: 'pending',
      attempts: 0,
      next_attempt_at: now,
      created_at: now,
    });
  }

  /** The compute estimates last read from CloudWatch in one account and Region, shared by every replica. */
  async costEstimates(
    accountId: string,
    region: string,
  ): Promise<Map<string, { compute: number | undefined; readAt: Date }>> {
    const rows = await this.db('cost_estimates').where({
      account_id: accountId,
      region,
    });
    return new Map(
      rows.map(row => [
        row.imported_model_arn,
        {
          compute:
            row.compute_30d === null ? undefined : Number(row.compute_30d),
          readAt: new Date(iso(row.read_at)),
        },
      ]),
    );
  }

  /** Keeps what one CloudWatch read found, replacing older figures for the same imported models. */
  async saveCostEstimates(
    accountId: string,
    region: string,
    readAt: Date,
    computeByArn: Map<string, number | undefined>,
  ): Promise<void> {
    const rows = [...computeByArn].map(([arn, compute]) => ({
      imported_model_arn: arn,
      account_id: accountId,
      region,
      compute_30d: compute ?? null,
      read_at: readAt,
    }));
    // Batches keep each statement under SQLite's bound-parameter limit.
    for (let i = 0; i < rows.length; i += 500) {
      await this.db('cost_estimates')
        .insert(rows.slice(i, i + 500))
        .onConflict('imported_model_arn')
        .merge();
    }
  }
}
