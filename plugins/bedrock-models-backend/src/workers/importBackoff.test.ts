import { nextCheckAfterFailure } from './importBackoff';

describe('nextCheckAfterFailure', () => {
  const now = new Date('2026-11-22T10:00:00Z');
  const after = (attempts: number, poll = 30, random = 0) =>
    (nextCheckAfterFailure(now, attempts, poll, () => random).getTime() -
      now.getTime()) /
    1000;

  it('doubles the poll interval per failure, up to ten minutes', () => {
    expect([1, 2, 3, 4, 5, 6, 10].map(n => after(n))).toEqual([
      30, 60, 120, 240, 480, 600, 600,
    ]);
  });

  it('never calls sooner than the poll interval, and spreads replicas by up to 20%', () => {
    expect(after(1, 900)).toBe(900);
    expect(after(1, 30, 1)).toBeCloseTo(36, 6);
  });
});
