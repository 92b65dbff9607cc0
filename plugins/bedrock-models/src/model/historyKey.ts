import type { ModelDetails } from '@bedrock-portal/backstage-plugin-bedrock-models-common';

/**
 * What changes whenever the model's history gains an event: a pointer's revision, a version's status
 * (imported, failed, retired) or a new version. The history reads itself again when it changes.
 */
export function historyKey(
  details: Pick<ModelDetails, 'pointers' | 'versions'>,
): string {
  return [
    ...details.pointers.map(p => `${p.alias}/${p.region}@${p.revision}`),
    ...details.versions.map(v => `${v.number}:${v.status}`),
  ]
    .sort()
    .join(',');
}
