import { costShare, quotaNearlyFull } from './attentionRules';

describe('attention rules', () => {
  it('calls a quota nearly full from 80% of a known limit', () => {
    expect(quotaNearlyFull(7, 10)).toBe(false);
    expect(quotaNearlyFull(8, 10)).toBe(true);
    expect(quotaNearlyFull(12, 10)).toBe(true);
    expect(quotaNearlyFull(0, 0)).toBe(true);
    expect(quotaNearlyFull(100, undefined)).toBe(false);
  });

  it('shares a cost of a total, and nothing of no total', () => {
    expect(costShare(77, 100)).toBeCloseTo(0.77);
    expect(costShare(5, 0)).toBe(0);
  });
});
