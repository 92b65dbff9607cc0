import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { bedrockModelsServiceRef } from '@bedrock-portal/backstage-plugin-bedrock-models-node';
import { createEvaluateModelAction } from './actions/evaluateModelAction';
import { createImportModelAction } from './actions/importModelAction';
import { createPromoteModelAction } from './actions/promoteModelAction';
import { createValidateModelAction } from './actions/validateModelAction';
import {
  readEvaluationWaitConfig,
  readImportWaitConfig,
} from './importWaitConfig';

/**
 * Scaffolder module that adds the bedrock-models template actions.
 *
 * @public
 */
export const scaffolderModuleBedrockModels = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'bedrock-models',
  register({ registerInit }) {
    registerInit({
      deps: {
        scaffolderActions: scaffolderActionsExtensionPoint,
        service: bedrockModelsServiceRef,
        config: coreServices.rootConfig,
      },
      async init({ scaffolderActions, service, config }) {
        scaffolderActions.addActions(
          createValidateModelAction({ service }),
          createImportModelAction({
            service,
            wait: readImportWaitConfig(config),
          }),
          createPromoteModelAction({ service }),
          createEvaluateModelAction({
            service,
            wait: readEvaluationWaitConfig(config),
          }),
        );
      },
    });
  },
});
