import {
  GovernanceReportRow,
  ReportFilters,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { Knex } from 'knex';
import {
  ReportContext,
  ReportFacets,
  ReportQuery,
  ReportRowKey,
  ReportSort,
  ReportTotals,
} from './ReportQuery';
import { iso } from './registryRows';

/** The row key (a version is unique by model and number), in the report's fixed order. */
const KEY = ['v.model_name', 'v.number'];

const SORT_COLUMNS: Record<Exclude<ReportSort, 'cost'>, string> = {
  model: 'v.model_name',
  owner: 'm.owner',
  region: 'v.region',
  status: 'v.status',
  createdAt: 'v.created_at',
  lastPromotedAt: 'p.updated_at',
};

type ReportRow = {
  model_name: string;
  number: number;
  account_id: string;
  region: string;
  status: string;
  architecture: string | null;
  imported_model_arn: string | null;
  created_by: string;
  created_at: string | Date;
  managed: boolean | number;
  flag: string | null;
  owner: string;
  classification: string;
  production_version: number | null;
  last_promoted_by: string | null;
  last_promoted_at: string | Date | null;
  estimate: number | string | null;
};

/** The governance report on PostgreSQL or SQLite. */
export class DatabaseReportQuery implements ReportQuery {
  constructor(private readonly db: Knex) {}

  /**
   * The monthly estimate of a row: a live version's stored 30-day compute plus a month of storage;
   * nothing for versions that no longer exist; unknown while importing or before an estimate is read.
   */
  private estimate(context: ReportContext): Knex.Raw {
    return this.db.raw(
      `(case
        when v.status in ('retired', 'deleted', 'failed') then 0
        when v.status = 'ready' and ce.compute_30d is not null
          then ce.compute_30d + coalesce(v.cmus_per_copy, 0) * ?
        else null end)`,
      [context.storageCmuMonth],
    );
  }

  /** Every version with its model, production pointer and stored estimate, narrowed by the filters. */
  private filtered(filters: ReportFilters, context: ReportContext) {
    const query = this.db('model_versions as v')
      .join('models as m', 'm.name', 'v.model_name')
      .leftJoin(
        'cost_estimates as ce',
        'ce.imported_model_arn',
        'v.imported_model_arn',
      )
      .leftJoin('alias_pointers as p', join => {
        join
          .on('p.model_name', '=', 'v.model_name')
          .andOn('p.region', '=', 'v.region')
          .andOnVal('p.alias', '=', context.productionAlias);
      });
    const values: Array<[keyof ReportFilters, string]> = [
      ['owner', 'm.owner'],
      ['region', 'v.region'],
      ['accountId', 'v.account_id'],
      ['architecture', 'v.architecture'],
      ['classification', 'm.classification'],
      ['status', 'v.status'],
    ];
    for (const [key, column] of values) {
      if (filters[key]) query.where(column, filters[key] as string);
    }
    if (filters.managed) {
      query.where('v.managed', filters.managed === 'managed');
    }
    if (filters.production === 'serving') {
      query.whereRaw('p.version_number = v.number');
    } else if (filters.production === 'not-serving') {
      query.where(q =>
        q
          .whereNull('p.version_number')
          .orWhereRaw('p.version_number <> v.number'),
      );
    }
    const needle = filters.q?.trim().toLowerCase();
    if (needle) {
      const like = `%${needle.replace(/[%_\\]/g, c => `\\${c}`)}%`;
      query.where(q => {
        for (const column of [
          'v.model_name',
          'm.owner',
          'v.imported_model_arn',
          'v.created_by',
          'p.updated_by',
          'v.account_id',
          'v.region',
        ]) {
          q.orWhereRaw(`lower(coalesce(${column}, '')) like ? escape '\\'`, [
            like,
          ]);
        }
      });
    }
    return query;
  }

  private select(query: Knex.QueryBuilder, context: ReportContext) {
    return query.select(
      'v.model_name',
      'v.number',
      'v.account_id',
      'v.region',
      'v.status',
      'v.architecture',
      'v.imported_model_arn',
      'v.created_by',
      'v.created_at',
      'v.managed',
      'v.flag',
      'm.owner',
      'm.classification',
      'p.version_number as production_version',
      'p.updated_by as last_promoted_by',
      'p.updated_at as last_promoted_at',
      this.db.raw(`${this.estimate(context).toQuery()} as estimate`),
    );
  }

  async page(
    filters: ReportFilters,
    sort: { by: ReportSort; order: 'asc' | 'desc' },
    page: { offset: number; limit: number },
    context: ReportContext,
  ): Promise<GovernanceReportRow[]> {
    const query = this.select(this.filtered(filters, context), context);
    // Unknown values (no estimate, never promoted) sort last either way.
    if (sort.by === 'cost') {
      const estimate = this.estimate(context).toQuery();
      query
        .orderByRaw(`(${estimate}) is null`)
        .orderByRaw(`${estimate} ${sort.order}`);
    } else {
      const column = SORT_COLUMNS[sort.by];
      query.orderByRaw(`${column} is null`).orderBy(column, sort.order);
    }
    for (const column of KEY) query.orderBy(column, 'asc');
    const rows: ReportRow[] = await query.offset(page.offset).limit(page.limit);
    return this.withPointers(rows);
  }

  async batchAfter(
    filters: ReportFilters,
    after: ReportRowKey | undefined,
    limit: number,
    context: ReportContext,
  ): Promise<GovernanceReportRow[]> {
    const query = this.select(this.filtered(filters, context), context);
    if (after) {
      query.whereRaw('(v.model_name, v.number) > (?, ?)', [
        after.model,
        after.version,
      ]);
    }
    for (const column of KEY) query.orderBy(column, 'asc');
    return this.withPointers(await query.limit(limit));
  }

  /** Adds the aliases naming each row's version: one more statement for the whole page. */
  private async withPointers(
    rows: ReportRow[],
  ): Promise<GovernanceReportRow[]> {
    const models = [...new Set(rows.map(r => r.model_name))];
    const pointers =
      models.length === 0
        ? []
        : await this.db('alias_pointers')
            .whereIn('model_name', models)
            .orderBy('alias')
            .select('model_name', 'region', 'version_number', 'alias');
    const aliases = new Map<string, string[]>();
    for (const p of pointers) {
      const key = `${p.model_name}|${p.region}|${p.version_number}`;
      aliases.set(key, [...(aliases.get(key) ?? []), p.alias]);
    }
    return rows.map(row => ({
      model: row.model_name,
      version: row.number,
      owner: row.owner,
      classification: row.classification,
      accountId: row.account_id,
      region: row.region,
      status: row.status,
      architecture: row.architecture ?? undefined,
      importedModelArn: row.imported_model_arn ?? undefined,
      pointers:
        aliases.get(`${row.model_name}|${row.region}|${row.number}`) ?? [],
      createdBy: row.created_by,
      createdAt: iso(row.created_at),
      managed: Boolean(row.managed),
      flag: row.flag ?? undefined,
      productionVersion: row.production_version ?? undefined,
      lastPromotedBy: row.last_promoted_by ?? undefined,
      lastPromotedAt: row.last_promoted_at
        ? iso(row.last_promoted_at)
        : undefined,
      estimatedMonthlyCost:
        row.estimate === null ? undefined : Number(row.estimate),
    }));
  }

  async totals(
    filters: ReportFilters,
    context: ReportContext,
  ): Promise<ReportTotals> {
    const estimate = this.estimate(context).toQuery();
    const byRegion: Array<{
      region: string;
      versions: number | string;
      total: number | string | null;
      unknown: number | string;
    }> = await this.filtered(filters, context)
      .groupBy('v.region')
      .select(
        'v.region as region',
        this.db.raw('count(*) as versions'),
        this.db.raw(`sum(${estimate}) as total`),
        this.db.raw(
          `sum(case when ${estimate} is null then 1 else 0 end) as unknown`,
        ),
      );
    return {
      versions: byRegion.reduce((n, r) => n + Number(r.versions), 0),
      estimatedMonthlyCost: byRegion.reduce(
        (n, r) => n + Number(r.total ?? 0),
        0,
      ),
      withoutEstimate: byRegion.reduce((n, r) => n + Number(r.unknown), 0),
      byRegion: Object.fromEntries(
        byRegion.map(r => [r.region, Number(r.total ?? 0)]),
      ),
    };
  }

  async facets(): Promise<ReportFacets> {
    // One statement: the distinct values of every filterable column (plain identifiers, so the same
    // SQL runs on PostgreSQL and SQLite).
    const sources: Array<[keyof ReportFacets, string, string]> = [
      ['owner', 'owner', 'models'],
      ['classification', 'classification', 'models'],
      ['region', 'region', 'model_versions'],
      ['accountId', 'account_id', 'model_versions'],
      ['architecture', 'architecture', 'model_versions'],
      ['status', 'status', 'model_versions'],
    ];
    const sql = sources
      .map(
        ([facet, column, table]) =>
          `select '${facet}' as facet, ${column} as value from ${table} group by ${column}`,
      )
      .join(' union all ');
    const result = await this.db.raw(sql);
    // PostgreSQL answers { rows }, SQLite the rows themselves.
    const rows: Array<{ facet: string; value: string | null }> =
      result.rows ?? result;
    const facets: ReportFacets = {
      owner: [],
      region: [],
      accountId: [],
      architecture: [],
      classification: [],
      status: [],
    };
    for (const { facet, value } of rows) {
      if (value) facets[facet as keyof ReportFacets].push(value);
    }
    for (const list of Object.values(facets)) list.sort();
    return facets;
  }
}
