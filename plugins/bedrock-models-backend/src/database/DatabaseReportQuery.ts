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
  version: 'v.number',
  owner: 'm.owner',
  classification: 'm.classification',
  region: 'v.region',
  architecture: 'v.architecture',
  status: 'v.status',
  managed: 'v.managed',
  productionVersion: 'p.version_number',
  createdAt: 'v.created_at',
  lastPromotedAt: 'p.updated_at',
  lastInvokedAt: 'ce.last_invoked_at',
};

/** Statuses whose data is stored in the version's Region (residency applies to them). */
const HOLDING_DATA = ['importing', 'ready'];

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
  invocations_30d: number | string | null;
  last_invoked_at: string | Date | null;
  residency_violation: boolean | number;
  publishing_failing: boolean | number;
};

/** A SQL condition with its bindings. */
type Condition = { sql: string; bindings: Knex.RawBinding[] };

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

  /**
   * Whether the version's data sits where the residency policy does not allow its model's
   * classification (a classification the policy does not name may be anywhere).
   */
  private residencyViolation(context: ReportContext): Condition {
    const rules = Object.entries(context.dataResidency);
    if (rules.length === 0) return { sql: '(1 = 0)', bindings: [] };
    const bindings: Knex.RawBinding[] = [...HOLDING_DATA];
    const cases = rules.map(([classification, regions]) => {
      bindings.push(classification, ...regions);
      return regions.length === 0
        ? '(m.classification = ?)'
        : `(m.classification = ? and v.region not in (${regions
            .map(() => '?')
            .join(', ')}))`;
    });
    return {
      sql: `(v.status in (?, ?) and (${cases.join(' or ')}))`,
      bindings,
    };
  }

  /** Whether a pointer naming the version waits on an SSM write that keeps failing or is stuck. */
  private publishingFailing(context: ReportContext): Condition {
    return {
      sql: `exists (select 1 from alias_pointers ap
        join ssm_outbox o on o.model_name = ap.model_name and o.alias = ap.alias and o.region = ap.region
        where ap.model_name = v.model_name and ap.region = v.region and ap.version_number = v.number
          and o.status = 'pending' and (o.attempts > 0 or o.created_at < ?))`,
      bindings: [context.publishingStuckBefore],
    };
  }

  /** Whether any pointer names the version. */
  private static readonly NAMED = `exists (select 1 from alias_pointers an
    where an.model_name = v.model_name and an.region = v.region and an.version_number = v.number)`;

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
    if (filters.named === 'named') {
      query.whereRaw(DatabaseReportQuery.NAMED);
    } else if (filters.named === 'unnamed') {
      query.whereRaw(`not ${DatabaseReportQuery.NAMED}`);
    }
    if (filters.idleDays !== undefined) {
      // Live versions read from CloudWatch whose last call (if any) is older than the days asked.
      const since = new Date(
        context.now.getTime() - filters.idleDays * 86_400_000,
      );
      query
        .where('v.status', 'ready')
        .whereNotNull('ce.invocations_30d')
        .where(q =>
          q
            .whereNull('ce.last_invoked_at')
            .orWhere('ce.last_invoked_at', '<', since),
        );
    }
    if (filters.residency) {
      const { sql, bindings } = this.residencyViolation(context);
      query.whereRaw(sql, bindings);
    }
    if (filters.publishing) {
      const { sql, bindings } = this.publishingFailing(context);
      query.whereRaw(sql, bindings);
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
    const residency = this.residencyViolation(context);
    const publishing = this.publishingFailing(context);
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
      'ce.invocations_30d',
      'ce.last_invoked_at',
      this.db.raw(`${this.estimate(context).toQuery()} as estimate`),
      this.db.raw(
        `(case when ${residency.sql} then 1 else 0 end) as residency_violation`,
        residency.bindings,
      ),
      this.db.raw(
        `(case when ${publishing.sql} then 1 else 0 end) as publishing_failing`,
        publishing.bindings,
      ),
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
      invocations30d:
        row.invocations_30d === null ? undefined : Number(row.invocations_30d),
      lastInvokedAt: row.last_invoked_at ? iso(row.last_invoked_at) : undefined,
      residencyViolation: Boolean(Number(row.residency_violation)),
      publishingFailing: Boolean(Number(row.publishing_failing)),
    }));
  }

  async totals(
    filters: ReportFilters,
    context: ReportContext,
  ): Promise<ReportTotals> {
    const estimate = this.estimate(context).toQuery();
    // Grouped by Region and owner: one statement gives every total (distinct models come apart).
    const groups: Array<{
      region: string;
      owner: string;
      versions: number | string;
      live: number | string;
      serving: number | string;
      total: number | string | null;
      unknown: number | string;
    }> = await this.filtered(filters, context)
      .groupBy('v.region', 'm.owner')
      .select(
        'v.region as region',
        'm.owner as owner',
        this.db.raw('count(*) as versions'),
        this.db.raw(
          `sum(case when v.status = 'ready' then 1 else 0 end) as live`,
        ),
        this.db.raw(
          'sum(case when p.version_number = v.number then 1 else 0 end) as serving',
        ),
        this.db.raw(`sum(${estimate}) as total`),
        this.db.raw(
          `sum(case when ${estimate} is null then 1 else 0 end) as unknown`,
        ),
      );
    const [{ models }] = await this.db
      .from(this.filtered(filters, context).distinct('v.model_name').as('fm'))
      .count({ models: '*' });
    const sum = (
      pick: (g: (typeof groups)[number]) => number | string | null,
    ) => groups.reduce((n, g) => n + Number(pick(g) ?? 0), 0);
    const byKey = (key: 'region' | 'owner') => {
      const totals: Record<string, number> = {};
      for (const g of groups) {
        totals[g[key]] = (totals[g[key]] ?? 0) + Number(g.total ?? 0);
      }
      return totals;
    };
    return {
      versions: sum(g => g.versions),
      models: Number(models),
      liveVersions: sum(g => g.live),
      servingProduction: sum(g => g.serving),
      estimatedMonthlyCost: sum(g => g.total),
      withoutEstimate: sum(g => g.unknown),
      byRegion: byKey('region'),
      byOwner: byKey('owner'),
      keepWarmMonthlyUsd: await this.keepWarmMonthly(filters, context),
    };
  }

  /**
   * What the keep-warm policies of the pointers naming the rows' versions commit to a month: each
   * policy's stored windows per month x 5 minutes x the version's CMUs per copy x its Region's price.
   */
  private async keepWarmMonthly(
    filters: ReportFilters,
    context: ReportContext,
  ): Promise<number> {
    const prices = Object.entries(context.cmuMinute ?? {});
    if (prices.length === 0) return 0;
    const price = `(case v.region ${prices
      .map(() => 'when ? then cast(? as double precision)')
      .join(' ')} else 0 end)`;
    const [row] = await this.filtered(filters, context).select(
      this.db.raw(
        `sum((select coalesce(sum(kw.windows_per_month), 0) from keep_warm_policies kw
          join alias_pointers kp on kp.model_name = kw.model_name and kp.alias = kw.alias and kp.region = kw.region
          where kp.model_name = v.model_name and kp.region = v.region and kp.version_number = v.number
            and kw.mode <> 'off') * coalesce(v.cmus_per_copy, 0) * 5 * ${price}) as keep_warm`,
        prices.flat(),
      ),
    );
    return Number(row?.keep_warm ?? 0);
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
