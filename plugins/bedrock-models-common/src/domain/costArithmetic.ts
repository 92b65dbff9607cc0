/**
 * Cost arithmetic of imported models: compute is billed per running copy in 5-minute windows,
 * storage per CMU per month. Pure functions; prices come from configuration.
 */

/**
 * Bedrock bills running copies in windows of this many minutes.
 *
 * @public
 */
export const BILLING_WINDOW_MINUTES = 5;

/**
 * Days in the month used to turn a monthly storage price into a daily one.
 *
 * @public
 */
export const DAYS_PER_BILLING_MONTH = 30;

/**
 * CMU-minutes of one 5-minute window in which `copies` copies (average) ran.
 *
 * @public
 */
export function windowCmuMinutes(copies: number, cmusPerCopy: number): number {
  if (!(copies > 0) || !(cmusPerCopy > 0)) return 0;
  return copies * cmusPerCopy * BILLING_WINDOW_MINUTES;
}

/**
 * Storage cost of a model of `cmusPerCopy` CMUs kept for `days` days.
 *
 * @public
 */
export function storageCost(
  cmusPerCopy: number,
  pricePerCmuMonth: number,
  days: number,
): number {
  return (cmusPerCopy * pricePerCmuMonth * days) / DAYS_PER_BILLING_MONTH;
}

/**
 * A period's cost scaled to a 30-day month.
 *
 * @public
 */
export function monthlyProjection(total: number, periodDays: number): number {
  return periodDays > 0 ? (total * DAYS_PER_BILLING_MONTH) / periodDays : 0;
}

/**
 * Rounds money to cents for display and CSV, keeping the arithmetic exact until then.
 *
 * @public
 */
export function roundMoney(amount: number): number {
  return Math.round(amount * 100) / 100;
}

/**
 * A traffic pattern: how many hours a day the model is called, and how many copies that needs.
 *
 * @public
 */
export type TrafficPattern = {
  /** Hours per day with at least one call (0-24). */
  activeHoursPerDay: number;
  /** Copies running while active (Bedrock scales them with load). */
  copiesWhenActive: number;
  /** Days per month with traffic. */
  activeDaysPerMonth: number;
};

/**
 * What the cost-shape comparison needs besides the traffic.
 *
 * @public
 */
export type CostShapeInput = TrafficPattern & {
  cmusPerCopy: number;
  pricePerCmuMinute: number;
  pricePerCmuMonthStorage: number;
  /** Hourly rate of the always-on alternative (e.g. a provisioned endpoint), from config. */
  alwaysOnHourly: number;
};

/**
 * On-demand CMU cost against an always-on alternative for one traffic pattern.
 *
 * @public
 */
export type CostShapeComparison = {
  onDemandMonthly: number;
  alwaysOnMonthly: number;
  cheaper: 'on-demand' | 'always-on' | 'equal';
  /** Active hours per day at which both cost the same (undefined if on-demand is always cheaper). */
  breakEvenHoursPerDay?: number;
};

/**
 * Compares paying per running copy (idle copies scale to zero; each active hour is twelve billed windows)
 * with paying an always-on hourly rate around the clock.
 *
 * @public
 */
export function compareCostShapes(input: CostShapeInput): CostShapeComparison {
  const hours = Math.min(Math.max(input.activeHoursPerDay, 0), 24);
  const days = Math.min(
    Math.max(input.activeDaysPerMonth, 0),
    DAYS_PER_BILLING_MONTH,
  );
  const copies = Math.max(input.copiesWhenActive, 0);
  const perActiveHour =
    copies * input.cmusPerCopy * input.pricePerCmuMinute * 60;
  const storage = input.cmusPerCopy * input.pricePerCmuMonthStorage;
  const onDemandMonthly = perActiveHour * hours * days + storage;
  const alwaysOnMonthly = input.alwaysOnHourly * 24 * DAYS_PER_BILLING_MONTH;
  let cheaper: CostShapeComparison['cheaper'] = 'equal';
  if (Math.abs(onDemandMonthly - alwaysOnMonthly) >= 0.005) {
    cheaper = onDemandMonthly < alwaysOnMonthly ? 'on-demand' : 'always-on';
  }
  const perActiveDayHour = perActiveHour * days;
  const breakEven =
    perActiveDayHour > 0
      ? (alwaysOnMonthly - storage) / perActiveDayHour
      : undefined;
  return {
    onDemandMonthly,
    alwaysOnMonthly,
    cheaper,
    breakEvenHoursPerDay:
      breakEven !== undefined && breakEven >= 0 && breakEven <= 24
        ? breakEven
        : undefined,
  };
}
