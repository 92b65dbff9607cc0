/***/
/**
 * The bedrock-models module for @backstage/plugin-scaffolder-backend.
 *
 * @packageDocumentation
 */

export { scaffolderModuleBedrockModels as default } from './module';
