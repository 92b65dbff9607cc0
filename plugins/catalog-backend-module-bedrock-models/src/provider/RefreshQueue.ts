type Waiter = { resolve: () => void; reject: (error: unknown) => void };

/** What to refresh: everything, or one model. */
export type RefreshJob =
  | { kind: 'full' }
  | { kind: 'model'; modelName: string };

/**
 * Runs refreshes one at a time, so an older read can never be applied after a newer one, and
 * coalesces requests: a model asked for again while it waits is refreshed once. A request made
 * while its refresh runs waits for another run, because that run may have read before the change.
 */
export class RefreshQueue {
  private fullWaiters: Waiter[] = [];
  private readonly modelWaiters = new Map<string, Waiter[]>();
  private draining = false;

  constructor(private readonly run: (job: RefreshJob) => Promise<void>) {}

  /** Resolves when a full refresh that started after this call has finished. */
  full(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.fullWaiters.push({ resolve, reject });
      void this.drain();
    });
  }

  /** Resolves when a refresh of the model that started after this call has finished. */
  model(modelName: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const waiters = this.modelWaiters.get(modelName) ?? [];
      waiters.push({ resolve, reject });
      this.modelWaiters.set(modelName, waiters);
      void this.drain();
    });
  }

  private async drain(): Promise<void> {
    if (this.draining) return;
    this.draining = true;
    try {
      for (;;) {
        const next = this.take();
        if (!next) return;
        try {
          await this.run(next.job);
          next.waiters.forEach(w => w.resolve());
        } catch (error) {
          next.waiters.forEach(w => w.reject(error));
        }
      }
    } finally {
      this.draining = false;
    }
  }

  // A pending full refresh goes first: it is the one the schedule and recovery wait on.
  private take(): { job: RefreshJob; waiters: Waiter[] } | undefined {
    if (this.fullWaiters.length) {
      const waiters = this.fullWaiters;
      this.fullWaiters = [];
      return { job: { kind: 'full' }, waiters };
    }
    const first = this.modelWaiters.entries().next();
    if (first.done) return undefined;
    const [modelName, waiters] = first.value;
    this.modelWaiters.delete(modelName);
    return { job: { kind: 'model', modelName }, waiters };
  }
}
