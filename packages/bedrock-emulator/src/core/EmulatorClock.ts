/** A pending wait on the clock: until an emulator time, or for a real duration. */
type Waiter = {
  /** Emulator time to wake at; undefined for a real-time sleep, which advancing does not shorten. */
  until?: number;
  timer?: NodeJS.Timeout;
  resolve(reached: boolean): void;
};

/**
 * The emulator's notion of now: real time plus an offset that tests and the admin path can advance,
 * so job lifecycles, cold starts and metric windows can be exercised without waiting.
 *
 * Requests that wait (a call held while its model restores, simulated latency) wait here, so that
 * advancing the clock wakes them, and closing the emulator releases them instead of leaving timers.
 */
export class EmulatorClock {
  private offsetMs = 0;
  private readonly waiters = new Set<Waiter>();
  private closed = false;

  /** Milliseconds since the epoch, as the emulator sees them. */
  now(): number {
    return Date.now() + this.offsetMs;
  }

  /** Moves emulator time forward (never backward: AWS timestamps only grow), waking due waits. */
  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) {
      throw new RangeError(
        'The clock only moves forward: give a non-negative number of milliseconds.',
      );
    }
    this.offsetMs += ms;
    for (const waiter of this.waiters) {
      if (waiter.until !== undefined) this.schedule(waiter);
    }
  }

  get offset(): number {
    return this.offsetMs;
  }

  /** How many waits are pending (tests wait for held calls to arrive before moving the clock). */
  get waiting(): number {
    return this.waiters.size;
  }

  /**
   * Waits until emulator time reaches `emulatorMs`. Resolves true then, or false when the emulator
   * closes first.
   */
  sleepUntil(emulatorMs: number): Promise<boolean> {
    return this.wait({ until: emulatorMs });
  }

  /** Waits `realMs` of real time (advancing the clock does not shorten it); false when closed first. */
  sleepFor(realMs: number): Promise<boolean> {
    return this.wait({ delayMs: realMs });
  }

  /** Releases every wait (each resolves false) and refuses new ones: the emulator is closing. */
  close(): void {
    this.closed = true;
    for (const waiter of [...this.waiters]) this.finish(waiter, false);
  }

  private wait(
    target: { until: number } | { delayMs: number },
  ): Promise<boolean> {
    if (this.closed) return Promise.resolve(false);
    return new Promise(resolve => {
      const waiter: Waiter = {
        until: 'until' in target ? target.until : undefined,
        resolve,
      };
      this.waiters.add(waiter);
      if ('delayMs' in target) {
        waiter.timer = setTimeout(
          () => this.finish(waiter, true),
          Math.max(0, target.delayMs),
        );
      } else {
        this.schedule(waiter);
      }
    });
  }

  private schedule(waiter: Waiter): void {
    clearTimeout(waiter.timer);
    const remaining = waiter.until! - this.now();
    if (remaining <= 0) {
      this.finish(waiter, true);
      return;
    }
    // Re-checked on firing: real time and emulator time may drift apart by a millisecond.
    waiter.timer = setTimeout(() => this.schedule(waiter), remaining);
  }

  private finish(waiter: Waiter, reached: boolean): void {
    if (!this.waiters.delete(waiter)) return;
    clearTimeout(waiter.timer);
    waiter.resolve(reached);
  }
}

/** RFC 3339 in UTC with whole seconds, as the JS SDK's deserializers expect (`2026-01-02T03:04:05Z`). */
export function rfc3339(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000)
    .toISOString()
    .replace('.000Z', 'Z');
}
