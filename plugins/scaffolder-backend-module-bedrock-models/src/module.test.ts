import { startTestBackend } from '@backstage/backend-test-utils';
import {
  scaffolderActionsExtensionPoint,
  TemplateAction,
} from '@backstage/plugin-scaffolder-node';
import { scaffolderModuleBedrockModels } from './module';

describe('scaffolderModuleBedrockModels', () => {
  it('registers the validate, import and promote actions with the scaffolder', async () => {
    // The scaffolder keeps actions of every input shape in one list.
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

    expect(actions.map(a => a.id)).toEqual([
      'bedrock:model:validate',
      'bedrock:model:import',
      'bedrock:model:promote',
    ]);
    expect(actions.map(a => a.supportsDryRun)).toEqual([true, true, true]);
    for (const action of actions) {
      expect(action.examples?.length).toBeGreaterThan(0);
      expect(action.schema?.input).toMatchObject({ type: 'object' });
      expect(action.schema?.output).toMatchObject({ type: 'object' });
    }
  });
});
