/**
 * Events-service topic on which the registry announces every change (for the catalog module).
 *
 * @public
 */
export const BEDROCK_MODELS_EVENT_TOPIC = 'bedrock-models.changes';

/**
 * What a registry change event carries: enough to refresh the affected entities.
 *
 * @public
 */
export type BedrockModelsChangeEvent =
  | {
      kind: 'pointer-moved';
      modelName: string;
      alias: string;
      region: string;
      fromVersion: number | null;
      toVersion: number;
    }
  | { kind: 'version-retired'; modelName: string; version: number }
  | {
      /** A version was added (import started, or discovered) or its status changed (job ended, model deleted). */
      kind: 'version-changed';
      modelName: string;
      version: number;
      status: string;
    };
