import { RefreshJob, RefreshQueue } from './RefreshQueue';

/** A run the test finishes by hand, to hold the queue at a chosen point. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>(resolve => {
    open = resolve;
  });
  return { open, opened };
}

const label = (job: RefreshJob) =>
  job.kind === 'full' ? 'full' : `model:${job.modelName}`;

describe('RefreshQueue', () => {
  it('runs one refresh at a time, a pending full one first, and each waiting model once', async () => {
    const started: string[] = [];
    let running = 0;
    let maxRunning = 0;
    const first = gate();
    const queue = new RefreshQueue(async job => {
      started.push(label(job));
      running += 1;
      maxRunning = Math.max(maxRunning, running);
      if (started.length === 1) await first.opened;
      running -= 1;
    });

    const done = [
      queue.model('a'), // starts at once and holds the queue
      queue.model('b'),
      queue.model('b'),
      queue.model('c'),
      queue.full(),
      queue.model('c'),
    ];
    first.open();
    await Promise.all(done);

    expect(started).toEqual(['model:a', 'full', 'model:b', 'model:c']);
    expect(maxRunning).toBe(1);
  });

  it('runs a model again when asked while its refresh runs, since that run may have read too early', async () => {
    const started: string[] = [];
    const first = gate();
    const queue = new RefreshQueue(async job => {
      started.push(label(job));
      if (started.length === 1) await first.opened;
    });

    const running = queue.model('a');
    await Promise.resolve();
    const again = queue.model('a');
    first.open();
    await Promise.all([running, again]);

    expect(started).toEqual(['model:a', 'model:a']);
  });

  it('rejects only the callers of a failed run and keeps going', async () => {
    const queue = new RefreshQueue(async job => {
      if (job.kind === 'model' && job.modelName === 'broken') {
        throw new Error('backend said 500');
      }
    });

    const results = await Promise.allSettled([
      queue.model('broken'),
      queue.model('fine'),
      queue.full(),
    ]);

    expect(results.map(r => r.status)).toEqual([
      'rejected',
      'fulfilled',
      'fulfilled',
    ]);
    expect((results[0] as PromiseRejectedResult).reason.message).toBe(
      'backend said 500',
    );
  });
});
