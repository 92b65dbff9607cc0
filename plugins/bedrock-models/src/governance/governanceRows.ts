import {
  AliasPointer,
  GovernanceReportRow,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';

/** The alias whose version the governance view reports as "production". */
export const PRODUCTION_ALIAS = 'production';

/** One version as the governance table shows it: the report row, and its Region's production pointer. */
export type GovernanceRow = GovernanceReportRow & {
  /** Unique per row: model, account, Region and version. */
  id: string;
  /** What the production pointer names for this model in this Region. */
  productionVersion?: number;
  /** Who last moved that pointer, and when. */
  lastPromotedBy?: string;
  lastPromotedAt?: string;
};

/** Joins the report's version rows with the production pointers (who moved them, and when). */
export function toGovernanceRows(
  reportRows: GovernanceReportRow[],
  pointers: AliasPointer[],
): GovernanceRow[] {
  const production = new Map<string, AliasPointer>();
  for (const pointer of pointers) {
    if (pointer.alias === PRODUCTION_ALIAS) {
      production.set(`${pointer.modelName}|${pointer.region}`, pointer);
    }
  }
  return reportRows.map(row => {
    const pointer = production.get(`${row.model}|${row.region}`);
    return {
      ...row,
      id: `${row.model}|${row.accountId}|${row.region}|${row.version}`,
      productionVersion: pointer?.version,
      lastPromotedBy: pointer?.updatedBy,
      lastPromotedAt: pointer?.updatedAt,
    };
  });
}

/** Whether this row's version is the one production serves. */
export function servesProduction(row: GovernanceRow): boolean {
  return row.pointers.includes(PRODUCTION_ALIAS);
}
