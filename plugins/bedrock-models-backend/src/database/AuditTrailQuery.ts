import { AuditEvent } from '@bedrock-portal/backstage-plugin-bedrock-models-common';

/** Which events of the audit trail to read. */
export type AuditFilters = {
  modelName?: string;
  /** The model's owner now. */
  owner?: string;
  actor?: string;
  region?: string;
  kind?: AuditEvent['kind'];
  /** At or after. */
  from?: Date;
  /** Before. */
  to?: Date;
};

/** Where a page of the trail ends: events older than this one come next. */
export type AuditPosition = { at: Date; id: string };

/**
 * The audit trail read straight from the tables each change writes in its own transaction (moves,
 * imports, retirements, approval requests and decisions), newest first, filtered and paged in SQL.
 */
export interface AuditTrailQuery {
  /** Up to `limit` events older than `after` (or the newest), newest first. */
  page(
    filters: AuditFilters,
    after: AuditPosition | undefined,
    limit: number,
  ): Promise<AuditEvent[]>;
}
