/** Where a model stands when a call arrives. */
export type ColdStartDecision =
  | { ready: true }
  | { ready: false; restoreStartedAt: number; readyAt: number };

/**
 * Decides whether an imported model can serve a call now. A model that was never invoked, or idle
 * longer than `idleMs`, is evicted: the call starts a restore and, like every call until the restore
 * has taken `restoreMs`, is answered ModelNotReadyException.
 */
export function decideColdStart(input: {
  now: number;
  lastInvokedAt?: number;
  restoreStartedAt?: number;
  idleMs: number;
  restoreMs: number;
}): ColdStartDecision {
  const { now, lastInvokedAt, restoreStartedAt, idleMs, restoreMs } = input;
  const restoring =
    restoreStartedAt !== undefined &&
    (lastInvokedAt === undefined || restoreStartedAt > lastInvokedAt);
  if (restoring) {
    const readyAt = restoreStartedAt + restoreMs;
    return now >= readyAt
      ? { ready: true }
      : { ready: false, restoreStartedAt, readyAt };
  }
  const warm = lastInvokedAt !== undefined && now - lastInvokedAt <= idleMs;
  if (warm) return { ready: true };
  if (restoreMs <= 0) return { ready: true };
  return { ready: false, restoreStartedAt: now, readyAt: now + restoreMs };
}
