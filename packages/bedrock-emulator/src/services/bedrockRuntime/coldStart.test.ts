import { decideColdStart } from './coldStart';

const idleMs = 60_000;
const restoreMs = 5_000;

describe('decideColdStart', () => {
  it('starts a restore on the first call after import', () => {
    expect(decideColdStart({ now: 1000, idleMs, restoreMs })).toEqual({
      ready: false,
      restoreStartedAt: 1000,
      readyAt: 6000,
    });
  });

  it('keeps answering not ready until the restore has taken its time, then serves', () => {
    expect(
      decideColdStart({ now: 3000, restoreStartedAt: 1000, idleMs, restoreMs }),
    ).toEqual({ ready: false, restoreStartedAt: 1000, readyAt: 6000 });
    expect(
      decideColdStart({ now: 6000, restoreStartedAt: 1000, idleMs, restoreMs }),
    ).toEqual({ ready: true });
  });

  it('serves a warm model and evicts one idle longer than the idle time', () => {
    expect(
      decideColdStart({
        now: 50_000,
        lastInvokedAt: 10_000,
        restoreStartedAt: 1000,
        idleMs,
        restoreMs,
      }),
    ).toEqual({ ready: true });
    expect(
      decideColdStart({
        now: 80_000,
        lastInvokedAt: 10_000,
        restoreStartedAt: 1000,
        idleMs,
        restoreMs,
      }),
    ).toEqual({ ready: false, restoreStartedAt: 80_000, readyAt: 85_000 });
  });

  it('never goes cold when restores take no time', () => {
    expect(decideColdStart({ now: 1000, idleMs, restoreMs: 0 })).toEqual({
      ready: true,
    });
  });
});
