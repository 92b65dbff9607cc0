import {
  BUSINESS_HOURS,
  checkKeepWarmRules,
  heartbeatSlots,
  isInsideWindows,
  isTimeZone,
  KeepWarmRules,
  nextStretch,
  planHeartbeat,
  stretchAt,
  stretchesBetween,
} from './keepWarmSchedule';

const TIMING = { evictionMinutes: 60, leadMinutes: 10 };
const at = (iso: string) => new Date(iso);
const berlinOffice: KeepWarmRules = {
  mode: 'windows',
  intervalMinutes: 14,
  timeZone: 'Europe/Berlin',
  windows: [BUSINESS_HOURS],
};

describe('keep-warm policies: what is valid', () => {
  it('takes business hours in a time zone, always and off', () => {
    expect(checkKeepWarmRules(berlinOffice, TIMING)).toEqual([]);
    expect(
      checkKeepWarmRules({ mode: 'always', intervalMinutes: 14 }, TIMING),
    ).toEqual([]);
    expect(
      checkKeepWarmRules({ mode: 'off', intervalMinutes: 14 }, TIMING),
    ).toEqual([]);
  });

  it('refuses a heartbeat interval the copy would be evicted in, saying the longest that works', () => {
    expect(
      checkKeepWarmRules({ ...berlinOffice, intervalMinutes: 60 }, TIMING),
    ).toEqual([
      'intervalMinutes: 60 is not shorter than the eviction time (60 minutes): a copy idle that long is evicted between two heartbeats. Use at most 59.',
    ]);
    expect(
      checkKeepWarmRules({ ...berlinOffice, intervalMinutes: 0 }, TIMING),
    ).toEqual(['intervalMinutes: use a whole number of minutes from 1.']);
    expect(
      checkKeepWarmRules({ ...berlinOffice, intervalMinutes: 2.5 }, TIMING),
    ).toEqual(['intervalMinutes: use a whole number of minutes from 1.']);
  });

  it('says what to fix in windows: the time zone, the days, the hours, midnight', () => {
    expect(
      checkKeepWarmRules(
        { ...berlinOffice, timeZone: 'Mars/Olympus_Mons' },
        TIMING,
      ),
    ).toEqual([
      'timeZone: "Mars/Olympus_Mons" is not an IANA time zone; use one such as Europe/Berlin or America/New_York.',
    ]);
    expect(
      checkKeepWarmRules({ ...berlinOffice, timeZone: undefined }, TIMING),
    ).toEqual([
      'timeZone: windows need the time zone their hours are in, e.g. Europe/Berlin.',
    ]);
    expect(
      checkKeepWarmRules({ ...berlinOffice, windows: [] }, TIMING),
    ).toEqual([
      'windows: give at least one window (days, startHour, endHour), or use mode off or always.',
    ]);
    expect(
      checkKeepWarmRules(
        {
          ...berlinOffice,
          windows: [
            { days: ['mon', 'mon'], startHour: 22, endHour: 6 },
            { days: [], startHour: -1, endHour: 25 },
          ],
        },
        TIMING,
      ),
    ).toEqual([
      'windows[0].days: name each day once.',
      'windows[0]: endHour (6) must be after startHour (22); a window cannot cross midnight, so split it in two (e.g. 22-24 and 0-6).',
      'windows[1].days: name at least one day (mon ... sun).',
      'windows[1].startHour: use a whole hour, 0-23.',
      'windows[1].endHour: use a whole hour, 1-24.',
    ]);
  });

  it('knows IANA time zones', () => {
    expect(isTimeZone('America/New_York')).toBe(true);
    expect(isTimeZone('Asia/Kathmandu')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('Nowhere/Land')).toBe(false);
    expect(isTimeZone('')).toBe(false);
  });
});

