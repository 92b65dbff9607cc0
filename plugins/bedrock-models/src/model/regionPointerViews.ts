import {
  AliasPointer,
  ModelDetails,
  ModelVersion,
  PublishState,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';

/** One alias in one Region: what it names (if anything) and whether SSM has it. */
export type PointerView = {
  alias: string;
  region: string;
  pointer?: AliasPointer;
  version?: ModelVersion;
  publishState?: PublishState;
};

/** Every alias of a model in one Region. */
export type RegionPointers = {
  region: string;
  accountIds: string[];
  pointers: PointerView[];
};

/**
 * Per Region the model has versions or pointers in, each alias: configured aliases first in their
 * configured order (none while settings cannot be read), then any other alias a pointer uses.
 */
export function regionPointerViews(
  details: Pick<ModelDetails, 'versions' | 'pointers' | 'publishStates'>,
  aliases: string[],
): RegionPointers[] {
  const regions = new Set<string>();
  details.versions.forEach(v => regions.add(v.region));
  details.pointers.forEach(p => regions.add(p.region));
  const allAliases = [...aliases];
  for (const pointer of details.pointers) {
    if (!allAliases.includes(pointer.alias)) allAliases.push(pointer.alias);
  }
  return [...regions].sort().map(region => ({
    region,
    accountIds: [
      ...new Set(
        details.versions.filter(v => v.region === region).map(v => v.accountId),
      ),
    ].sort(),
    pointers: allAliases.map(alias => {
      const pointer = details.pointers.find(
        p => p.alias === alias && p.region === region,
      );
      return {
        alias,
        region,
        pointer,
        version: pointer
          ? details.versions.find(
              v => v.number === pointer.version && v.region === region,
            )
          : undefined,
        publishState: details.publishStates.find(
          s => s.alias === alias && s.region === region,
        ),
      };
    }),
  }));
}

/** The pointers that name a version, as `production (us-east-1)`-style pairs. */
export function pointersNaming(
  version: Pick<ModelVersion, 'number' | 'region'>,
  pointers: AliasPointer[],
): AliasPointer[] {
  return pointers.filter(
    p => p.version === version.number && p.region === version.region,
  );
}
