import {
  BUSINESS_HOURS,
  ColdStartAttentionItem,
  ColdStartStats,
  HeartbeatRecord,
  KeepWarmEstimate,
  KeepWarmPolicy,
  KeepWarmWindow,
  Weekday,
  WEEKDAYS,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { formatDateTime } from '../format/formatDateTime';
import { formatMoney, formatUnitPrice } from '../format/formatMoney';

/** How the page reads keep-warm policies, heartbeats and cold starts, in words. */

/** A weekday as the page names it. */
export const DAY_NAMES: Record<Weekday, string> = {
  mon: 'Mon',
  tue: 'Tue',
  wed: 'Wed',
  thu: 'Thu',
  fri: 'Fri',
  sat: 'Sat',
  sun: 'Sun',
};

const hour = (h: number) => `${String(h).padStart(2, '0')}:00`;
const seconds = (ms: number) => `${Math.max(1, Math.round(ms / 1000))} s`;

/** The days of a window, runs of consecutive days as ranges: `Mon–Fri`, `Mon, Wed, Sat–Sun`. */
export function describeDays(days: KeepWarmWindow['days']): string {
  const indexes = [...new Set(days)]
    .map(d => WEEKDAYS.indexOf(d))
    .filter(i => i >= 0)
    .sort((a, b) => a - b);
  const runs: Array<[number, number]> = [];
  for (const i of indexes) {
    const last = runs[runs.length - 1];
    if (last && last[1] === i - 1) last[1] = i;
    else runs.push([i, i]);
  }
  const name = (i: number) => DAY_NAMES[WEEKDAYS[i]];
  if (indexes.length === 7) return 'every day';
  return runs
    .map(([a, b]) =>
      a === b ? name(a) : `${name(a)}${b === a + 1 ? ', ' : '–'}${name(b)}`,
    )
    .join(', ');
}

/** One window: `Mon–Fri 09:00–17:00`. */
export function describeWindow(window: KeepWarmWindow): string {
  return `${describeDays(window.days)} ${hour(window.startHour)}–${hour(
    window.endHour,
  )}`;
}

/** Whether a window is business hours (Monday to Friday, 9 to 17). */
export function isBusinessHours(window: KeepWarmWindow): boolean {
  return (
    window.startHour === BUSINESS_HOURS.startHour &&
    window.endHour === BUSINESS_HOURS.endHour &&
    describeDays(window.days) === describeDays(BUSINESS_HOURS.days)
  );
}

/** What a policy keeps warm, and how often it beats. */
export function describePolicy(
  policy: Pick<
    KeepWarmPolicy,
    'mode' | 'intervalMinutes' | 'timeZone' | 'windows'
  >,
): string {
  const every = `a heartbeat every ${policy.intervalMinutes} minutes`;
  if (policy.mode === 'off') {
    return 'Off: the first call after an idle hour waits while a copy loads.';
  }
  if (policy.mode === 'always') return `Always warm, ${every}.`;
  const windows = policy.windows.map(describeWindow).join('; ');
  const label =
    policy.windows.length === 1 && isBusinessHours(policy.windows[0])
      ? 'Business hours'
      : 'Warm';
  return `${label}: ${windows} (${policy.timeZone}), ${every}.`;
}

/** What a policy costs a month, and where the figure comes from. */
export function describeEstimate(estimate: KeepWarmEstimate): string {
  if (estimate.windowsPerMonth === 0) return 'Costs nothing to keep warm.';
  const windows = Math.round(estimate.windowsPerMonth).toLocaleString('en-US');
  if (estimate.monthlyCost === undefined) {
    return `A copy kept loaded ${windows} five-minute windows a month (not priced).`;
  }
  return `About ${formatMoney(
    estimate.monthlyCost,
    estimate.currency,
  )} a month: ${windows} five-minute windows × ${
    estimate.cmusPerCopy
  } CMUs × 5 minutes × ${formatUnitPrice(
    estimate.pricePerCmuMinute ?? 0,
    estimate.currency,
  )} per CMU-minute.`;
}

/** The last heartbeat, in words. */
export function describeHeartbeat(beat: HeartbeatRecord): string {
  const at = formatDateTime(beat.at);
  switch (beat.outcome) {
    case 'served':
      return `Last heartbeat ${at} to version ${beat.version}: served in ${
        beat.latencyMs < 1000
          ? `${Math.round(beat.latencyMs)} ms`
          : `${seconds(beat.latencyMs)}`
      }${beat.coldCopy ? ', after a cold start' : ''}.`;
    case 'not-ready':
      return `Last heartbeat ${at} to version ${beat.version} met a copy still loading (ModelNotReadyException); the next pass tries again.`;
    case 'throttled':
      return `Last heartbeat ${at} to version ${beat.version} was throttled; the next one waits a little longer.`;
    default:
      return `Last heartbeat ${at} to version ${beat.version} failed: ${
        beat.error ?? 'unknown error'
      }.`;
  }
}

/** The cold starts of a pointer: how many, the p95, the last one, and how many the policy's hours hold. */
export function describeColdStarts(
  stats: ColdStartStats,
  mode: KeepWarmPolicy['mode'],
): string {
  if (stats.count === 0) {
    return `No cold start measured in the last ${stats.days} days.`;
  }
  const last = stats.last!;
  const parts = [
    `${stats.count} cold ${
      stats.count === 1 ? 'start' : 'starts'
    } in the last ${stats.days} days`,
    stats.p95WaitedMs !== undefined
      ? `p95 ${seconds(stats.p95WaitedMs)}`
      : undefined,
    `last ${formatDateTime(last.at)} (${last.source}, ${
      last.served ? 'waited' : 'gave up after'
    } ${seconds(last.waitedMs)})`,
  ].filter(Boolean);
  if (mode === 'off') return `${parts.join(' · ')}.`;
  return `${parts.join(' · ')}. ${
    stats.insidePolicy === 0
      ? 'None fell in the hours this policy keeps warm.'
      : `${stats.insidePolicy} fell in the hours this policy keeps warm.`
  }`;
}

const MODE_WORDS: Record<KeepWarmPolicy['mode'], string> = {
  off: 'not kept warm',
  always: 'kept warm always',
  windows: 'kept warm in set hours',
};

/**
 * A model's cold starts in one Region, for the governance page: how many in the period, the p95 wait, the
 * last one, and which pointers named the cold version with their keep-warm mode now.
 */
export function describeColdStartItem(
  item: ColdStartAttentionItem,
  days: number,
): { summary: string; pointers: string } {
  const summary = [
    `${item.count} cold ${
      item.count === 1 ? 'start' : 'starts'
    } in the last ${days} days`,
    item.p95WaitedMs !== undefined
      ? `p95 wait ${seconds(item.p95WaitedMs)}`
      : undefined,
    `last ${formatDateTime(item.lastAt)}`,
  ]
    .filter(Boolean)
    .join(' · ');
  const pointers =
    item.pointers.length === 0
      ? 'No pointer named the version while it was cold (a warm-up or an evaluation met it).'
      : `Callers of ${item.pointers
          .map(p => `${p.alias} (${MODE_WORDS[p.keepWarm]})`)
          .join(', ')}.`;
  return { summary, pointers };
}
