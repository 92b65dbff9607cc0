/** The last compute estimate of one imported model. */
export type CostEstimate = {
  /** The last 30 days of compute; undefined when read but without a price or CMUs to price it. */
  compute: number | undefined;
  readAt: Date;
};

/** What one CloudWatch read found for one imported model. */
export type UsageReading = {
  /** The last 30 days of compute; undefined without a price or CMUs to price it. */
  compute: number | undefined;
  invocations30d: number;
  /** Start of the last hour with invocations; undefined when none in the 30 days. */
  lastInvokedAt: Date | undefined;
};

/** The compute estimates last read from CloudWatch, shared by every replica. */
export interface CostEstimateStore {
  /** Estimates in one account and Region, by imported-model ARN. */
  estimates(
    accountId: string,
    region: string,
  ): Promise<Map<string, CostEstimate>>;
  /** Accounts and Regions with a live version whose estimate is missing or was read before `since`. */
  staleTargets(
    since: Date,
  ): Promise<Array<{ accountId: string; region: string }>>;
  /** When the oldest estimate of a live version was read. */
  oldestReadAt(): Promise<Date | undefined>;
  /** Keeps what one CloudWatch read found, replacing older figures for the same imported models. */
  save(
    accountId: string,
    region: string,
    readAt: Date,
    readings: Map<string, UsageReading>,
  ): Promise<void>;
}
