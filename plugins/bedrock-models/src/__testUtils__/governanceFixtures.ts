import {
  DiscoverySyncState,
  GovernanceReport,
  GovernanceReportRow,
  ReportTotals,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';

/** A report row with sensible defaults. */
export function aReportRow(
  overrides: Partial<GovernanceReportRow> = {},
): GovernanceReportRow {
  return {
    model: 'support-assistant',
    owner: 'group:default/support-ml',
    classification: 'internal',
    accountId: '111122223333',
    region: 'us-east-1',
    version: 1,
    status: 'ready',
    architecture: 'llama',
    importedModelArn:
      'arn:aws:bedrock:us-east-1:111122223333:imported-model/support-assistant-v1',
    pointers: [],
    createdBy: 'user:default/ana',
    createdAt: '2026-11-01T10:00:00.000Z',
    managed: true,
    estimatedMonthlyCost: 100,
    ...overrides,
  };
}

/**
 * Three models in two accounts: support-assistant in us-east-1 (v2 production, moved by bob) and
 * eu-central-1 (v5 production, by ana), code-reviewer in us-west-2 (unmanaged, no production),
 * claims-summarizer (phi, production v2 by carol) with a retired version. As the backend reports
 * them: sorted by model, with what production serves in each row's Region.
 */
export function governanceRows(): GovernanceReportRow[] {
  const support = {
    productionVersion: 2,
    lastPromotedBy: 'user:default/bob',
    lastPromotedAt: '2026-11-10T09:00:00.000Z',
  };
  const claims = {
    model: 'claims-summarizer',
    owner: 'group:default/claims',
    classification: 'phi',
    architecture: 'mistral',
    productionVersion: 2,
    lastPromotedBy: 'user:default/carol',
    lastPromotedAt: '2026-11-10T09:00:00.000Z',
  };
  return [
    aReportRow({
      ...claims,
      version: 1,
      status: 'retired',
      estimatedMonthlyCost: undefined,
    }),
    aReportRow({
      ...claims,
      version: 2,
      pointers: ['production'],
      estimatedMonthlyCost: 1200,
    }),
    aReportRow({
      model: 'code-reviewer',
      owner: 'group:default/platform',
      classification: 'public',
      accountId: '444455556666',
      region: 'us-west-2',
      version: 1,
      architecture: 'qwen2',
      managed: false,
      createdBy: 'unknown',
      estimatedMonthlyCost: undefined,
    }),
    aReportRow({ ...support, version: 1, estimatedMonthlyCost: 10 }),
    aReportRow({
      ...support,
      version: 2,
      pointers: ['production'],
      estimatedMonthlyCost: 412.5,
    }),
    aReportRow({
      version: 5,
      region: 'eu-central-1',
      pointers: ['production', 'staging'],
      productionVersion: 5,
      lastPromotedBy: 'user:default/ana',
      lastPromotedAt: '2026-11-10T09:00:00.000Z',
      estimatedMonthlyCost: 90,
    }),
  ];
}

/** The backend's totals of some report rows. */
export function reportTotals(rows: GovernanceReportRow[]): ReportTotals {
  const byRegion: Record<string, number> = {};
  const byOwner: Record<string, number> = {};
  for (const row of rows) {
    byRegion[row.region] =
      (byRegion[row.region] ?? 0) + (row.estimatedMonthlyCost ?? 0);
    byOwner[row.owner] =
      (byOwner[row.owner] ?? 0) + (row.estimatedMonthlyCost ?? 0);
  }
  return {
    versions: rows.length,
    models: new Set(rows.map(r => r.model)).size,
    liveVersions: rows.filter(r => r.status === 'ready').length,
    servingProduction: rows.filter(r => r.productionVersion === r.version)
      .length,
    byOwner,
    estimatedMonthlyCost: rows.reduce(
      (sum, row) => sum + (row.estimatedMonthlyCost ?? 0),
      0,
    ),
    withoutEstimate: rows.filter(r => r.estimatedMonthlyCost === undefined)
      .length,
    byRegion,
  };
}

/** The report of {@link governanceRows} (or the rows given) in one page, as `GET /report` answers. */
export function governanceReport(
  overrides: Partial<GovernanceReport> = {},
): GovernanceReport {
  const rows = overrides.rows ?? governanceRows();
  return {
    generatedAt: '2026-11-20T12:00:00.000Z',
    sync: [],
    rows,
    totalCount: rows.length,
    totals: reportTotals(rows),
    ...overrides,
  };
}

/** Discovery's state in one account and Region: a success at 11:55 unless overridden. */
export function aSyncState(
  overrides: Partial<DiscoverySyncState> = {},
): DiscoverySyncState {
  return {
    accountId: '111122223333',
    region: 'us-east-1',
    lastAttemptAt: '2026-11-20T11:55:00.000Z',
    lastSuccessAt: '2026-11-20T11:55:00.000Z',
    outsideJobsInProgress: 0,
    ...overrides,
  };
}
