import { compareCostShapes } from './costArithmetic';
import {
  coldStartsInsidePolicy,
  keepWarmEstimate,
  keepWarmWindows,
  loadedSpells,
} from './keepWarmCost';
import { BUSINESS_HOURS, KeepWarmRules } from './keepWarmSchedule';

const TIMING = { evictionMinutes: 60, leadMinutes: 10 };
const PRICE = 0.05718;
const MINUTE = 60_000;
const at = (iso: string) => new Date(iso);
const berlinOffice: KeepWarmRules = {
  mode: 'windows',
  intervalMinutes: 14,
  timeZone: 'Europe/Berlin',
  windows: [BUSINESS_HOURS],
};

describe('keep-warm cost', () => {
  it('bills a copy from its first served call until an eviction time after the last, in 5-minute windows', () => {
    const t0 = at('2026-11-30T07:50:00Z').getTime();
    const beats = Array.from(
      { length: 35 },
      (_, k) => new Date(t0 + k * 14 * MINUTE),
    );
    // 476 minutes of heartbeats and a 60-minute tail: 536 minutes, 108 windows (107.2, billed whole).
    const spells = loadedSpells(beats, { evictionMinutes: 60 });
    expect(spells.spells).toEqual([
      {
        from: new Date(t0),
        to: new Date(t0 + 536 * MINUTE),
        windows: 108,
      },
    ]);
    // A copy restored in 70 s is billed from its first served call: 534.8 minutes, 107 windows.
    expect(
      loadedSpells(beats, { evictionMinutes: 60, restoreMinutes: 70 / 60 })
        .windows,
    ).toBe(107);
  });

  it('starts a new spell after an eviction, each billed at least one window', () => {
    const calls = [at('2026-11-30T10:00:00Z'), at('2026-11-30T11:30:00Z')];
    const spells = loadedSpells(calls, { evictionMinutes: 60 });
    expect(spells.spells.map(s => s.windows)).toEqual([12, 12]);
    expect(
      loadedSpells([at('2026-11-30T10:00:00Z')], { evictionMinutes: 0 })
        .windows,
    ).toBe(1);
    expect(loadedSpells([], { evictionMinutes: 60 }).windows).toBe(0);
  });

  it('counts two working days of business hours as two spells', () => {
    const windows = keepWarmWindows(
      berlinOffice,
      { from: at('2026-11-30T00:00:00Z'), to: at('2026-12-02T00:00:00Z') },
      TIMING,
    );
    expect(windows.spells).toHaveLength(2);
    expect(windows.windows).toBe(216);
  });

  it('prices a month of business hours: 20 working days in four weeks, scaled to 30 days', () => {
    const estimate = keepWarmEstimate(berlinOffice, {
      from: at('2026-11-30T00:00:00Z'),
      timing: TIMING,
      cmusPerCopy: 2,
      pricePerCmuMinute: PRICE,
    });
    const windows = (20 * 108 * 30) / 28;
    expect(estimate.windowsPerMonth).toBeCloseTo(windows, 9);
    expect(estimate.cmuMinutesPerMonth).toBeCloseTo(windows * 5 * 2, 9);
    expect(estimate.monthlyCost).toBeCloseTo(windows * 5 * 2 * PRICE, 9);
  });

  it('prices always as every window of the month, off as nothing, and leaves out what it cannot price', () => {
    const from = at('2026-11-30T00:00:00Z');
    const always = keepWarmEstimate(
      { mode: 'always', intervalMinutes: 14 },
      { from, timing: TIMING, cmusPerCopy: 2, pricePerCmuMinute: PRICE },
    );
    expect(always.windowsPerMonth).toBe(8640);
    expect(always.monthlyCost).toBeCloseTo(8640 * 5 * 2 * PRICE, 9);
    expect(
      keepWarmEstimate(
        { mode: 'off', intervalMinutes: 14 },
        { from, timing: TIMING, cmusPerCopy: 2, pricePerCmuMinute: PRICE },
      ),
    ).toEqual({ windowsPerMonth: 0, cmuMinutesPerMonth: 0, monthlyCost: 0 });
    expect(
      keepWarmEstimate(berlinOffice, {
        from,
        timing: TIMING,
        pricePerCmuMinute: PRICE,
      }),
    ).toEqual({ windowsPerMonth: expect.any(Number) });
    expect(
      keepWarmEstimate(berlinOffice, { from, timing: TIMING, cmusPerCopy: 8 })
        .monthlyCost,
    ).toBeUndefined();
  });

  it('counts the cold starts that fell in the hours a policy keeps warm', () => {
    expect(
      coldStartsInsidePolicy(berlinOffice, [
        { at: '2026-11-30T09:00:00Z' },
        { at: at('2026-11-30T20:00:00Z') },
        { at: '2026-12-05T09:00:00Z' },
      ]),
    ).toBe(1);
  });
});

describe('the cost-shape comparison with keep-warm', () => {
  const office = {
    activeHoursPerDay: 8,
    copiesWhenActive: 1,
    activeDaysPerMonth: 22,
    cmusPerCopy: 2,
    pricePerCmuMinute: PRICE,
    pricePerCmuMonthStorage: 1.95,
    alwaysOnHourly: 21.18,
  };
  const perCopyMinute = 2 * PRICE;

  it('adds nothing when off', () => {
    const plain = compareCostShapes(office);
    expect(plain.keepWarmMonthly).toBe(0);
    expect(
      compareCostShapes({
        ...office,
        keepWarm: { mode: 'off', evictionMinutes: 60, leadMinutes: 10 },
      }),
    ).toEqual(plain);
  });

  it('through the active hours, adds the lead and the eviction tail of each active day', () => {
    // An always-on rate of 2 an hour breaks even at about 9.5 active hours a day.
    const plain = compareCostShapes({ ...office, alwaysOnHourly: 2 });
    const warm = compareCostShapes({
      ...office,
      alwaysOnHourly: 2,
      keepWarm: { mode: 'active-hours', evictionMinutes: 60, leadMinutes: 10 },
    });
    expect(warm.keepWarmMonthly).toBeCloseTo(70 * 22 * perCopyMinute, 9);
    expect(warm.onDemandMonthly).toBeCloseTo(
      plain.onDemandMonthly + warm.keepWarmMonthly,
      9,
    );
    expect(warm.breakEvenHoursPerDay).toBeLessThan(plain.breakEvenHoursPerDay!);
  });

  it('around the clock, bills every minute of the month the traffic leaves idle, with no break-even in hours', () => {
    const warm = compareCostShapes({
      ...office,
      keepWarm: { mode: 'always', evictionMinutes: 60, leadMinutes: 10 },
    });
    expect(warm.keepWarmMonthly).toBeCloseTo(
      (30 * 24 * 60 - 8 * 60 * 22) * perCopyMinute,
      9,
    );
    expect(warm.breakEvenHoursPerDay).toBeUndefined();
  });
});
