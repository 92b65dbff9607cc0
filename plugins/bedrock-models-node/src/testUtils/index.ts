/**
 * Test utilities for plugins that call the bedrock-models backend.
 *
 * @packageDocumentation
 */

export { bedrockModelsServiceMock } from './bedrockModelsServiceMock';
export { bedrockModelsResponseError } from './bedrockModelsResponseError';
export type { BedrockModelsServiceMockOptions } from './InMemoryBedrockModelsService';
