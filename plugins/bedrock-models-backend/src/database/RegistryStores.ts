import { DatabaseService } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { CostEstimateStore } from './CostEstimateStore';
import { DatabaseCostEstimateStore } from './DatabaseCostEstimateStore';
import { DatabaseDiscoveryStateStore } from './DatabaseDiscoveryStateStore';
import { DatabaseImportStore } from './DatabaseImportStore';
import { DatabaseModelStore } from './DatabaseModelStore';
import { DatabasePointerStore } from './DatabasePointerStore';
import { DatabasePublishOutbox } from './DatabasePublishOutbox';
import { DiscoveryStateStore } from './DiscoveryStateStore';
import { ImportStore } from './ImportStore';
import { migrateDatabase } from './migrateDatabase';
import { ModelStore } from './ModelStore';
import { PointerStore } from './PointerStore';
import { PublishOutbox } from './PublishOutbox';
import { DatabaseReportQuery } from './DatabaseReportQuery';
import { ApprovalStore } from './ApprovalStore';
import { DatabaseApprovalStore } from './DatabaseApprovalStore';
import { DatabaseEvaluationStore } from './DatabaseEvaluationStore';
import { EvaluationStore } from './EvaluationStore';
import { ReportQuery } from './ReportQuery';

/** The registry's stores, one per aggregate, over one database. */
export type RegistryStores = {
  models: ModelStore;
  pointers: PointerStore;
  outbox: PublishOutbox;
  imports: ImportStore;
  discovery: DiscoveryStateStore;
  costs: CostEstimateStore;
  /** The governance report, read across the aggregates. */
  report: ReportQuery;
  approvals: ApprovalStore;
  evaluations: EvaluationStore;
  /** The database client, for the health check. */
  db: Knex;
};

/** Every store over one client (already migrated). */
export function registryStoresOn(db: Knex): RegistryStores {
  return {
    models: new DatabaseModelStore(db),
    pointers: new DatabasePointerStore(db),
    outbox: new DatabasePublishOutbox(db),
    imports: new DatabaseImportStore(db),
    discovery: new DatabaseDiscoveryStateStore(db),
    costs: new DatabaseCostEstimateStore(db),
    report: new DatabaseReportQuery(db),
    approvals: new DatabaseApprovalStore(db),
    evaluations: new DatabaseEvaluationStore(db),
    db,
  };
}

/**
 * Migrates the plugin's database (unless the operator turned migrations off) and builds every store
 * on it, as notifications-backend's `DatabaseNotificationsStore.create` does for its one store.
 */
export async function createRegistryStores(
  database: DatabaseService,
): Promise<RegistryStores> {
  return registryStoresOn(await migrateDatabase(database));
}
