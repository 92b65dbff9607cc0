/**
 * The placeholder in a source prefix that stands for the owner's name (`support-ml` for group:default/support-ml).
 *
 * @public
 */
export const OWNER_NAME_PLACEHOLDER = '{group}';

/**
 * Where one account's imports may come from (config `bedrockModels.sources`).
 *
 * @public
 */
export type ArtifactSourceRule = {
  accountId: string;
  /** Prefixes every owner may import from; `{group}` is replaced by the owner's name. */
  prefixes: string[];
  /** Further prefixes for named owners (entity refs). */
  owners: Array<{ owner: string; prefixes: string[] }>;
};

/** The name part of an entity ref: `support-ml` for `group:default/support-ml`. */
function ownerName(ownerRef: string): string {
  return ownerRef.slice(ownerRef.lastIndexOf('/') + 1).replace(/^[^:]*:/, '');
}

/**
 * The prefixes an owner may import from in an account, with placeholders filled in.
 *
 * @public
 */
export function allowedSourcePrefixes(
  rules: ArtifactSourceRule[],
  accountId: string,
  ownerRef: string,
): string[] {
  const name = ownerName(ownerRef);
  return rules
    .filter(rule => rule.accountId === accountId)
    .flatMap(rule => [
      ...rule.prefixes,
      ...rule.owners.filter(o => o.owner === ownerRef).flatMap(o => o.prefixes),
    ])
    .map(prefix => prefix.split(OWNER_NAME_PLACEHOLDER).join(name));
}

/**
 * Whether artifacts at `s3Uri` may be imported into `accountId` for a model owned by `ownerRef`: only
 * from the configured prefixes, so nobody copies another team's weights into a model of their own.
 * Answers the problem (naming what is allowed) when not.
 *
 * @public
 */
export function checkArtifactSource(input: {
  s3Uri: string;
  accountId: string;
  ownerRef: string;
  rules: ArtifactSourceRule[];
}): { allowed: true } | { allowed: false; problem: string } {
  const allowed = allowedSourcePrefixes(
    input.rules,
    input.accountId,
    input.ownerRef,
  );
  if (allowed.length === 0) {
    return {
      allowed: false,
      problem: `No artifact sources are configured for ${input.ownerRef} in account ${input.accountId}: ask the portal admins to add them to bedrockModels.sources.`,
    };
  }
  const uri = input.s3Uri.endsWith('/') ? input.s3Uri : `${input.s3Uri}/`;
  if (allowed.some(prefix => uri.startsWith(prefix))) return { allowed: true };
  return {
    allowed: false,
    problem: `${input.s3Uri} is not an allowed source for models owned by ${
      input.ownerRef
    } in account ${input.accountId}. Put the artifacts under ${allowed.join(
      ' or ',
    )}.`,
  };
}
