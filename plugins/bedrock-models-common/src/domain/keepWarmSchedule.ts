/**
 * When a keep-warm policy sends heartbeats: imported models scale to zero after an idle spell (AWS:
 * "typically an hour"), so a pointer kept warm gets a small call every `intervalMinutes` while its policy
 * is active. Pure functions over instants and IANA time zones; the worker and the page ask these.
 */

import type {
  KeepWarmMode,
  KeepWarmWindow,
  Weekday,
} from '../schema/openapi/generated';

/**
 * Days a keep-warm window can name, Monday first.
 *
 * @public
 */
export const WEEKDAYS: readonly Weekday[] = [
  'mon',
  'tue',
  'wed',
  'thu',
  'fri',
  'sat',
  'sun',
];

/**
 * What a keep-warm policy says, as the schedule reads it.
 *
 * @public
 */
export type KeepWarmRules = {
  mode: KeepWarmMode;
  intervalMinutes: number;
  /** IANA time zone of the windows, e.g. Europe/Berlin. */
  timeZone?: string;
  windows?: KeepWarmWindow[];
};

/**
 * What the schedule needs besides the policy (from configuration).
 *
 * @public
 */
export type KeepWarmTiming = {
  /** A copy idle this long is evicted; heartbeats must come more often. */
  evictionMinutes: number;
  /** Heartbeats start this long before a window opens, so the copy is loaded when it does. */
  leadMinutes: number;
};

/**
 * A stretch of time in which heartbeats are sent: a window (or merged windows) and its lead.
 *
 * @public
 */
export type Stretch = {
  start: Date;
  /** Undefined: the policy never stops (always, or windows covering the whole week). */
  end?: Date;
};

/**
 * The most windows a policy holds.
 *
 * @public
 */
export const MAX_KEEP_WARM_WINDOWS = 14;

/**
 * Business hours: Monday to Friday, 9:00 to 17:00.
 *
 * @public
 */
export const BUSINESS_HOURS: KeepWarmWindow = {
  days: ['mon', 'tue', 'wed', 'thu', 'fri'],
  startHour: 9,
  endHour: 17,
};

const MINUTE = 60_000;
// Time zones offset UTC by whole quarter hours, so local hour boundaries fall on UTC quarter hours.
const STEP = 15 * MINUTE;
const WEEK = 7 * 24 * 60 * MINUTE;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/**
 * Whether `timeZone` is an IANA time zone this runtime knows.
 *
 * @public
 */
