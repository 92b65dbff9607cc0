/**
 * The emulator's notion of now: real time plus an offset that tests and the admin path can advance,
 * so job lifecycles, cold starts and metric windows can be exercised without waiting.
 */
export class EmulatorClock {
  private offsetMs = 0;

  /** Milliseconds since the epoch, as the emulator sees them. */
  now(): number {
    return Date.now() + this.offsetMs;
  }

  /** Moves emulator time forward (never backward: AWS timestamps only grow). */
  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) {
      throw new RangeError(
        'The clock only moves forward: give a non-negative number of milliseconds.',
      );
    }
    this.offsetMs += ms;
  }

  get offset(): number {
    return this.offsetMs;
  }
}

/** RFC 3339 in UTC with whole seconds, as the JS SDK's deserializers expect (`2026-01-02T03:04:05Z`). */
export function rfc3339(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000)
    .toISOString()
    .replace('.000Z', 'Z');
}
