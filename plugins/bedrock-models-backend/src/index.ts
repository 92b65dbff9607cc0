/**
 * The bedrock-models backend plugin: registry, history, promotion and every AWS call about fine-tuned models.
 *
 * @packageDocumentation
 */

export { bedrockModelsPlugin as default } from './plugin';
export {
  bedrockModelConditions,
  createBedrockModelConditionalDecision,
  isModelOwner,
  bedrockModelResourceRef,
} from './permissions/bedrockModelRules';
export type { BedrockModelQuery } from './permissions/bedrockModelRules';
export { readRegistryConfig } from './config/readRegistryConfig';
export type { RegistryConfig } from './config/readRegistryConfig';
