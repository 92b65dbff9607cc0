/**
 * The service (and its ref) other backend plugins and modules use to talk to the bedrock-models backend.
 *
 * @packageDocumentation
 */

export { DefaultBedrockModelsService } from './DefaultBedrockModelsService';
export type {
  BedrockModelsService,
  BedrockModelsRequestOptions,
} from './BedrockModelsService';
export { bedrockModelsServiceRef } from './bedrockModelsServiceRef';
