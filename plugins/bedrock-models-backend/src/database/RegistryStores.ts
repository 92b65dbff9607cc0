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
import { ColdStartStore } from './ColdStartStore';
import { DatabaseColdStartStore } from './DatabaseColdStartStore';
import { DatabaseKeepWarmStore } from './DatabaseKeepWarmStore';
import { KeepWarmStore } from './KeepWarmStore';
import { AuditTrailQuery } from './AuditTrailQuery';
import { DatabaseAuditTrailQuery } from './DatabaseAuditTrailQuery';

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
  /** The audit trail, read across the tables each change writes. */
  auditTrail: AuditTrailQuery;
  approvals: ApprovalStore;
  evaluations: EvaluationStore;
  /** Keep-warm policies per pointer and their heartbeats. */
  keepWarm: KeepWarmStore;
  coldStarts: ColdStartStore;
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
    auditTrail: new DatabaseAuditTrailQuery(db),
    approvals: new DatabaseApprovalStore(db),
    evaluations: new DatabaseEvaluationStore(db),
    keepWarm: new DatabaseKeepWarmStore(db),
    coldStarts: new DatabaseColdStartStore(db),
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
