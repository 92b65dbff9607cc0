import { BedrockStore } from '../services/bedrock/BedrockStore';
import type { RunningEmulator } from '../startEmulator';
import { llama31_8bArtifacts } from './artifactSets';
import { stageArtifactSet } from './stageArtifactSet';

const PORTAL_TAG_PREFIX = 'bedrock-models.io';

/**
 * Fills a running emulator with many already-imported models, spread round-robin over Regions (for
 * discovery benchmarks). Every other model carries the portal's tags (model `fleet-<n % models>`,
 * a version, an owner); the rest look imported by hand. Returns how many were made per Region.
 *
 * @public
 */
export function seedImportedModels(
  emulator: RunningEmulator,
  options: { count: number; regions: string[]; taggedModels?: number },
): Record<string, number> {
  const accountId = emulator.options.defaultAccountId;
  const roleArn = `arn:aws:iam::${accountId}:role/BedrockModelImport`;
  const taggedModels = options.taggedModels ?? 500;
  const perRegion: Record<string, number> = {};
  const stores = new Map<string, BedrockStore>();
  const uris = new Map<string, string>();
  for (const region of options.regions) {
    stores.set(region, new BedrockStore(emulator.context, accountId, region));
    uris.set(
      region,
      stageArtifactSet(
        emulator,
        `fleet-artifacts-${region}`,
        'llama/',
        llama31_8bArtifacts(),
        region,
      ),
    );
    perRegion[region] = 0;
  }
  const now = emulator.context.clock.now();
  for (let i = 0; i < options.count; i++) {
    const region = options.regions[i % options.regions.length];
    const model = `fleet-${i % taggedModels}`;
    const tags =
      i % 2 === 0
        ? [
            { key: `${PORTAL_TAG_PREFIX}/model`, value: model },
            {
              key: `${PORTAL_TAG_PREFIX}/version`,
              value: String(Math.floor(i / taggedModels) + 1),
            },
            {
              key: `${PORTAL_TAG_PREFIX}/owner`,
              value: 'group:default/support-ml',
            },
            {
              key: `${PORTAL_TAG_PREFIX}/managed-by`,
              value: 'bedrock-models-portal',
            },
          ]
        : [];
    stores.get(region)!.addPastImport({
      jobName: `fleet-import-${i}`,
      modelName: i % 2 === 0 ? `${model}-v${i}` : `HandMade_${i}`,
      s3Uri: uris.get(region)!,
      roleArn,
      creationTime: now - (options.count - i) * 60_000 - 3_600_000,
      tags,
    });
    perRegion[region] += 1;
  }
  return perRegion;
}
