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
  /**
   * Keep a copy warm with heartbeats: through the active hours (plus the lead before them and the
   * eviction tail after), or around the clock. Off when left out.
   */
  keepWarm?: {
    mode: 'off' | 'active-hours' | 'always';
    /** A copy idle this long is evicted (billed until then). */
    evictionMinutes: number;
    /** Heartbeats start this long before the active hours. */
    leadMinutes: number;
  };
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
  /** What keeping one copy warm adds to on-demand a month (0 when keep-warm is off). */
  keepWarmMonthly: number;
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
  const keepWarmMonthly = keepWarmAddition(input, hours, days);
  const onDemandMonthly =
    perActiveHour * hours * days + storage + keepWarmMonthly;
  const alwaysOnMonthly = input.alwaysOnHourly * 24 * DAYS_PER_BILLING_MONTH;
  let cheaper: CostShapeComparison['cheaper'] = 'equal';
  if (Math.abs(onDemandMonthly - alwaysOnMonthly) >= 0.005) {
    cheaper = onDemandMonthly < alwaysOnMonthly ? 'on-demand' : 'always-on';
  }
  const perActiveDayHour = perActiveHour * days;
  // Kept warm around the clock, the copy costs the same whatever the hours: no break-even in hours.
  const breakEven =
    perActiveDayHour > 0 && input.keepWarm?.mode !== 'always'
      ? (alwaysOnMonthly - storage - keepWarmMonthly) / perActiveDayHour
      : undefined;
  return {
    onDemandMonthly,
    alwaysOnMonthly,
    cheaper,
    breakEvenHoursPerDay:
      breakEven !== undefined && breakEven >= 0 && breakEven <= 24
        ? breakEven
        : undefined,
    keepWarmMonthly,
  };
}

/**
 * What heartbeats add to one copy's bill: through the active hours they add the lead and the eviction
 * tail of each active day (at most: traffic alone leaves a tail too); around the clock, every hour the
 * traffic leaves idle.
 */
function keepWarmAddition(
  input: CostShapeInput,
  activeHours: number,
  activeDays: number,
): number {
  const keepWarm = input.keepWarm;
  if (!keepWarm || keepWarm.mode === 'off') return 0;
  const perCopyMinute = input.cmusPerCopy * input.pricePerCmuMinute;
  // The first copy runs through the active hours anyway when traffic needs one.
  const trafficMinutes =
    input.copiesWhenActive > 0 ? activeHours * 60 * activeDays : 0;
  if (keepWarm.mode === 'always') {
    const monthMinutes = DAYS_PER_BILLING_MONTH * 24 * 60;
    return perCopyMinute * (monthMinutes - trafficMinutes);
  }
  const warmMinutes = Math.min(
    24 * 60,
    activeHours * 60 + keepWarm.leadMinutes + keepWarm.evictionMinutes,
  );
  return perCopyMinute * (warmMinutes * activeDays - trafficMinutes);
}
