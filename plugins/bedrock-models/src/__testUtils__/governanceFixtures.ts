import {
  AliasPointer,
  DiscoverySyncState,
  GovernanceReport,
  GovernanceReportRow,
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
 * Three models in two accounts: support-assistant in us-east-1 (v2 production) and eu-central-1
 * (v5 production), code-reviewer in us-west-2 (unmanaged, no production), claims-summarizer (phi)
 * with a retired version.
 */
export function governanceReport(
  overrides: Partial<GovernanceReport> = {},
): GovernanceReport {
  return {
    generatedAt: '2026-11-20T12:00:00.000Z',
    sync: [],
    rows: [
      aReportRow({ version: 1, estimatedMonthlyCost: 10 }),
      aReportRow({
        version: 2,
        pointers: ['production'],
        estimatedMonthlyCost: 412.5,
      }),
      aReportRow({
        version: 5,
        region: 'eu-central-1',
        pointers: ['production', 'staging'],
        estimatedMonthlyCost: 90,
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
      aReportRow({
        model: 'claims-summarizer',
        owner: 'group:default/claims',
        classification: 'phi',
        version: 1,
        status: 'retired',
        architecture: 'mistral',
        estimatedMonthlyCost: undefined,
      }),
      aReportRow({
        model: 'claims-summarizer',
        owner: 'group:default/claims',
        classification: 'phi',
        version: 2,
        architecture: 'mistral',
        pointers: ['production'],
        estimatedMonthlyCost: 1200,
      }),
    ],
    ...overrides,
  };
}

/** The production pointers of the report's models. */
export function productionPointers(): AliasPointer[] {
  const pointer = (
    modelName: string,
    region: string,
    version: number,
    updatedBy: string,
  ): AliasPointer => ({
    modelName,
    alias: 'production',
    region,
    accountId: '123456789012',
    version,
    revision: 1,
    updatedBy,
    updatedAt: '2026-11-10T09:00:00.000Z',
    parameterName: `/bedrock-models/${modelName}/production`,
  });
  return [
    pointer('support-assistant', 'us-east-1', 2, 'user:default/bob'),
    pointer('support-assistant', 'eu-central-1', 5, 'user:default/ana'),
    pointer('claims-summarizer', 'us-east-1', 2, 'user:default/carol'),
    { ...pointer('support-assistant', 'us-east-1', 5, 'x'), alias: 'staging' },
  ];
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
