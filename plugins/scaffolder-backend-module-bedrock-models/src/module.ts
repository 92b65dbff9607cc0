import { createBackendModule } from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createValidateModelAction } from './actions/validateModelAction';

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
      deps: { scaffolderActions: scaffolderActionsExtensionPoint },
      async init({ scaffolderActions }) {
        scaffolderActions.addActions(createValidateModelAction());
      },
    });
  },
});