describe('keep-warm policies: when heartbeats run', () => {
  it('reads hours in the policy time zone, winter and summer', () => {
    // Monday 30 November 2026: Berlin is UTC+1.
    expect(isInsideWindows(berlinOffice, at('2026-11-30T08:00:00Z'))).toBe(
      true,
    );
    expect(isInsideWindows(berlinOffice, at('2026-11-30T07:59:00Z'))).toBe(
      false,
    );
    expect(isInsideWindows(berlinOffice, at('2026-11-30T15:59:00Z'))).toBe(
      true,
    );
    expect(isInsideWindows(berlinOffice, at('2026-11-30T16:00:00Z'))).toBe(
      false,
    );
    // Monday 6 July 2026: UTC+2.
    expect(isInsideWindows(berlinOffice, at('2026-07-06T07:00:00Z'))).toBe(
      true,
    );
    expect(isInsideWindows(berlinOffice, at('2026-07-06T15:00:00Z'))).toBe(
      false,
    );
    // Saturday.
    expect(isInsideWindows(berlinOffice, at('2026-12-05T10:00:00Z'))).toBe(
      false,
    );
    expect(
      isInsideWindows(
        { mode: 'always', intervalMinutes: 14 },
        at('2026-12-05T10:00:00Z'),
      ),
    ).toBe(true);
    expect(
      isInsideWindows(
        { mode: 'off', intervalMinutes: 14 },
        at('2026-12-05T10:00:00Z'),
      ),
    ).toBe(false);
  });

  it('starts a stretch of heartbeats the lead before a window opens, and ends it when it closes', () => {
    expect(stretchAt(berlinOffice, at('2026-11-30T07:50:00Z'), TIMING)).toEqual(
      { start: at('2026-11-30T07:50:00Z'), end: at('2026-11-30T16:00:00Z') },
    );
    expect(
      stretchAt(berlinOffice, at('2026-11-30T07:49:59Z'), TIMING),
    ).toBeUndefined();
    expect(
      stretchAt(berlinOffice, at('2026-11-30T16:00:00Z'), TIMING),
    ).toBeUndefined();
    // Friday evening: the next stretch is Monday's.
    expect(
      nextStretch(berlinOffice, at('2026-12-04T18:00:00Z'), TIMING),
    ).toEqual({
      start: at('2026-12-07T07:50:00Z'),
      end: at('2026-12-07T16:00:00Z'),
    });
  });

  it('merges windows whose gap the lead covers, and keeps apart those it does not', () => {
    const split: KeepWarmRules = {
      ...berlinOffice,
      windows: [
        { days: ['mon'], startHour: 9, endHour: 12 },
        { days: ['mon'], startHour: 13, endHour: 17 },
      ],
    };
    const day = {
      from: at('2026-11-30T00:00:00Z'),
      to: at('2026-12-01T00:00:00Z'),
    };
    expect(
      stretchesBetween(split, day.from, day.to, { ...TIMING, leadMinutes: 60 }),
    ).toEqual([
      { start: at('2026-11-30T07:00:00Z'), end: at('2026-11-30T16:00:00Z') },
    ]);
    expect(stretchesBetween(split, day.from, day.to, TIMING)).toEqual([
      { start: at('2026-11-30T07:50:00Z'), end: at('2026-11-30T11:00:00Z') },
      { start: at('2026-11-30T11:50:00Z'), end: at('2026-11-30T16:00:00Z') },
    ]);
  });

  it('treats windows covering the whole week as always on, beating on the epoch grid', () => {
    const everyHour: KeepWarmRules = {
      ...berlinOffice,
      windows: [
        {
          days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'],
          startHour: 0,
          endHour: 24,
        },
      ],
    };
    expect(stretchAt(everyHour, at('2026-11-30T03:00:00Z'), TIMING)).toEqual({
      start: new Date(0),
    });
  });

  it('follows a daylight-saving change: the skipped hour is not there, the window is an hour shorter', () => {
    const nightly: KeepWarmRules = {
      mode: 'windows',
      intervalMinutes: 14,
      timeZone: 'America/New_York',
      windows: [{ days: ['sun'], startHour: 1, endHour: 4 }],
    };
    // 8 March 2026: 02:00 EST jumps to 03:00 EDT. 01:00 EST is 06:00Z; 04:00 EDT is 08:00Z.
    expect(
      stretchAt(nightly, at('2026-03-08T06:30:00Z'), {
        ...TIMING,
        leadMinutes: 0,
      }),
    ).toEqual({
      start: at('2026-03-08T06:00:00Z'),
      end: at('2026-03-08T08:00:00Z'),
    });
  });

  it('reads quarter-hour time zones', () => {
    const kathmandu: KeepWarmRules = {
      ...berlinOffice,
      timeZone: 'Asia/Kathmandu',
    };
    // 09:00 in Kathmandu (UTC+5:45) is 03:15Z.
    expect(
      stretchAt(kathmandu, at('2026-11-30T04:00:00Z'), {
        ...TIMING,
        leadMinutes: 0,
      }),
    ).toEqual({
      start: at('2026-11-30T03:15:00Z'),
      end: at('2026-11-30T11:15:00Z'),
    });
  });
});

