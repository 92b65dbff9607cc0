import { estimateImportDuration, formatEstimate } from './importDuration';

const GB = 1e9;
const MINUTE = 60_000;

describe('estimateImportDuration', () => {
  it('grows with the weights: a fixed part plus a part per GB, in whole minutes', () => {
    // 5 min + 16 GB x 25 s = 11.67 min, rounded up.
    expect(estimateImportDuration(16 * GB)).toEqual({
      expectedMs: 12 * MINUTE,
      slowAfterMs: 24 * MINUTE,
    });
    // A 70B fine-tune in bf16: 5 min + 140 GB x 25 s = 63.3 min.
    expect(estimateImportDuration(140 * GB)?.expectedMs).toBe(64 * MINUTE);
    // Nothing to copy still takes the fixed part.
    expect(estimateImportDuration(0)?.expectedMs).toBe(5 * MINUTE);
  });

  it('is monotonic in the size', () => {
    let last = 0;
    for (const gb of [0, 1, 2, 5, 16, 30, 70, 140, 199]) {
      const expected = estimateImportDuration(gb * GB)!.expectedMs;
      expect(expected).toBeGreaterThanOrEqual(last);
      last = expected;
    }
  });

  it('gives no estimate without a size', () => {
    expect(estimateImportDuration(undefined)).toBeUndefined();
    expect(estimateImportDuration(Number.NaN)).toBeUndefined();
    expect(estimateImportDuration(-5)?.expectedMs).toBe(5 * MINUTE);
  });
});

describe('formatEstimate', () => {
  it('reads as an estimate, in minutes then hours', () => {
    expect(formatEstimate(12 * MINUTE)).toBe('about 12 min');
    expect(formatEstimate(10_000)).toBe('about 1 min');
    expect(formatEstimate(60 * MINUTE)).toBe('about 1 h');
    expect(formatEstimate(64 * MINUTE)).toBe('about 1 h 4 min');
  });
});
