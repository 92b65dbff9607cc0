import type { GovernanceReport } from '@bedrock-portal/backstage-plugin-bedrock-models-common';

/** What the stale-data banner says: since when AWS could not be read, and what failed. */
export type AwsUnreachable = {
  since?: string;
  lastSync?: string;
  detail: string;
};

/**
 * Whether the report is built on data AWS could not refresh: cost reads that failed (this request) or
 * discovery passes that failed (any replica's, from the database). Undefined when everything was read.
 */
export function awsReachability(
  report: GovernanceReport,
): AwsUnreachable | undefined {
  const failingSync = report.sync.filter(state => state.lastError);
  if (!report.staleSince && failingSync.length === 0) return undefined;
  const since = [
    report.staleSince,
    ...failingSync.map(state => state.failingSince),
  ]
    .filter((value): value is string => Boolean(value))
    .sort()[0];
  return {
    since,
    lastSync: report.lastSyncAt,
    detail: [
      ...failingSync.map(
        state =>
          `Discovery in ${state.accountId}/${state.region}: ${state.lastError}`,
      ),
      ...(report.awsErrors ?? []),
    ].join(' · '),
  };
}
