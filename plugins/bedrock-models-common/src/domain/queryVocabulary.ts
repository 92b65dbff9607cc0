import type { AuditEventKind, ReportSort } from '../schema/openapi/generated';

/**
 * Every key the governance report sorts by, as `GET /report` takes it (the backend's validation and the
 * page's sort both read this list).
 *
 * @public
 */
export const REPORT_SORT_KEYS = [
  'model',
  'version',
  'owner',
  'classification',
  'region',
  'architecture',
  'status',
  'managed',
  'productionVersion',
  'createdAt',
  'lastPromotedAt',
  'lastInvokedAt',
  'cost',
] as const satisfies readonly ReportSort[];

/**
 * Every kind of audit event, in the order the audit trail's filter offers them (`GET /audit`'s `kind`).
 *
 * @public
 */
export const AUDIT_EVENT_KINDS = [
  'import',
  'promote',
  'rollback',
  'retire',
  'approval-requested',
  'approval-approved',
  'approval-rejected',
  'approval-cancelled',
  'approval-expired',
  'approval-stale',
] as const satisfies readonly AuditEventKind[];
