import { Knex } from 'knex';
import {
  CostEstimate,
  CostEstimateStore,
  UsageReading,
} from './CostEstimateStore';
import { iso } from './registryRows';

/** Cost estimates on PostgreSQL or SQLite (table `cost_estimates`). */
export class DatabaseCostEstimateStore implements CostEstimateStore {
  constructor(private readonly db: Knex) {}

  async estimates(
    accountId: string,
    region: string,
  ): Promise<Map<string, CostEstimate>> {
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

  async save(
    accountId: string,
    region: string,
    readAt: Date,
    readings: Map<string, UsageReading>,
  ): Promise<void> {
    const rows = [...readings].map(([arn, reading]) => ({
      imported_model_arn: arn,
      account_id: accountId,
      region,
      compute_30d: reading.compute ?? null,
      invocations_30d: reading.invocations30d,
      last_invoked_at: reading.lastInvokedAt ?? null,
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

  async staleTargets(
    since: Date,
  ): Promise<Array<{ accountId: string; region: string }>> {
    return this.db('model_versions as v')
      .leftJoin(
        'cost_estimates as ce',
        'ce.imported_model_arn',
        'v.imported_model_arn',
      )
      .where('v.status', 'ready')
      .whereNotNull('v.imported_model_arn')
      .where(q => q.whereNull('ce.read_at').orWhere('ce.read_at', '<', since))
      .distinct('v.account_id as accountId', 'v.region as region');
  }

  async oldestReadAt(): Promise<Date | undefined> {
    const [row] = await this.db('model_versions as v')
      .join(
        'cost_estimates as ce',
        'ce.imported_model_arn',
        'v.imported_model_arn',
      )
      .where('v.status', 'ready')
      .min({ oldest: 'ce.read_at' });
    return row?.oldest ? new Date(iso(row.oldest)) : undefined;
  }
}
