import type { ModelVersion } from '@bedrock-portal/backstage-plugin-bedrock-models-common';

/**
 * What callers should expect from the first call after an idle spell: Bedrock scales imported
 * models to zero copies when idle, so that call waits for a copy to load.
 */
export function coldStartHint(
  version: Pick<ModelVersion, 'coldStartMs'>,
): string {
  if (version.coldStartMs === undefined) {
    return 'Cold start not measured yet: the first call after an idle spell can take tens of seconds while a copy loads.';
  }
  const seconds = Math.max(1, Math.round(version.coldStartMs / 1000));
  return `The first call after an idle spell took about ${seconds} s (cold start); retry ModelNotReadyException with backoff.`;
}
