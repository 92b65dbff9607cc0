import type {
  AttentionSummary,
  AuditEvent,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';

/**
 * What needs attention in the governance fixtures' rows (as the backend would say): the two versions
 * no pointer names that cost money, the unmanaged one, and a nearly full quota in us-east-1.
 */
export function attentionSummary(
  overrides: Partial<AttentionSummary> = {},
): AttentionSummary {
  return {
    generatedAt: '2026-11-20T12:00:00.000Z',
    idleDays: 30,
    totalMonthlyCost: 1712.5,
    items: [
      {
        kind: 'unnamed-cost',
        title: 'Versions that cost money but no pointer names',
        count: 2,
        estimatedMonthlyCost: 10,
        share: 10 / 1712.5,
        filters: { named: 'unnamed', status: 'ready' },
      },
      {
        kind: 'unmanaged',
        title: 'Versions imported outside the portal',
        count: 1,
        share: 0,
        estimatedMonthlyCost: 0,
        filters: { managed: 'unmanaged' },
      },
      {
        kind: 'quota',
        title: 'Import quotas nearly used up',
        count: 1,
        filters: {},
        quotas: [
          {
            accountId: '111122223333',
            region: 'us-east-1',
            used: 9,
            limit: 10,
          },
        ],
      },
    ],
    ...overrides,
  };
}

/** An audit event with sensible defaults: ana promotes support-assistant's production to v2. */
export function anAuditEvent(overrides: Partial<AuditEvent> = {}): AuditEvent {
  return {
    id: 'move-1',
    at: '2026-11-10T09:00:00.000Z',
    kind: 'promote',
    modelName: 'support-assistant',
    owner: 'group:default/support-ml',
    version: 2,
    fromVersion: 1,
    alias: 'production',
    region: 'us-east-1',
    accountId: '111122223333',
    actor: 'user:default/ana',
    reason: 'better answers',
    ...overrides,
  };
}

/** A month of changes across the fixtures' models, newest first. */
export function auditEvents(): AuditEvent[] {
  return [
    anAuditEvent({
      id: 'retire-1',
      at: '2026-11-19T10:00:00.000Z',
      kind: 'retire',
      version: 1,
      fromVersion: undefined,
      alias: undefined,
      actor: 'user:default/bob',
      reason: 'superseded by v2, no traffic for a month',
    }),
    anAuditEvent({
      id: 'move-3',
      at: '2026-11-12T09:00:00.000Z',
      kind: 'rollback',
      modelName: 'claims-summarizer',
      owner: 'group:default/claims',
      version: 1,
      fromVersion: 2,
      actor: 'user:default/carol',
      reason: 'hallucinated policy numbers',
      emergency: true,
    }),
    anAuditEvent(),
    anAuditEvent({
      id: 'import-2',
      at: '2026-11-02T10:00:00.000Z',
      kind: 'import',
      fromVersion: undefined,
      alias: undefined,
      reason: '',
      detail: 's3://ml-artifacts/support-assistant/v2/ · ready',
    }),
    anAuditEvent({
      id: 'import-1',
      at: '2026-11-01T10:00:00.000Z',
      kind: 'import',
      version: 1,
      fromVersion: undefined,
      alias: undefined,
      region: 'eu-central-1',
      reason: '',
    }),
  ];
}
