import {
  GovernanceReportRow,
  ReportFilters,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';

/** What the governance report sorts by. */
export type ReportSort =
  | 'model'
  | 'version'
  | 'owner'
  | 'classification'
  | 'region'
  | 'architecture'
  | 'status'
  | 'managed'
  | 'productionVersion'
  | 'createdAt'
  | 'lastPromotedAt'
  | 'lastInvokedAt'
  | 'cost';

/** What a report query needs to know besides the filters. */
export type ReportContext = {
  /** The alias governance calls production: the first configured one. */
  productionAlias: string;
  /** Price of storing one CMU for a month, added to each live version's compute estimate. */
  storageCmuMonth: number;
  /** Region -> price of a CMU-minute, for the keep-warm commitments (none: they count 0). */
  cmuMinute?: Record<string, number>;
  /** Classification -> Regions its data may be in (a classification not named may be anywhere). */
  dataResidency: Record<string, string[]>;
  /** What counts as now (for idle versions). */
  now: Date;
  /** A pending SSM write older than this (or retried) counts as failing publishing. */
  publishingStuckBefore: Date;
};

/** Totals of the rows the filters let through. */
export type ReportTotals = {
  versions: number;
  /** Distinct models among the rows. */
  models: number;
  /** Rows whose version is ready. */
  liveVersions: number;
  /** Rows whose version the production alias names. */
  servingProduction: number;
  /** Estimated monthly cost per owner. */
  byOwner: Record<string, number>;
  /** Sum of the estimates that are known. */
  estimatedMonthlyCost: number;
  /** Rows whose estimate is not known (no price, no CMUs, or not read yet). */
  withoutEstimate: number;
  byRegion: Record<string, number>;
  /** Monthly commitment of the keep-warm policies of the pointers naming the rows' versions. */
  keepWarmMonthlyUsd: number;
};

/** The values each filter can take, as the rows have them. */
export type ReportFacets = {
  owner: string[];
  region: string[];
  accountId: string[];
  architecture: string[];
  classification: string[];
  status: string[];
};

/**
 * The governance report read straight from the database: filtered, sorted and paged in SQL, so a page
 * costs the same few statements however many versions the registry holds.
 */
export interface ReportQuery {
  /** One page of rows (estimates from the stored CloudWatch reads). */
  page(
    filters: ReportFilters,
    sort: { by: ReportSort; order: 'asc' | 'desc' },
    page: { offset: number; limit: number },
    context: ReportContext,
  ): Promise<GovernanceReportRow[]>;
  totals(filters: ReportFilters, context: ReportContext): Promise<ReportTotals>;
  /**
   * Rows after `after` in the report's fixed order (model, then version), for exports that
   * read the whole report a batch at a time.
   */
  batchAfter(
    filters: ReportFilters,
    after: ReportRowKey | undefined,
    limit: number,
    context: ReportContext,
  ): Promise<GovernanceReportRow[]>;
  facets(): Promise<ReportFacets>;
}

/** Where a row sits in the report's fixed order. */
export type ReportRowKey = Pick<GovernanceReportRow, 'model' | 'version'>;
