import {
  BILLING_WINDOW_MS,
  copyFor,
  markServed,
  ModelRuntime,
  needsAnotherCopy,
  settleCopies,
  startLoading,
} from './modelCopies';

const MINUTE = 60_000;
const IDLE = 60 * MINUTE;

/** Settles and returns the billing windows reported. */
function settle(runtime: ModelRuntime, now: number): number[] {
  const windows: number[] = [];
  settleCopies(runtime, now, IDLE, w => windows.push(w));
  return windows;
}

describe('model copies', () => {
  it('loads a restored copy, bills it from the first call in 5-minute windows, idle ones too, until eviction', () => {
    const runtime: ModelRuntime = { copies: [] };
    startLoading(runtime, 0, 2 * MINUTE);
    expect(settle(runtime, MINUTE)).toEqual([]);
    expect(runtime.copies).toEqual([]);

    expect(settle(runtime, 2 * MINUTE)).toEqual([]);
    const [copy] = runtime.copies;
    expect(copy).toMatchObject({ loadedAt: 2 * MINUTE, billedFrom: undefined });

    // The first call starts billing; nothing more is ever called.
    const firstCall = 3 * MINUTE;
    markServed(copy, firstCall);
    expect(settle(runtime, firstCall)).toEqual([firstCall]);
    expect(settle(runtime, firstCall + 12 * MINUTE)).toEqual([
      firstCall + BILLING_WINDOW_MS,
      firstCall + 2 * BILLING_WINDOW_MS,
    ]);
    // Evicted an hour after its last use: windows starting before then are billed, once each.
    const windows = settle(runtime, firstCall + 5 * IDLE);
    expect(windows).toHaveLength(12 - 3);
    expect(windows[windows.length - 1]).toBe(
      firstCall + IDLE - BILLING_WINDOW_MS,
    );
    expect(runtime.copies).toEqual([]);
  });

  it('keeps a used copy loaded: each call restarts its idle time', () => {
    const runtime: ModelRuntime = { copies: [] };
    startLoading(runtime, 0, 0);
    settle(runtime, 0);
    markServed(runtime.copies[0], 0);
    markServed(runtime.copies[0], 50 * MINUTE);
    settle(runtime, 100 * MINUTE);
    expect(runtime.copies).toHaveLength(1);
    settle(runtime, 110 * MINUTE);
    expect(runtime.copies).toHaveLength(0);
  });

  it('adds a copy when more calls are in flight than the copies serve, billed from its load', () => {
    const runtime: ModelRuntime = { copies: [] };
    startLoading(runtime, 0, 0);
    settle(runtime, 0);
    markServed(runtime.copies[0], 0);
    expect(needsAnotherCopy(runtime, 2, 2)).toBe(false);
    expect(needsAnotherCopy(runtime, 3, 2)).toBe(true);
    startLoading(runtime, MINUTE, MINUTE);
    // One copy on its way at a time.
    expect(needsAnotherCopy(runtime, 9, 2)).toBe(false);
    settle(runtime, 2 * MINUTE);
    expect(runtime.copies).toHaveLength(2);
    expect(runtime.copies[1]).toMatchObject({
      loadedAt: 2 * MINUTE,
      billedFrom: 2 * MINUTE,
    });
    expect(runtime.copies[1].id).not.toBe(runtime.copies[0].id);
  });

  it('fills copies in order, so light traffic leaves the added copies idle', () => {
    const runtime: ModelRuntime = {
      copies: [
        { id: 0, loadedAt: 0, lastUsedAt: 0 },
        { id: 1, loadedAt: 0, lastUsedAt: 0 },
      ],
    };
    expect(copyFor(runtime, 0, 2).id).toBe(0);
    expect(copyFor(runtime, 1, 2).id).toBe(0);
    expect(copyFor(runtime, 2, 2).id).toBe(1);
    expect(copyFor(runtime, 9, 2).id).toBe(1);
  });
});
