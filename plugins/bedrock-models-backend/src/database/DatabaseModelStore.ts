import {
  Model,
  ModelSummary,
  ModelVersion,
  VersionStatus,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { Knex } from 'knex';
import {
  DiscoveredVersion,
  ModelSearch,
  ModelStore,
  NewModel,
  RetirementOutcome,
} from './ModelStore';
import {
  lockForUpdate,
  ModelRow,
  PointerRow,
  toModel,
  toModelRow,
  toVersion,
  VersionRow,
} from './registryRows';
import { toVersionInsert } from './versionRows';

/** Rows per insert, under SQLite's bound-parameter limit. */
const INSERT_BATCH = 200;

/** Models and versions on PostgreSQL or SQLite. */
export class DatabaseModelStore implements ModelStore {
  constructor(private readonly db: Knex) {}

  async getModel(name: string): Promise<Model | undefined> {
    const row = await this.db<ModelRow>('models').where({ name }).first();
    return row ? toModel(row) : undefined;
  }

  async getModels(names: string[]): Promise<Array<Model | undefined>> {
    const byName = new Map<string, Model>();
    // Chunks keep each statement under SQLite's bound-parameter limit.
    for (let i = 0; i < names.length; i += 500) {
      const rows = await this.db<ModelRow>('models').whereIn(
        'name',
        names.slice(i, i + 500),
      );
      rows.forEach(row => byName.set(row.name, toModel(row)));
    }
    return names.map(name => byName.get(name));
  }

  async setClassification(name: string, classification: string) {
    await this.db('models')
      .where({ name })
      .update({ classification, updated_at: new Date() });
  }

  async getVersion(modelName: string, number: number) {
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

  async modelsPage(after: string | undefined, limit: number) {
    const query = this.db<ModelRow>('models').orderBy('name').limit(limit);
    if (after) query.where('name', '>', after);
    const models = (await query).map(toModel);
    const versions =
      models.length === 0
        ? []
        : await this.db<VersionRow>('model_versions')
            .where('model_name', '>=', models[0].name)
            .andWhere('model_name', '<=', models[models.length - 1].name)
            .orderBy(['model_name', 'number']);
    return { models, versions: versions.map(toVersion) };
  }

  async allModelsAndVersions() {
    const [models, versions] = await Promise.all([
      this.db<ModelRow>('models').orderBy('name'),
      this.db<VersionRow>('model_versions').orderBy(['model_name', 'number']),
    ]);
    return { models: models.map(toModel), versions: versions.map(toVersion) };
  }

  /**
   * Runs the same four statements whatever the number of models: a count, the page, and the versions
   * and pointers of the models on the page.
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

  async versionsIn(accountId: string, region: string) {
    const rows = await this.db<VersionRow>('model_versions').where({
      account_id: accountId,
      region,
    });
    return rows.map(toVersion);
  }

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
      for (let i = 0; i < modelRows.length; i += INSERT_BATCH) {
        await tx('models').insert(modelRows.slice(i, i + INSERT_BATCH));
      }
      const versionRows = batch.map(d => {
        const name = d.model.name;
        let number = d.preferredNumber;
        if (!number || taken.has(`${name}|${number}`)) {
          number = (maxNumber.get(name) ?? 0) + 1;
        }
        taken.add(`${name}|${number}`);
        maxNumber.set(name, Math.max(maxNumber.get(name) ?? 0, number));
        return toVersionInsert({ ...d.version, modelName: name }, number, {
          createdAt: d.createdAt,
          updatedAt: now,
        });
      });
      for (let i = 0; i < versionRows.length; i += INSERT_BATCH) {
        await tx('model_versions').insert(
          versionRows.slice(i, i + INSERT_BATCH),
        );
      }
      return versionRows.map(row =>
        toVersion({ ...row, cold_start_ms: null, last_check_error: null }),
      );
    });
  }

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

  async setStatus(modelName: string, number: number, status: VersionStatus) {
    await this.db('model_versions')
      .where({ model_name: modelName, number })
      .update({ status, updated_at: new Date() });
  }

  async beginRetirement<R>(
    modelName: string,
    number: number,
    by: { actor: string; reason: string },
    decide: (
      version: ModelVersion,
      pointersNamingIt: Array<{ alias: string; region: string }>,
    ) => R | undefined,
  ): Promise<RetirementOutcome<R>> {
    return this.db.transaction(async tx => {
      // A promote of this version locks the same row: one of the two waits and sees the other.
      const row = await lockForUpdate(
        tx,
        tx<VersionRow>('model_versions').where({
          model_name: modelName,
          number,
        }),
      ).first();
      if (!row) return { kind: 'missing' };
      const pointers = await tx<PointerRow>('alias_pointers').where({
        model_name: modelName,
        version_number: number,
      });
      const version = toVersion(row);
      const refusal = decide(
        version,
        pointers.map(p => ({ alias: p.alias, region: p.region })),
      );
      if (refusal !== undefined) return { kind: 'refused', refusal };
      const now = new Date();
      const retired = await tx('model_versions')
        .where({ model_name: modelName, number, status: version.status })
        .update({ status: 'retired', updated_at: now });
      if (retired === 0) return { kind: 'changed' };
      await tx('version_retirements').insert({
        model_name: modelName,
        version_number: number,
        account_id: version.accountId,
        region: version.region,
        imported_model_arn: version.importedModelArn ?? null,
        actor: by.actor,
        reason: by.reason,
        created_at: now,
      });
      return { kind: 'retired', before: version };
    });
  }

  async restoreRetiredVersion(
    modelName: string,
    number: number,
    status: VersionStatus,
  ): Promise<void> {
    await this.db.transaction(async tx => {
      const restored = await tx('model_versions')
        .where({ model_name: modelName, number, status: 'retired' })
        .update({ status, updated_at: new Date() });
      if (restored === 0) return;
      // The retirement did not happen: its record goes with it.
      const [last] = await tx('version_retirements')
        .where({ model_name: modelName, version_number: number })
        .orderBy('id', 'desc')
        .limit(1)
        .select('id');
      if (last) await tx('version_retirements').where({ id: last.id }).delete();
    });
  }
}
