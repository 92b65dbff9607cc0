/**
 * The client and service ref other backend plugins and modules use to talk to the bedrock-models backend.
 *
 * @packageDocumentation
 */

export { BedrockModelsClient } from './BedrockModelsClient';
export type {
  BedrockModelsService,
  BedrockModelsRequestOptions,
  MovePointerRequest,
  MovePointerResponse,
} from './BedrockModelsClient';
export { bedrockModelsServiceRef } from './bedrockModelsServiceRef';
