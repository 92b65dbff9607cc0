import type { GovernanceReportRow } from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { formatDateTime } from '../format/formatDateTime';

/** What the retire dialog says about a version's calls: a warning when it had any, else why it is quiet. */
export type TrafficNotice =
  | { level: 'warning'; text: string }
  | { level: 'info'; text: string };

/**
 * Whether retiring a version would break callers that still use its ARN directly: any invocation in the
 * last 30 days (CloudWatch `Invocations`, as the governance report read it) is traffic to warn about.
 */
export function recentTrafficNotice(
  row:
    | Pick<GovernanceReportRow, 'invocations30d' | 'lastInvokedAt'>
    | undefined,
  versionNumber: number,
): TrafficNotice {
  if (!row || row.invocations30d === undefined) {
    return {
      level: 'info',
      text: `Whether version ${versionNumber} was called lately is not known yet: the portal has not read its CloudWatch invocations.`,
    };
  }
  if (row.invocations30d > 0 || row.lastInvokedAt) {
    const calls = row.invocations30d.toLocaleString('en-US');
    const last = row.lastInvokedAt
      ? `, last at ${formatDateTime(row.lastInvokedAt)}`
      : '';
    return {
      level: 'warning',
      text: `Version ${versionNumber} had traffic recently: ${calls} ${
        row.invocations30d === 1 ? 'call' : 'calls'
      } in the last 30 days${last}. Callers that use its ARN directly (not through a pointer's SSM parameter) fail once it is retired.`,
    };
  }
  return {
    level: 'info',
    text: `Version ${versionNumber} was not called in the last 30 days.`,
  };
}
