import { WaitClock } from '../actions/importProgress';

/** A clock whose sleeps return at once and move its time forward: waits run instantly and in order. */
export function virtualClock(startMs = Date.parse('2026-11-22T09:00:00Z')) {
  let now = startMs;
  const clock: WaitClock & { elapsed(): number } = {
    now: () => now,
    async sleep(ms: number) {
      now += ms;
    },
    elapsed: () => now - startMs,
  };
  return clock;
}
