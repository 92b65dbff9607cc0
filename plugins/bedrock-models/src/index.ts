/**
 * The bedrock-models frontend plugin: model pages and the governance view.
 *
 * @packageDocumentation
 */

export { bedrockModelsPlugin as default } from './plugin';
