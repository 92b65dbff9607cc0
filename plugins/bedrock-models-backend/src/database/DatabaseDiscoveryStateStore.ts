import { DiscoverySyncState } from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { Knex } from 'knex';
import { DiscoveryPass, DiscoveryStateStore } from './DiscoveryStateStore';
import { iso } from './registryRows';

type DiscoveryStateRow = {
  account_id: string;
  region: string;
  last_attempt_at: string | Date;
  last_success_at: string | Date | null;
  failing_since: string | Date | null;
  last_error: string | null;
  outside_jobs_in_progress: number;
};

function toState(row: DiscoveryStateRow): DiscoverySyncState {
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

/** Discovery state on PostgreSQL or SQLite (table `discovery_state`). */
export class DatabaseDiscoveryStateStore implements DiscoveryStateStore {
  constructor(private readonly db: Knex) {}

  async recordPass(pass: DiscoveryPass): Promise<void> {
    const key = { account_id: pass.accountId, region: pass.region };
    await this.db.transaction(async tx => {
      const current = await tx('discovery_state').where(key).first();
      const row = pass.error
        ? {
            last_attempt_at: pass.at,
            failing_since: current?.failing_since ?? pass.at,
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

  async states(): Promise<DiscoverySyncState[]> {
    const rows = await this.db<DiscoveryStateRow>('discovery_state').orderBy([
      'account_id',
      'region',
    ]);
    return rows.map(toState);
  }

  async state(accountId: string, region: string) {
    const row = await this.db<DiscoveryStateRow>('discovery_state')
      .where({ account_id: accountId, region })
      .first();
    return row ? toState(row) : undefined;
  }
}
