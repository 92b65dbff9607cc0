import { toCsv } from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { roundMoney } from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { GovernanceRow } from './governanceRows';

/** The governance rows as CSV, one line per version, in the order given. */
export function governanceCsv(rows: GovernanceRow[]): string {
  return toCsv(
    [
      'model',
      'version',
      'owner',
      'classification',
      'account',
      'region',
      'status',
      'architecture',
      'imported_model_arn',
      'pointers',
      'production_version',
      'last_promoted_by',
      'last_promoted_at',
      'managed',
      'created_by',
      'created_at',
      'estimated_monthly_cost',
    ],
    rows.map(row => [
      row.model,
      row.version,
      row.owner,
      row.classification,
      row.accountId,
      row.region,
      row.status,
      row.architecture,
      row.importedModelArn,
      row.pointers.join(' '),
      row.productionVersion,
      row.lastPromotedBy,
      row.lastPromotedAt,
      row.managed,
      row.createdBy,
      row.createdAt,
      row.estimatedMonthlyCost === undefined
        ? undefined
        : roundMoney(row.estimatedMonthlyCost),
    ]),
  );
}
