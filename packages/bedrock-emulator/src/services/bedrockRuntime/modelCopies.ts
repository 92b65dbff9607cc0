/** AWS bills a model copy in whole 5-minute windows. */
export const BILLING_WINDOW_MS = 5 * 60_000;

/** One loaded copy of an imported model. Times are emulator milliseconds. */
export type ModelCopy = {
  /** Stable among the model's copies, so a call can find its copy again when it ends. */
  id: number;
  loadedAt: number;
  /** Its last call's start or end; the copy is evicted once idle longer than the idle time. */
  lastUsedAt: number;
  /**
   * Start of its first billing window: the model's first successful call for its first copy; its
   * load for a copy added under load. Undefined while the first copy has served nothing.
   */
  billedFrom?: number;
  /** Start of the next billing window not yet reported to CloudWatch. */
  nextWindowAt?: number;
};

/** What runs of one imported model: its loaded copies and the copy being restored, if any. */
export type ModelRuntime = {
  copies: ModelCopy[];
  /** A copy being restored: the first after a cold start, or one more under load. */
  loading?: { startedAt: number; readyAt: number };
  /** The id the next copy gets. */
  nextCopyId?: number;
};

/**
 * Brings a model's copies up to `now`: a restore that is done becomes a loaded copy, each copy's
 * billing windows that have started are reported to `onBillingWindow` (once each, in order), and
 * copies idle for `idleMs` are evicted after their windows up to eviction are reported.
 */
export function settleCopies(
  runtime: ModelRuntime,
  now: number,
  idleMs: number,
  onBillingWindow: (windowStartMs: number) => void,
): void {
  if (runtime.loading && runtime.loading.readyAt <= now) {
    const { readyAt } = runtime.loading;
    const first = runtime.copies.length === 0;
    const id = runtime.nextCopyId ?? 0;
    runtime.nextCopyId = id + 1;
    runtime.copies.push({
      id,
      loadedAt: readyAt,
      lastUsedAt: readyAt,
      billedFrom: first ? undefined : readyAt,
      nextWindowAt: first ? undefined : readyAt,
    });
    runtime.loading = undefined;
  }
  runtime.copies = runtime.copies.filter(copy => {
    const evictAt = copy.lastUsedAt + idleMs;
    while (
      copy.nextWindowAt !== undefined &&
      copy.nextWindowAt <= now &&
      copy.nextWindowAt < evictAt
    ) {
      onBillingWindow(copy.nextWindowAt);
      copy.nextWindowAt += BILLING_WINDOW_MS;
    }
    return now < evictAt;
  });
}

/** Starts restoring a copy, done `restoreMs` from now. */
export function startLoading(
  runtime: ModelRuntime,
  now: number,
  restoreMs: number,
): void {
  runtime.loading = { startedAt: now, readyAt: now + Math.max(0, restoreMs) };
}

/**
 * The copy a call goes to: copies fill up in order, `requestsPerCopy` calls each, so that with
 * light traffic the added copies serve nothing and idle out. Calls beyond what the copies can
 * serve share the last one.
 */
export function copyFor(
  runtime: ModelRuntime,
  callsAlreadyInFlight: number,
  requestsPerCopy: number,
): ModelCopy {
  const index = Math.min(
    Math.floor(callsAlreadyInFlight / requestsPerCopy),
    runtime.copies.length - 1,
  );
  return runtime.copies[index];
}

/** Records that a copy serves a call now; the model's first served call starts its billing. */
export function markServed(copy: ModelCopy, now: number): void {
  copy.lastUsedAt = Math.max(copy.lastUsedAt, now);
  if (copy.billedFrom === undefined) {
    copy.billedFrom = now;
    copy.nextWindowAt = now;
  }
}

/** Whether more calls are in flight than the loaded copies serve, with no copy on its way yet. */
export function needsAnotherCopy(
  runtime: ModelRuntime,
  callsInFlight: number,
  requestsPerCopy: number,
): boolean {
  return (
    runtime.copies.length > 0 &&
    runtime.loading === undefined &&
    callsInFlight > runtime.copies.length * requestsPerCopy
  );
}
