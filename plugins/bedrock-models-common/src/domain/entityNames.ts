/**
 * How models and versions are named in the catalog and in AWS's console, so the catalog module, the
 * scaffolder actions and the pages link to the same things.
 */

/**
 * Catalog name of a version entity: `<model>-v<N>` (model names may not end like that themselves).
 *
 * @public
 */
export function versionEntityName(modelName: string, version: number): string {
  return `${modelName}-v${version}`;
}

/**
 * Entity ref of a model's Resource entity, named after the model.
 *
 * @public
 */
export function modelEntityRef(modelName: string): string {
  return `resource:default/${modelName}`;
}

/**
 * Entity ref of a version's Resource entity.
 *
 * @public
 */
export function versionEntityRef(modelName: string, version: number): string {
  return `resource:default/${versionEntityName(modelName, version)}`;
}

const consoleHome = (region: string) =>
  `https://${region}.console.aws.amazon.com/bedrock/home?region=${region}`;

/**
 * The Bedrock console's list of imported models in a Region.
 *
 * @public
 */
export function importedModelsConsoleUrl(region: string): string {
  return `${consoleHome(region)}#/imported-models`;
}

/**
 * The Bedrock console's page of one imported model.
 *
 * @public
 */
export function importedModelConsoleUrl(
  region: string,
  importedModelArn: string,
): string {
  return `${consoleHome(region)}#/imported-models/item?arn=${encodeURIComponent(
    importedModelArn,
  )}`;
}
