import { Knex } from 'knex';
import { ColdStartRecord, ColdStartStore } from './ColdStartStore';
import { iso } from './registryRows';

type ColdStartRow = {
  model_name: string;
  version_number: number;
  account_id: string;
  region: string;
  alias: string | null;
  source: ColdStartRecord['source'];
  started_at: string | Date;
  waited_ms: number | string;
  served: boolean | number;
};

/** Cold starts on PostgreSQL or SQLite. */
export class DatabaseColdStartStore implements ColdStartStore {
  constructor(private readonly db: Knex) {}

  async record(coldStart: ColdStartRecord): Promise<void> {
    await this.db('cold_starts').insert({
      model_name: coldStart.modelName,
      version_number: coldStart.version,
      account_id: coldStart.accountId,
      region: coldStart.region,
      alias: coldStart.alias ?? null,
      source: coldStart.source,
      started_at: new Date(coldStart.at),
      waited_ms: coldStart.waitedMs,
      served: coldStart.served,
    });
  }

  async list(filter: {
    since: Date;
    modelName?: string;
    region?: string;
  }): Promise<ColdStartRecord[]> {
    const query = this.db<ColdStartRow>('cold_starts')
      .where('started_at', '>=', filter.since)
      .orderBy('started_at', 'desc')
      .orderBy('id', 'desc');
    if (filter.modelName) query.where('model_name', filter.modelName);
    if (filter.region) query.where('region', filter.region);
    const rows: ColdStartRow[] = await query.select();
    return rows.map(row => ({
      at: iso(row.started_at),
      modelName: row.model_name,
      version: row.version_number,
      accountId: row.account_id,
      region: row.region,
      ...(row.alias ? { alias: row.alias } : {}),
      source: row.source,
      waitedMs: Number(row.waited_ms),
      served: Boolean(row.served),
    }));
  }
}
