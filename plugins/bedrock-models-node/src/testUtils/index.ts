/**
 * Test utilities for plugins that call the bedrock-models backend.
 *
 * @packageDocumentation
 */

export { bedrockModelsServiceMock } from './bedrockModelsServiceMock';
export { bedrockModelsResponseError } from './bedrockModelsResponseError';
export type { BedrockModelsServiceMockOptions } from './InMemoryBedrockModelsService';
// The mock's type names the service: exported here too, so this entry point is complete on its own.
export type {
  BedrockModelsService,
  BedrockModelsRequestOptions,
} from '../BedrockModelsService';
