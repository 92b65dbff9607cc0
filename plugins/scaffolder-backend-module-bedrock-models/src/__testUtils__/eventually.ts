/** Polls `check` every 100 ms until it returns a value, or fails after `timeoutMs` saying what it waited for. */
export async function eventually<T>(
  what: string | (() => string),
  check: () => Promise<T | undefined>,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) {
      throw new Error(
        `Timed out waiting for ${typeof what === 'string' ? what : what()}`,
      );
    }
    await new Promise(resolve => setTimeout(resolve, 100));
  }
}
