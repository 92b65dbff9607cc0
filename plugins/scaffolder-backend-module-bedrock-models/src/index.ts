/**
 * The bedrock-models module for `@backstage/plugin-scaffolder-backend`: template actions that validate,
 * import, promote and evaluate fine-tuned models through the bedrock-models backend.
 *
 * @packageDocumentation
 */

export { scaffolderModuleBedrockModels as default } from './module';
export { createValidateModelAction } from './actions/validateModelAction';
export { createImportModelAction } from './actions/importModelAction';
export { createPromoteModelAction } from './actions/promoteModelAction';
export {
  createEvaluateModelAction,
  DEFAULT_EVALUATION_WAIT,
} from './actions/evaluateModelAction';
export type { EvaluationWaitOptions } from './actions/evaluateModelAction';
export { DEFAULT_IMPORT_WAIT } from './actions/importProgress';
export type { ImportWaitOptions, WaitClock } from './actions/importProgress';
