/**
 * The bedrock-models-provider module for @backstage/plugin-catalog-backend
 *
 * @packageDocumentation
 */

export { catalogModuleBedrockModels as default } from './module';
