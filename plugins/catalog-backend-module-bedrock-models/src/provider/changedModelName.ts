import { BedrockModelsChangeEvent } from '@bedrock-portal/backstage-plugin-bedrock-models-common';

/**
 * The model a registry change event is about, or undefined when the payload is not a
 * `BedrockModelsChangeEvent` (events arrive untyped, possibly from another backend version).
 */
export function changedModelName(payload: unknown): string | undefined {
  if (typeof payload !== 'object' || payload === null) return undefined;
  const { modelName } = payload as Partial<BedrockModelsChangeEvent>;
  return typeof modelName === 'string' && modelName ? modelName : undefined;
}
