import { EmulatorContext } from '../../core/EmulatorService';
import { ModelRuntime } from './modelCopies';

/** Per account and Region (state slot `bedrock-runtime`): each imported model's copies, by model ARN. */
type RuntimeData = { models: Record<string, ModelRuntime> };

function runtimeData(
  context: EmulatorContext,
  accountId: string,
  region: string,
): RuntimeData {
  return context.state.regional<RuntimeData>(
    'bedrock-runtime',
    accountId,
    region,
    () => ({ models: {} }),
  );
}

/** The runtime of one imported model (no copies when it was never called). */
export function modelRuntime(
  context: EmulatorContext,
  accountId: string,
  region: string,
  modelArn: string,
): ModelRuntime {
  return (runtimeData(context, accountId, region).models[modelArn] ??= {
    copies: [],
  });
}

/** Every model with runtime data in an account and Region, by model ARN. */
export function modelRuntimes(
  context: EmulatorContext,
  accountId: string,
  region: string,
): Record<string, ModelRuntime> {
  return runtimeData(context, accountId, region).models;
}
