import { parseEntityRef } from '@backstage/catalog-model';
import {
  checkModelName,
  MODEL_NAME_MAX_LENGTH,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';

/** Turns an imported-model name such as `Legacy_FAQ-bot-v3` into a registry model name. */
export function modelNameFromImportedName(importedName: string): string {
  const base = importedName
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/-v\d+$/, '')
    .replace(/^-+|-+$/g, '')
    .slice(0, MODEL_NAME_MAX_LENGTH)
    .replace(/-+$/, '');
  return checkModelName(base).length === 0 ? base : 'discovered-model';
}

/** Whether an owner tag names a Group or User the way the registry stores owners. */
export function isOwnerRef(value: string): boolean {
  if (value.length > 255) return false;
  try {
    const ref = parseEntityRef(value);
    return ['group', 'user'].includes(ref.kind.toLowerCase());
  } catch {
    return false;
  }
}

/** Where discovery records an imported model, and why an admin should look at it, if they should. */
export type DiscoveredPlacement = { modelName: string; flag?: string };

/**
 * Chooses the registry model an imported model found in AWS joins. Tags come from anyone with access
 * to the account, so a tag may not attach a version to a model owned by someone else: the model the
 * tags name is taken only when it is new or has the owner the tags claim; otherwise the version goes
 * under the imported model's own name (or a free variant of it) and is flagged for an admin.
 *
 * `ownerOf` answers the owner of an existing model (or of one placed earlier in the same pass).
 */
export function placeDiscoveredModel(input: {
  taggedModel?: string;
  importedName: string;
  owner: string;
  ownerOf: (modelName: string) => string | undefined;
}): DiscoveredPlacement {
  const { owner, ownerOf } = input;
  const fits = (name: string) => {
    const existing = ownerOf(name);
    return existing === undefined || existing === owner;
  };
  const tagged =
    input.taggedModel && checkModelName(input.taggedModel).length === 0
      ? input.taggedModel
      : undefined;
  if (tagged && fits(tagged)) return { modelName: tagged };
  const own = modelNameFromImportedName(input.importedName);
  let modelName = own;
  for (let n = 1; !fits(modelName); n++) {
    const suffix = n === 1 ? '-discovered' : `-discovered-${n}`;
    modelName = `${own.slice(
      0,
      MODEL_NAME_MAX_LENGTH - suffix.length,
    )}${suffix}`;
  }
  if (tagged) {
    return {
      modelName,
      flag: `Its tags claim model ${tagged}, which ${ownerOf(
        tagged,
      )} owns, for ${owner}; it was recorded apart, as ${modelName}. Check who imported ${
        input.importedName
      } and why.`,
    };
  }
  return modelName === own
    ? { modelName }
    : {
        modelName,
        flag: `A model named ${own} already exists with another owner (${ownerOf(
          own,
        )}); this import was recorded apart, as ${modelName}.`,
      };
}
