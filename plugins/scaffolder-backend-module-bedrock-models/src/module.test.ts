import { startTestBackend } from '@backstage/backend-test-utils';
import {
  scaffolderActionsExtensionPoint,
  TemplateAction,
} from '@backstage/plugin-scaffolder-node';
import { scaffolderModuleBedrockModels } from './module';

describe('scaffolderModuleBedrockModels', () => {
  it('registers the validate, import, promote and evaluate actions with the scaffolder', async () => {
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
      'bedrock:model:evaluate',
    ]);
    // The backend has no dry run of an evaluation; a template's dry run skips the step.
    expect(actions.map(a => Boolean(a.supportsDryRun))).toEqual([
      true,
      true,
      true,
      false,
    ]);
    for (const action of actions) {
      expect(action.examples?.length).toBeGreaterThan(0);
      expect(action.schema?.input).toMatchObject({ type: 'object' });
      expect(action.schema?.output).toMatchObject({ type: 'object' });
    }
  });
});
