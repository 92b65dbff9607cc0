/**
 * The bedrock-models frontend plugin: the model tab, the version card and the governance page.
 *
 * @packageDocumentation
 */

export { bedrockModelsPlugin as default } from './plugin';
export { bedrockModelsApiRef } from './api/BedrockModelsApi';
export type { BedrockModelsApi } from '@bedrock-portal/backstage-plugin-bedrock-models-common';
export { CachingBedrockModelsClient } from './api/CachingBedrockModelsClient';
