import { startTestBackend } from '@backstage/backend-test-utils';
import {
  scaffolderActionsExtensionPoint,
  TemplateAction,
} from '@backstage/plugin-scaffolder-node';
import { scaffolderModuleBedrockModels } from './module';

describe('scaffolderModuleBedrockModels', () => {
  it('registers its actions with the scaffolder', async () => {
    const actions: TemplateAction<any, any, any>[] = [];
    await startTestBackend({
      extensionPoints: [
        [
          scaffolderActionsExtensionPoint,
          { addActions: (...added) => actions.push(...added) },
        ],
      ],
      features: [scaffolderModuleBedrockModels],
    });

    expect(actions.map(a => a.id)).toEqual(['bedrock:model:validate']);
  });
});
