import type {
  ApprovalRequest,
  ApprovalRule,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { MODEL } from './modelFixtures';

/** Production of confidential models: one approval from the owners or ml-governance, 24 h. */
export function aRule(overrides: Partial<ApprovalRule> = {}): ApprovalRule {
  return {
    aliases: ['production'],
    classifications: ['confidential'],
    approvals: 1,
    approvers: ['owners', 'group:default/ml-governance'],
    allowEmergencyRollback: true,
    expiryHours: 24,
    ...overrides,
  };
}

/** A pending request by ana to promote version 3 to production in us-east-1 (from version 2). */
export function anApprovalRequest(
  overrides: Partial<ApprovalRequest> = {},
): ApprovalRequest {
  return {
    id: '0f8b6c1e-5a2b-4c3d-9e8f-7a6b5c4d3e2f',
    modelName: MODEL,
    alias: 'production',
    region: 'us-east-1',
    kind: 'promote',
    targetVersion: 3,
    fromVersion: 2,
    pointerRevision: 2,
    requestedBy: 'user:default/ana',
    reason: 'fewer refusals',
    status: 'pending',
    rule: aRule(),
    decisions: [],
    createdAt: '2026-11-20T12:00:00.000Z',
    expiresAt: '2026-11-21T12:00:00.000Z',
    mayDecide: true,
    ...overrides,
  };
}
