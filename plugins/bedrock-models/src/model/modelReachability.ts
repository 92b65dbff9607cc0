import type { ModelDetails } from '@bedrock-portal/backstage-plugin-bedrock-models-common';

/** What the model tab's stale-data banner says, when it has something to say. */
export type ModelStaleness = {
  since?: string;
  lastSync?: string;
  detail: string;
};

/**
 * Whether part of the model's page rests on AWS answers the portal could not refresh: imports whose
 * job could not be read (the tracker keeps trying) and Regions where discovery's last pass failed.
 */
export function modelStaleness(
  details: ModelDetails,
): ModelStaleness | undefined {
  const checkErrors = details.versions.filter(v => v.lastCheckError);
  const failingSync = details.sync.filter(s => s.lastError);
  if (checkErrors.length === 0 && failingSync.length === 0) return undefined;
  const earliest = (values: Array<string | undefined>) =>
    values.filter((v): v is string => Boolean(v)).sort()[0];
  return {
    since: earliest(failingSync.map(s => s.failingSince)),
    lastSync:
      failingSync.length > 0
        ? earliest(failingSync.map(s => s.lastSuccessAt))
        : checkErrors
            .map(v => v.updatedAt)
            .sort()
            .at(-1),
    detail: [
      ...failingSync.map(
        s => `Discovery in ${s.accountId}/${s.region}: ${s.lastError}`,
      ),
      ...checkErrors.map(
        v => `v${v.number} (${v.region}): ${v.lastCheckError}`,
      ),
    ].join(' · '),
  };
}
