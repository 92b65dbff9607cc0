import {
  compareCostShapes,
  monthlyProjection,
  roundMoney,
  storageCost,
  windowCmuMinutes,
} from './costArithmetic';

describe('cost arithmetic', () => {
  it('bills running copies in 5-minute windows', () => {
    expect(windowCmuMinutes(2, 2)).toBe(20);
    expect(windowCmuMinutes(0, 2)).toBe(0);
    expect(windowCmuMinutes(1, 0)).toBe(0);
    expect(windowCmuMinutes(-1, 2)).toBe(0);
  });

  it('charges storage per CMU-month, pro rata', () => {
    expect(storageCost(2, 1.95, 30)).toBeCloseTo(3.9, 10);
    expect(storageCost(2, 1.95, 15)).toBeCloseTo(1.95, 10);
  });

  it('projects a period to a 30-day month', () => {
    expect(monthlyProjection(10, 10)).toBe(30);
    expect(monthlyProjection(10, 0)).toBe(0);
    expect(roundMoney(1.005)).toBe(1);
    expect(roundMoney(2.346)).toBe(2.35);
  });

  it('compares on-demand copies with an always-on rate', () => {
    // 8 busy hours a day, one copy of 2 CMUs at 0.05718 per CMU-minute, 22 days.
    const office = compareCostShapes({
      activeHoursPerDay: 8,
      copiesWhenActive: 1,
      activeDaysPerMonth: 22,
      cmusPerCopy: 2,
      pricePerCmuMinute: 0.05718,
      pricePerCmuMonthStorage: 1.95,
      alwaysOnHourly: 21.18,
    });
    const perHour = 2 * 0.05718 * 60;
    expect(office.onDemandMonthly).toBeCloseTo(perHour * 8 * 22 + 3.9, 6);
    expect(office.alwaysOnMonthly).toBeCloseTo(21.18 * 24 * 30, 6);
    expect(office.cheaper).toBe('on-demand');
    // Break-even is beyond 24 hours a day here: on-demand always wins.
    expect(office.breakEvenHoursPerDay).toBeUndefined();

    const busy = compareCostShapes({
      activeHoursPerDay: 24,
      copiesWhenActive: 4,
      activeDaysPerMonth: 30,
      cmusPerCopy: 8,
      pricePerCmuMinute: 0.05718,
      pricePerCmuMonthStorage: 1.95,
      alwaysOnHourly: 21.18,
    });
    expect(busy.cheaper).toBe('always-on');
    const perDayHour = 4 * 8 * 0.05718 * 60 * 30;
    expect(busy.breakEvenHoursPerDay).toBeCloseTo(
      (21.18 * 24 * 30 - 8 * 1.95) / perDayHour,
      6,
    );
  });

  it('clamps a traffic pattern to what a month holds', () => {
    const clamped = compareCostShapes({
      activeHoursPerDay: 30,
      copiesWhenActive: 1,
      activeDaysPerMonth: 40,
      cmusPerCopy: 1,
      pricePerCmuMinute: 1,
      pricePerCmuMonthStorage: 0,
      alwaysOnHourly: 60,
    });
    expect(clamped.onDemandMonthly).toBe(60 * 24 * 30);
    expect(clamped.cheaper).toBe('equal');
  });
});