export function isTimeZone(timeZone: string): boolean {
  if (timeZone.length === 0 || timeZone.length > 64) return false;
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

// Local times of quarter hours repeat from one call to the next (the worker plans every minute): kept.
const localTimes = new Map<string, { weekday: Weekday; minuteOfDay: number }>();
const MAX_CACHED_LOCAL_TIMES = 100_000;

/**
 * The weekday and minute of the day of an instant in a time zone.
 *
 * @public
 */
export function localTime(
  at: Date,
  timeZone: string,
): { weekday: Weekday; minuteOfDay: number } {
  const key = `${timeZone}|${at.getTime()}`;
  const cached = localTimes.get(key);
  if (cached) return cached;
  const parts = formatterFor(timeZone).formatToParts(at);
  const part = (type: string) => parts.find(p => p.type === type)?.value ?? '';
  const local = {
    weekday: part('weekday').toLowerCase().slice(0, 3) as Weekday,
    minuteOfDay: Number(part('hour')) * 60 + Number(part('minute')),
  };
  if (localTimes.size >= MAX_CACHED_LOCAL_TIMES) localTimes.clear();
  localTimes.set(key, local);
  return local;
}

/**
 * Whether an instant falls inside one of the policy's windows (always: yes; off: no).
 *
 * @public
 */
export function isInsideWindows(rules: KeepWarmRules, at: Date): boolean {
  if (rules.mode === 'always') return true;
  if (rules.mode !== 'windows' || !rules.timeZone) return false;
  if (!isTimeZone(rules.timeZone)) return false;
  const { weekday, minuteOfDay } = localTime(at, rules.timeZone);
  return (rules.windows ?? []).some(
    w =>
      w.days.includes(weekday) &&
      minuteOfDay >= w.startHour * 60 &&
      minuteOfDay < w.endHour * 60,
  );
}

const floorToStep = (ms: number) => Math.floor(ms / STEP) * STEP;

// The worker plans every minute over the same quarter hours: the scan of a policy is kept a while.
const scans = new Map<
  string,
  Array<{ start: number; end: number }> | 'always'
>();
const MAX_CACHED_SCANS = 1_000;

/** The stretches the windows make between two quarter hours, or `always` when they never end. */
function scannedStretches(
  rules: KeepWarmRules,
  lead: number,
  scanFrom: number,
  scanTo: number,
): Array<{ start: number; end: number }> | 'always' {
  const key = JSON.stringify([
    rules.timeZone,
    rules.windows,
    lead,
    scanFrom,
    scanTo,
  ]);
  const cached = scans.get(key);
  if (cached) return cached;
  const stretches: Array<{ start: number; end: number }> = [];
  let openedAt: number | undefined;
  const close = (closedAt: number) => {
    const start = openedAt! - lead;
    const last = stretches[stretches.length - 1];
    if (last && start <= last.end) last.end = closedAt;
    else stretches.push({ start, end: closedAt });
    openedAt = undefined;
  };
  for (let t = scanFrom; t < scanTo; t += STEP) {
    const inside = isInsideWindows(rules, new Date(t));
    if (inside && openedAt === undefined) openedAt = t;
    if (!inside && openedAt !== undefined) close(t);
  }
  if (openedAt !== undefined) close(scanTo);
  const first = stretches[0];
  const scanned =
    first && first.start + lead <= scanFrom && first.end >= scanTo
      ? ('always' as const)
      : stretches.filter(s => s.start + lead > scanFrom && s.end < scanTo);
  if (scans.size >= MAX_CACHED_SCANS) scans.clear();
  scans.set(key, scanned);
  return scanned;
}

/**
 * Every stretch of heartbeats overlapping [from, to): from `leadMinutes` before a window opens until it
 * closes, windows closer than the lead merged into one. A stretch that never ends (always, or windows
 * that leave no gap longer than the lead) starts at the epoch.
 *
 * @public
 */
export function stretchesBetween(
  rules: KeepWarmRules,
  from: Date,
  to: Date,
  timing: KeepWarmTiming,
): Stretch[] {
  if (rules.mode === 'off') return [];
  if (rules.mode === 'always') return [{ start: new Date(0) }];
  const lead = timing.leadMinutes * MINUTE;
  // A stretch that ends is shorter than a week (the week repeats), so scanning a week either side finds
  // where the stretches around [from, to) begin and end.
  const scanFrom = floorToStep(from.getTime() - WEEK) - STEP;
  const scanTo = floorToStep(to.getTime() + WEEK) + STEP;
  const stretches = scannedStretches(rules, lead, scanFrom, scanTo);
  if (stretches === 'always') return [{ start: new Date(0) }];
  return stretches
    .filter(s => s.end > from.getTime() && s.start < to.getTime())
    .map(s => ({ start: new Date(s.start), end: new Date(s.end) }));
}

/**
 * The stretch of heartbeats `at` falls in, if any.
 *
 * @public
 */
export function stretchAt(
  rules: KeepWarmRules,
  at: Date,
  timing: KeepWarmTiming,
): Stretch | undefined {
  return stretchesBetween(rules, at, new Date(at.getTime() + 1), timing).find(
    s => s.start <= at && (s.end === undefined || at < s.end),
  );
}

/**
 * The next stretch that starts after `after` (within a week), or undefined when none does.
 *
 * @public
 */
export function nextStretch(
  rules: KeepWarmRules,
  after: Date,
  timing: KeepWarmTiming,
): Stretch | undefined {
  return stretchesBetween(
    rules,
    after,
    new Date(after.getTime() + WEEK),
    timing,
  ).find(s => s.start > after);
}

/**
 * What the worker should do for one pointer now, and when the next heartbeat is due.
 *
 * @public
 */
export type HeartbeatPlan = {
  /** A heartbeat is due now. */
  due: boolean;
  /** The slot of the due heartbeat, or the next one; undefined when none will come. */
  nextAt?: Date;
};

/**
 * Heartbeats fall on a grid: every `intervalMinutes` from the start of their stretch (always: from the
 * epoch), so a late one does not push the rest back. A slot is due when no heartbeat was served since
 * it began; `changedVersion` (the pointer names another version than the last heartbeat reached) makes
 * a heartbeat due at once inside a stretch, so a promoted version is warmed before callers reach it.
 *
 * @public
 */
export function planHeartbeat(
  rules: KeepWarmRules,
  state: { now: Date; lastServedAt?: Date; changedVersion?: boolean },
  timing: KeepWarmTiming,
): HeartbeatPlan {
  const interval = rules.intervalMinutes * MINUTE;
  if (!(interval > 0)) return { due: false };
  const now = state.now.getTime();
  const stretches = stretchesBetween(
    rules,
    state.now,
    new Date(now + WEEK),
    timing,
  );
  const current = stretches.find(
    s =>
      s.start.getTime() <= now &&
      (s.end === undefined || now < s.end.getTime()),
  );
  const following = (after: number) =>
    stretches.find(s => s.start.getTime() > after)?.start;
  if (!current) return { due: false, nextAt: following(now) };
  const start = current.start.getTime();
  const slot = start + Math.floor((now - start) / interval) * interval;
  const last = state.lastServedAt?.getTime();
  if (state.changedVersion || last === undefined || last < slot) {
    return { due: true, nextAt: new Date(state.changedVersion ? now : slot) };
  }
  const next = slot + interval;
  if (current.end === undefined || next < current.end.getTime()) {
    return { due: false, nextAt: new Date(next) };
  }
  return { due: false, nextAt: following(now) };
}

/**
 * Every heartbeat slot in [from, to): what the worker sends when it keeps to the grid.
 *
 * @public
 */
export function heartbeatSlots(
  rules: KeepWarmRules,
  from: Date,
  to: Date,
  timing: KeepWarmTiming,
): Date[] {
  const interval = rules.intervalMinutes * MINUTE;
  const slots: Date[] = [];
  if (!(interval > 0)) return slots;
  for (const stretch of stretchesBetween(rules, from, to, timing)) {
    const start = stretch.start.getTime();
    const end = Math.min(stretch.end?.getTime() ?? Infinity, to.getTime());
    const first =
      start +
      Math.max(0, Math.ceil((from.getTime() - start) / interval)) * interval;
    for (let slot = first; slot < end; slot += interval) {
      slots.push(new Date(slot));
    }
  }
  return slots;
}

/**
 * The problems of a policy, each saying what to fix; empty when it is fine.
 *
 * @public
 */
export function checkKeepWarmRules(
  rules: KeepWarmRules,
  timing: Pick<KeepWarmTiming, 'evictionMinutes'>,
): string[] {
  const problems: string[] = [];
  const { intervalMinutes } = rules;
  const { evictionMinutes } = timing;
  if (!['off', 'always', 'windows'].includes(rules.mode)) {
    problems.push('mode: use off, always or windows.');
  }
  if (!Number.isInteger(intervalMinutes) || intervalMinutes < 1) {
    problems.push('intervalMinutes: use a whole number of minutes from 1.');
  } else if (intervalMinutes >= evictionMinutes) {
    problems.push(
      `intervalMinutes: ${intervalMinutes} is not shorter than the eviction time (${evictionMinutes} minutes): a copy idle that long is evicted between two heartbeats. Use at most ${
        evictionMinutes - 1
      }.`,
    );
  }
  if (rules.timeZone !== undefined && !isTimeZone(rules.timeZone)) {
    problems.push(
      `timeZone: "${rules.timeZone}" is not an IANA time zone; use one such as Europe/Berlin or America/New_York.`,
    );
  }
  if (rules.mode !== 'windows') return problems;
  if (rules.timeZone === undefined) {
    problems.push(
      'timeZone: windows need the time zone their hours are in, e.g. Europe/Berlin.',
    );
  }
  const windows = rules.windows ?? [];
  if (windows.length === 0) {
    problems.push(
      'windows: give at least one window (days, startHour, endHour), or use mode off or always.',
    );
  }
  if (windows.length > MAX_KEEP_WARM_WINDOWS) {
    problems.push(`windows: use at most ${MAX_KEEP_WARM_WINDOWS} windows.`);
  }
  windows.forEach((w, i) => {
    const at = `windows[${i}]`;
    if (w.days.length === 0) {
      problems.push(`${at}.days: name at least one day (mon ... sun).`);
    }
    const unknown = w.days.filter(d => !WEEKDAYS.includes(d));
    if (unknown.length > 0) {
      problems.push(
        `${at}.days: ${unknown.join(', ')} is not a day; use ${WEEKDAYS.join(
          ', ',
        )}.`,
      );
    }
    if (new Set(w.days).size !== w.days.length) {
      problems.push(`${at}.days: name each day once.`);
    }
    const startOk =
      Number.isInteger(w.startHour) && w.startHour >= 0 && w.startHour <= 23;
    const endOk =
      Number.isInteger(w.endHour) && w.endHour >= 1 && w.endHour <= 24;
    if (!startOk) problems.push(`${at}.startHour: use a whole hour, 0-23.`);
    if (!endOk) problems.push(`${at}.endHour: use a whole hour, 1-24.`);
    if (startOk && endOk && w.endHour <= w.startHour) {
      problems.push(
        `${at}: endHour (${w.endHour}) must be after startHour (${w.startHour}); a window cannot cross midnight, so split it in two (e.g. 22-24 and 0-6).`,
      );
    }
  });
  return problems;
}
