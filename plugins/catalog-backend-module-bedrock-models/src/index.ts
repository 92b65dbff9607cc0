/**
 * The bedrock-models module for the catalog backend (`@backstage/plugin-catalog-backend`): an entity
 * provider that keeps the registry's models and versions in the catalog.
 *
 * @packageDocumentation
 */

export { catalogModuleBedrockModels as default } from './module';
