import type { ModelCostReport } from '@bedrock-portal/backstage-plugin-bedrock-models-common';

/**
 * When a version last served calls, as far as the portal knows: Bedrock runs a copy of an imported
 * model only while it is invoked (and for about five minutes after), so the last UTC day on which
 * CloudWatch `ModelCopy` shows a running copy is the last day it was invoked. The cost report reads
 * those figures for the last 30 days; the exact time of the last invocation is not recorded.
 */
export type LastActivity =
  | { kind: 'ran'; day: string }
  | { kind: 'idle'; since: string }
  | { kind: 'unknown'; reason: string };

/** The last day a copy of `version` ran in `region`, from the model's cost report. */
export function lastActivity(
  report: ModelCostReport,
  version: number,
  region: string,
): LastActivity {
  const cost = report.versions.find(
    v => v.version === version && v.region === region,
  );
  if (!cost) {
    return {
      kind: 'unknown',
      reason: 'the cost report has no figures for this version',
    };
  }
  const days = cost.days
    .filter(d => d.cmuMinutes > 0)
    .map(d => d.day)
    .sort();
  if (days.length > 0) return { kind: 'ran', day: days[days.length - 1] };
  if (cost.days.length === 0 && cost.notes.length > 0) {
    return { kind: 'unknown', reason: cost.notes.join(' ') };
  }
  return { kind: 'idle', since: report.from.slice(0, 10) };
}

/** The same, in words, for the promote and rollback dialogs. */
export function lastActivityInWords(activity: LastActivity): string {
  switch (activity.kind) {
    case 'ran':
      return `${activity.day} (the last UTC day a copy ran, from CloudWatch ModelCopy)`;
    case 'idle':
      return `not since ${activity.since}: no copy ran in the last 30 days`;
    default:
      return `not known: ${activity.reason}`;
  }
}
