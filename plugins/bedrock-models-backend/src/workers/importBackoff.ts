/** The longest wait between two calls about one import while AWS keeps failing. */
const MAX_BACKOFF_SECONDS = 10 * 60;

/**
 * When to call AWS about an import again after `attempts` failures in a row: the poll interval,
 * doubled per failure, capped at ten minutes, with up to 20% jitter so replicas' retries spread out.
 */
export function nextCheckAfterFailure(
  now: Date,
  attempts: number,
  pollIntervalSeconds: number,
  random: () => number = Math.random,
): Date {
  const base = Math.min(
    pollIntervalSeconds * 2 ** Math.max(attempts - 1, 0),
    MAX_BACKOFF_SECONDS,
  );
  const seconds = Math.max(base, pollIntervalSeconds) * (1 + 0.2 * random());
  return new Date(now.getTime() + seconds * 1000);
}