describe('keep-warm policies: which heartbeat is due', () => {
  it('beats on a grid from the stretch start, however late the last one was sent', () => {
    const first = planHeartbeat(
      berlinOffice,
      { now: at('2026-11-30T07:50:20Z') },
      TIMING,
    );
    expect(first).toEqual({ due: true, nextAt: at('2026-11-30T07:50:00Z') });
    // Served 40 s late: the next slot is still 14 minutes after the first slot.
    expect(
      planHeartbeat(
        berlinOffice,
        {
          now: at('2026-11-30T07:55:00Z'),
          lastServedAt: at('2026-11-30T07:50:40Z'),
        },
        TIMING,
      ),
    ).toEqual({ due: false, nextAt: at('2026-11-30T08:04:00Z') });
    expect(
      planHeartbeat(
        berlinOffice,
        {
          now: at('2026-11-30T08:04:30Z'),
          lastServedAt: at('2026-11-30T07:50:40Z'),
        },
        TIMING,
      ).due,
    ).toBe(true);
  });

  it('after the last slot of the day, the next heartbeat is the next working day’s first', () => {
    expect(
      planHeartbeat(
        berlinOffice,
        {
          now: at('2026-11-30T15:50:00Z'),
          lastServedAt: at('2026-11-30T15:46:01Z'),
        },
        TIMING,
      ),
    ).toEqual({ due: false, nextAt: at('2026-12-01T07:50:00Z') });
    expect(
      planHeartbeat(berlinOffice, { now: at('2026-12-05T12:00:00Z') }, TIMING),
    ).toEqual({ due: false, nextAt: at('2026-12-07T07:50:00Z') });
  });

  it('warms a version the pointer moved to at once, inside a stretch only', () => {
    const now = at('2026-11-30T10:01:00Z');
    expect(
      planHeartbeat(
        berlinOffice,
        { now, lastServedAt: at('2026-11-30T10:00:00Z'), changedVersion: true },
        TIMING,
      ),
    ).toEqual({ due: true, nextAt: now });
    expect(
      planHeartbeat(
        berlinOffice,
        { now: at('2026-11-30T20:00:00Z'), changedVersion: true },
        TIMING,
      ).due,
    ).toBe(false);
  });

  it('never beats when off, beats always on the epoch grid when always', () => {
    expect(
      planHeartbeat(
        { mode: 'off', intervalMinutes: 14 },
        { now: at('2026-11-30T10:00:00Z') },
        TIMING,
      ),
    ).toEqual({ due: false, nextAt: undefined });
    const always: KeepWarmRules = { mode: 'always', intervalMinutes: 14 };
    const now = at('2026-11-30T10:00:00Z');
    const plan = planHeartbeat(
      always,
      { now, lastServedAt: new Date(now.getTime() - 60_000) },
      TIMING,
    );
    expect(plan.due).toBe(false);
    expect(plan.nextAt!.getTime() % (14 * 60_000)).toBe(0);
    expect(plan.nextAt!.getTime() - now.getTime()).toBeLessThanOrEqual(
      14 * 60_000,
    );
  });

  it('lists a working day’s slots: every 14 minutes from 08:50 to the last before 17:00', () => {
    const slots = heartbeatSlots(
      berlinOffice,
      at('2026-11-30T00:00:00Z'),
      at('2026-12-01T00:00:00Z'),
      TIMING,
    );
    expect(slots).toHaveLength(35);
    expect(slots[0]).toEqual(at('2026-11-30T07:50:00Z'));
    expect(slots[34]).toEqual(at('2026-11-30T15:46:00Z'));
    expect(
      heartbeatSlots(
        berlinOffice,
        at('2026-12-05T00:00:00Z'),
        at('2026-12-07T00:00:00Z'),
        TIMING,
      ),
    ).toEqual([]);
  });
});
