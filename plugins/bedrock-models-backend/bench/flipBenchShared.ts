/** How many models the flip benchmark flips (one per client at most). */
export const FLIP_MODELS = 20;

/** The imported-model ARN of version `n` of flip model `m`. */
export const flipArn = (m: number, n: number) =>
  `arn:aws:bedrock:us-east-1:123456789012:imported-model/flip${String(
    m,
  ).padStart(3, '0')}v${n}aaa`;

/** Percentiles of a set of durations, in milliseconds. */
export type Percentiles = { p50Ms: number; p95Ms: number; maxMs: number };

/** What the load generator measured in one run. */
export type FlipRun = {
  clients: number;
  flips: number;
  statuses: Record<string, number>;
  /** How many answers said SSM already named the new ARN. */
  publishedInRequest: number;
  visible: Percentiles;
  request: Percentiles;
};
