import type { ValidationProblem } from './artifactValidation';

/**
 * A version a model's production alias names in one Region, as the registry has it.
 *
 * @public
 */
export type ProductionVersion = {
  modelName: string;
  /** The production alias's name (the first configured alias). */
  alias: string;
  region: string;
  version: number;
  /** The family Bedrock reported for it (`modelArchitecture`, e.g. llama); unknown until it is ready. */
  architecture?: string;
};

/**
 * Warns when an import's architecture family differs from what the model's production alias serves:
 * callers' prompts, chat template and token limits were tuned for the production model, so a version
 * of another family is a different model behind the same name. A warning, not an error: changing the
 * base model can be the point of a new version. One warning per production family that differs.
 *
 * @public
 */
export function architectureChangeWarnings(input: {
  /** The family detected in the artifacts (config.json's architecture, as Bedrock will report it). */
  family?: string;
  /** config.json's `architectures[0]`, for the message. */
  architecture?: string;
  production: readonly ProductionVersion[];
}): ValidationProblem[] {
  const { family, architecture } = input;
  if (!family) return [];
  const differing = new Map<string, ProductionVersion[]>();
  for (const serving of input.production) {
    const theirs = serving.architecture?.toLowerCase();
    if (!theirs || theirs === family.toLowerCase()) continue;
    differing.set(theirs, [...(differing.get(theirs) ?? []), serving]);
  }
  return [...differing.entries()].map(([theirs, versions]) => {
    const { modelName, alias } = versions[0];
    const where = versions.map(v => `v${v.version} in ${v.region}`).join(', ');
    return {
      code: 'architecture-changed',
      message: `${modelName}'s ${alias} version (${where}) is a ${theirs} model; these artifacts are ${family}${
        architecture ? ` (${architecture})` : ''
      }. Callers' prompts, chat template and token limits may not carry over: evaluate the new version before you promote it to ${alias}.`,
    };
  });
}
