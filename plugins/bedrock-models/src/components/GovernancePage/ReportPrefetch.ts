import type {
  GovernanceReport,
  GovernanceReportQuery,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';

/** Identifies a report query (its fields' order is always the same, as reportPageQuery builds it). */
export function reportQueryKey(query: GovernanceReportQuery): string {
  return JSON.stringify(query);
}

/**
 * A report page asked for at the click that will show it (a filter, order or page change), before the
 * page renders the new state. A change goes through the URL, and its re-render of the app takes
 * hundreds of milliseconds on a busy machine; the request should not wait for it.
 */
export class ReportPrefetch {
  private pending?: { key: string; report: Promise<GovernanceReport> };

  /** Starts reading the page of `query` (a later start replaces an earlier one not yet taken). */
  start(query: GovernanceReportQuery, read: () => Promise<GovernanceReport>) {
    const report = read();
    // Whoever takes it handles its failure; one never taken must not be an unhandled rejection.
    report.catch(() => undefined);
    this.pending = { key: reportQueryKey(query), report };
  }

  /** The read started for `query`, once: a retry reads afresh. */
  take(query: GovernanceReportQuery): Promise<GovernanceReport> | undefined {
    if (this.pending?.key !== reportQueryKey(query)) return undefined;
    const { report } = this.pending;
    this.pending = undefined;
    return report;
  }
}
