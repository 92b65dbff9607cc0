import type { GovernanceReportRow } from '../schema/openapi/generated';
import { roundMoney } from './costArithmetic';
import { csvBatch, CsvColumns } from './csv';

const COLUMNS: CsvColumns<GovernanceReportRow> = [
  ['model', r => r.model],
  ['version', r => r.version],
  ['owner', r => r.owner],
  ['classification', r => r.classification],
  ['account', r => r.accountId],
  ['region', r => r.region],
  ['status', r => r.status],
  ['architecture', r => r.architecture],
  ['imported_model_arn', r => r.importedModelArn],
  ['pointers', r => r.pointers.join(' ')],
  ['production_version', r => r.productionVersion],
  ['last_promoted_by', r => r.lastPromotedBy],
  ['last_promoted_at', r => r.lastPromotedAt],
  ['managed', r => r.managed],
  ['created_by', r => r.createdBy],
  ['created_at', r => r.createdAt],
  [
    'estimated_monthly_cost',
    r =>
      r.estimatedMonthlyCost === undefined
        ? undefined
        : roundMoney(r.estimatedMonthlyCost),
  ],
  ['invocations_30d', r => r.invocations30d],
  ['last_invoked_at', r => r.lastInvokedAt],
  ['residency_violation', r => r.residencyViolation],
  ['publishing_failing', r => r.publishingFailing],
];

/**
 * The governance report as CSV, one line per version: the one export there is. Written in batches by
 * the backend, so only the first batch has the header line.
 *
 * @public
 */
export function governanceReportCsv(
  rows: GovernanceReportRow[],
  options: { header: boolean } = { header: true },
): string {
  return csvBatch(COLUMNS, rows, options.header);
}
