import {
  BILLING_WINDOW_MINUTES,
  DAYS_PER_BILLING_MONTH,
} from './costArithmetic';
import {
  heartbeatSlots,
  isInsideWindows,
  KeepWarmRules,
  KeepWarmTiming,
} from './keepWarmSchedule';

/**
 * What keeping a pointer warm costs: Bedrock bills a copy for every 5-minute window it stays loaded,
 * from its first served call until it has been idle for the eviction time. Heartbeats keep it loaded
 * through the policy's hours, and it stays loaded (and billed) for the eviction time after the last one.
 */

const MINUTE = 60_000;
const WINDOW = BILLING_WINDOW_MINUTES * MINUTE;

/**
 * The month is read from four whole weeks (every weekday four times), then scaled to 30 days.
 *
 * @public
 */
export const KEEP_WARM_REFERENCE_DAYS = 28;

/**
 * The copy's loaded spells that a series of calls makes, and the 5-minute windows billed for them.
 *
 * @public
 */
export type LoadedSpells = {
  /** Spells a copy stays loaded: from the first served call until the eviction after the last. */
  spells: Array<{ from: Date; to: Date; windows: number }>;
  /** Billed 5-minute windows, all spells together. */
  windows: number;
};

/**
 * The spells a copy stays loaded for calls at `calls` (each served), and their billed windows: a call
 * before the copy is evicted keeps it loaded; after eviction the next call restores it, and billing
 * starts again when that call is served (`restoreMinutes` after it, for a cold copy).
 *
 * @public
 */
export function loadedSpells(
  calls: Date[],
  options: { evictionMinutes: number; restoreMinutes?: number },
): LoadedSpells {
  const eviction = options.evictionMinutes * MINUTE;
  const restore = (options.restoreMinutes ?? 0) * MINUTE;
  const sorted = [...calls].map(c => c.getTime()).sort((a, b) => a - b);
  const spells: LoadedSpells['spells'] = [];
  let current: { from: number; to: number } | undefined;
  const finish = () => {
    if (!current) return;
    const windows = Math.max(
      1,
      Math.ceil((current.to - current.from) / WINDOW),
    );
    spells.push({
      from: new Date(current.from),
      to: new Date(current.to),
      windows,
    });
  };
  for (const at of sorted) {
    if (current && at < current.to) {
      current.to = Math.max(current.to, at + eviction);
      continue;
    }
    finish();
    current = { from: at + restore, to: at + restore + eviction };
  }
  finish();
  return { spells, windows: spells.reduce((n, s) => n + s.windows, 0) };
}

/**
 * The 5-minute windows a policy keeps a copy loaded from `from` to `to`, heartbeats on their grid.
 *
 * @public
 */
export function keepWarmWindows(
  rules: KeepWarmRules,
  period: { from: Date; to: Date },
  timing: KeepWarmTiming & { restoreMinutes?: number },
): LoadedSpells {
  if (rules.mode === 'off') return { spells: [], windows: 0 };
  return loadedSpells(heartbeatSlots(rules, period.from, period.to, timing), {
    evictionMinutes: timing.evictionMinutes,
    restoreMinutes: timing.restoreMinutes,
  });
}

/**
 * A keep-warm policy's monthly commitment.
 *
 * @public
 */
export type KeepWarmCostEstimate = {
  /** 5-minute windows a copy is kept loaded in a 30-day month. */
  windowsPerMonth: number;
  /** CMU-minutes of those windows; absent without the copy's CMUs. */
  cmuMinutesPerMonth?: number;
  /** Their price; absent without CMUs or a price for the Region. */
  monthlyCost?: number;
};

/**
 * The monthly cost of a policy: CMUs per copy x windows kept loaded per month x 5 minutes x the
 * Region's price per CMU-minute. The month is four weeks from `from`, scaled to 30 days; a copy is taken
 * as loaded from its first heartbeat (restoring takes a minute or two more, so this is the upper bound).
 *
 * @public
 */
export function keepWarmEstimate(
  rules: KeepWarmRules,
  input: {
    from: Date;
    timing: KeepWarmTiming;
    cmusPerCopy?: number;
    pricePerCmuMinute?: number;
  },
): KeepWarmCostEstimate {
  const to = new Date(
    input.from.getTime() + KEEP_WARM_REFERENCE_DAYS * 24 * 60 * MINUTE,
  );
  const { windows } =
    rules.mode === 'always'
      ? // Loaded around the clock: every window of the four weeks.
        {
          windows:
            (KEEP_WARM_REFERENCE_DAYS * 24 * 60) / BILLING_WINDOW_MINUTES,
        }
      : keepWarmWindows(rules, { from: input.from, to }, input.timing);
  const windowsPerMonth =
    (windows * DAYS_PER_BILLING_MONTH) / KEEP_WARM_REFERENCE_DAYS;
  const cmus = input.cmusPerCopy;
  if (!(cmus !== undefined && cmus > 0)) return { windowsPerMonth };
  const cmuMinutesPerMonth = windowsPerMonth * BILLING_WINDOW_MINUTES * cmus;
  const price = input.pricePerCmuMinute;
  return {
    windowsPerMonth,
    cmuMinutesPerMonth,
    monthlyCost:
      price !== undefined && price >= 0
        ? cmuMinutesPerMonth * price
        : undefined,
  };
}

/**
 * How many of the measured cold starts fell in the hours a policy keeps warm: those it would have
 * spared its callers (for a policy in force since, those it did not).
 *
 * @public
 */
export function coldStartsInsidePolicy(
  rules: KeepWarmRules,
  coldStarts: Array<{ at: string | Date }>,
): number {
  return coldStarts.filter(c => isInsideWindows(rules, new Date(c.at))).length;
}
