/**
 * Share of a quota in use from which it counts as nearly gone.
 *
 * @public
 */
export const QUOTA_NEARLY_FULL_SHARE = 0.8;

/**
 * Days without invocations after which a live version counts as idle, unless asked otherwise.
 *
 * @public
 */
export const DEFAULT_IDLE_DAYS = 30;

/**
 * Whether a quota is nearly gone: a known limit with at least 80% of it used (or none left).
 *
 * @public
 */
export function quotaNearlyFull(
  used: number,
  limit: number | undefined,
): boolean {
  if (limit === undefined) return false;
  return limit <= 0 || used / limit >= QUOTA_NEARLY_FULL_SHARE;
}

/**
 * A cost's share of the whole (0 when there is no whole to share).
 *
 * @public
 */
export function costShare(cost: number, total: number): number {
  return total > 0 ? cost / total : 0;
}
