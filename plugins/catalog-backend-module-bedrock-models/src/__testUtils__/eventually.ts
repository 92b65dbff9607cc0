/**
 * Retries `check` until it stops throwing (returns its value) or `timeoutMs` passes (rethrows
 * its last error): for state that other parts of the backend reach in their own time.
 */
export async function eventually<T>(
  check: () => Promise<T>,
  timeoutMs = 45_000,
  intervalMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise(resolve => setTimeout(resolve, intervalMs));
    }
  }
}
