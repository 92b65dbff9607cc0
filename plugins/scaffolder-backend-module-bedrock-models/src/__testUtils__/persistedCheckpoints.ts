import { ActionContext } from '@backstage/plugin-scaffolder-node';

type Checkpoint = ActionContext<Record<string, never>>['checkpoint'];

/**
 * Checkpoints kept across runs of an action, as the scaffolder keeps them in the task state: a key
 * that succeeded before returns its value without running again; a failed one runs again.
 */
export function persistedCheckpoints() {
  const saved = new Map<string, unknown>();
  const checkpoint = (async ({ key, fn }) => {
    if (saved.has(key)) return saved.get(key);
    const value = await fn();
    saved.set(key, value ?? {});
    return value;
  }) as Checkpoint;
  return { saved, checkpoint };
}
