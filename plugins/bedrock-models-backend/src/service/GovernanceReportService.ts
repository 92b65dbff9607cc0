import { createHash } from 'node:crypto';
import { InputError } from '@backstage/errors';
import {
  DiscoverySyncState,
  GovernanceReport,
  GovernanceReportRow,
  governanceReportCsv,
  ReportFilters,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { RegistryConfig } from '../config/readRegistryConfig';
import { DiscoveryStateStore } from '../database/DiscoveryStateStore';
import {
  ReportContext,
  ReportFacets,
  ReportQuery,
  ReportSort,
} from '../database/ReportQuery';
import { CostEstimates } from './CostEstimates';

/** Rows an export reads at a time: memory stays flat however big the report. */
const EXPORT_BATCH = 1000;

/** Which page of the report, in which order. */
export type ReportPaging = {
  sort: ReportSort;
  order: 'asc' | 'desc';
  limit: number;
  /** From the previous page's `nextCursor`. */
  cursor?: string;
};

/** The order of an export (by default, model then version). */
export type ReportOrder = { sort: ReportSort; order: 'asc' | 'desc' };

/** The cursor is an offset, tied to the filters and order it was made for. */
function fingerprint(filters: ReportFilters, paging: ReportPaging) {
  return createHash('sha256')
    .update(JSON.stringify([filters, paging.sort, paging.order]))
    .digest('hex')
    .slice(0, 12);
}

function encodeCursor(offset: number, print: string): string {
  return Buffer.from(JSON.stringify({ o: offset, f: print })).toString(
    'base64url',
  );
}

function decodeCursor(cursor: string, print: string): number {
  try {
    const { o, f } = JSON.parse(Buffer.from(cursor, 'base64url').toString());
    if (f === print && Number.isInteger(o) && o >= 0) return o;
  } catch {
    // Answered below.
  }
  throw new InputError(
    'Invalid cursor: it belongs to other filters or another order; ask for the first page again.',
  );
}

/**
 * The governance report: every version in every account and Region, with its owner, pointers and
 * estimated monthly cost, filtered, sorted and paged in the database. Estimates older than an hour are
 * read from CloudWatch first (one batched read per account and Region).
 */
export class GovernanceReportService {
  constructor(
    private readonly deps: {
      query: ReportQuery;
      estimates: CostEstimates;
      /** Where discovery's outcome per account and Region is kept. */
      discovery: DiscoveryStateStore;
      config: RegistryConfig;
      now?: () => Date;
    },
  ) {}

  private context(): ReportContext {
    const { config } = this.deps;
    const now = this.deps.now?.() ?? new Date();
    return {
      productionAlias: config.aliases[0],
      storageCmuMonth: config.pricing.storageCmuMonth,
      cmuMinute: config.pricing.cmuMinute,
      dataResidency: config.dataResidency,
      now,
      publishingStuckBefore: new Date(
        now.getTime() - config.notifications.publishFailingMinutes * 60_000,
      ),
    };
  }

  /** Totals of the rows the filters let through (estimates as last read). */
  async totals(filters: ReportFilters) {
    return this.deps.query.totals(filters, this.context());
  }

  /** One page of the report, narrowed to the rows the filters let through, with their totals. */
  async report(
    filters: ReportFilters = {},
    paging: ReportPaging = { sort: 'model', order: 'asc', limit: 100 },
  ): Promise<GovernanceReport> {
    const print = fingerprint(filters, paging);
    const offset = paging.cursor ? decodeCursor(paging.cursor, print) : 0;
    const freshness = await this.deps.estimates.refreshStale();
    const context = this.context();
    const [rows, totals, sync] = await Promise.all([
      this.deps.query.page(
        filters,
        { by: paging.sort, order: paging.order },
        { offset, limit: paging.limit },
        context,
      ),
      this.deps.query.totals(filters, context),
      this.syncStates(),
    ]);
    const next = offset + rows.length;
    return {
      generatedAt: new Date().toISOString(),
      rows,
      totalCount: totals.versions,
      nextCursor:
        next < totals.versions ? encodeCursor(next, print) : undefined,
      totals,
      staleSince: freshness.staleSince?.toISOString(),
      awsErrors: freshness.errors.length > 0 ? freshness.errors : undefined,
      lastSyncAt: oldestSuccess(sync, this.targetKeys().size),
      sync,
    };
  }

  /**
   * Writes the report as CSV, every row the filters let through, a batch at a time (RFC 4180: a header
   * line, then one line per version), in the order asked or, by default, by model and version.
   */
  async csv(
    filters: ReportFilters,
    write: (chunk: string) => Promise<void>,
    order?: ReportOrder,
  ): Promise<void> {
    await this.deps.estimates.refreshStale();
    const context = this.context();
    const inFixedOrder =
      !order || (order.sort === 'model' && order.order === 'asc');
    let read = 0;
    const next = async (last?: GovernanceReportRow) =>
      inFixedOrder
        ? this.deps.query.batchAfter(filters, last, EXPORT_BATCH, context)
        : // Another order pages by offset; the export is read once, so its cost stays linear in batches.
          this.deps.query.page(
            filters,
            { by: order!.sort, order: order!.order },
            { offset: read, limit: EXPORT_BATCH },
            context,
          );
    let batch = await next();
    read += batch.length;
    await write(governanceReportCsv(batch, { header: true }));
    while (batch.length === EXPORT_BATCH) {
      batch = await next(batch[batch.length - 1]);
      read += batch.length;
      if (batch.length > 0) {
        await write(governanceReportCsv(batch, { header: false }));
      }
    }
  }

  /** The values each filter of the page can take. */
  async facets(): Promise<ReportFacets> {
    return this.deps.query.facets();
  }

  /** Discovery's state for the accounts and Regions configured now (not those dropped from config). */
  async syncStates(): Promise<DiscoverySyncState[]> {
    const configured = this.targetKeys();
    return (await this.deps.discovery.states()).filter(state =>
      configured.has(`${state.accountId}|${state.region}`),
    );
  }

  private targetKeys(): Set<string> {
    return new Set(
      this.deps.config.accounts.flatMap(a =>
        a.regions.map(region => `${a.accountId}|${region}`),
      ),
    );
  }
}

/** The inventory is as current as its least current target; unknown until every target has succeeded. */
function oldestSuccess(
  sync: DiscoverySyncState[],
  targets: number,
): string | undefined {
  const successes = sync.flatMap(s =>
    s.lastSuccessAt ? [s.lastSuccessAt] : [],
  );
  if (targets === 0 || successes.length < targets) return undefined;
  return successes.sort()[0];
}
