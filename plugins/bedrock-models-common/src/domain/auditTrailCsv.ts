import type { AuditEvent } from '../schema/openapi/generated';
import { csvBatch, CsvColumns } from './csv';

const COLUMNS: CsvColumns<AuditEvent> = [
  ['at', e => e.at],
  ['kind', e => e.kind],
  ['model', e => e.modelName],
  ['owner', e => e.owner],
  ['version', e => e.version],
  ['from_version', e => e.fromVersion],
  ['alias', e => e.alias],
  ['region', e => e.region],
  ['account', e => e.accountId],
  ['actor', e => e.actor],
  ['reason', e => e.reason],
  ['emergency', e => e.emergency ?? false],
  ['approval_request', e => e.approvalRequestId],
  ['detail', e => e.detail],
];

/**
 * The audit trail as CSV, one line per event, newest first. Written in batches by the backend, so only
 * the first batch has the header line.
 *
 * @public
 */
export function auditTrailCsv(
  events: AuditEvent[],
  options: { header: boolean } = { header: true },
): string {
  return csvBatch(COLUMNS, events, options.header);
}
