import { mockServices } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { FakeBedrockModelsService } from '../__testUtils__/FakeBedrockModelsService';
import { persistedCheckpoints } from '../__testUtils__/persistedCheckpoints';
import { createPromoteModelAction } from './promoteModelAction';

type Context = Parameters<
  ReturnType<typeof createPromoteModelAction>['handler']
>[0];

const INPUT: Context['input'] = {
  modelName: 'support-summarizer',
  alias: 'staging',
  region: 'us-east-1',
  version: 2,
};

describe('bedrock:model:promote', () => {
  let service: FakeBedrockModelsService;
  let action: ReturnType<typeof createPromoteModelAction>;

  beforeEach(() => {
    service = new FakeBedrockModelsService();
    // v1 and v2 ready in us-east-1, v3 ready in eu-central-1.
    service.seedModel(
      {
        name: 'support-summarizer',
        owner: 'group:default/support-ml',
        classification: 'internal',
      },
      [
        { region: 'us-east-1' },
        { region: 'us-east-1' },
        { region: 'eu-central-1' },
      ],
    );
    action = createPromoteModelAction({ service });
  });

  function context(extra: Partial<Context> = {}, input = INPUT) {
    const ctx: Context = {
      ...createMockActionContext<Context['input']>({
        input,
        logger: mockServices.logger.mock(),
        templateInfo: {
          entityRef: 'template:default/import-bedrock-model',
          baseUrl: 'file:///templates/',
        },
      }),
      ...extra,
    };
    return ctx;
  }

  it("moves the pointer as the user running the template, recording the template's reason", async () => {
    const ctx = context();

    await action.handler(ctx);

    expect(service.history).toEqual([
      expect.objectContaining({
        alias: 'staging',
        region: 'us-east-1',
        fromVersion: null,
        toVersion: 2,
        actor: 'user:default/mock',
        reason:
          'Promoted by the template template:default/import-bedrock-model (scaffolder task mock-task-id)',
      }),
    ]);
    expect(ctx.output).toHaveBeenCalledWith('alias', 'staging');
    expect(ctx.output).toHaveBeenCalledWith('version', 2);
    expect(ctx.output).toHaveBeenCalledWith('previousVersion', null);
    expect(ctx.output).toHaveBeenCalledWith('revision', 1);
    expect(ctx.logger.info).toHaveBeenCalledWith(
      'staging of support-summarizer in us-east-1 moved from no version to v2',
    );
  });

  it('fails with the reason when the version cannot serve the pointer', async () => {
    const ctx = context({}, { ...INPUT, version: 3, reason: 'try' });

    await expect(action.handler(ctx)).rejects.toMatchObject({
      name: 'InputError',
      message:
        'staging of support-summarizer in us-east-1 was not moved to v3: Version 3 was imported into eu-central-1, so it cannot serve the staging pointer in us-east-1; a model serves only in the Region it was imported into.',
    });
    expect(service.history).toEqual([]);
  });

  it('fails with the permission reason when the user may not move the pointer', async () => {
    service.promoteRefusal =
      'You may not move pointers of support-summarizer: only its owners (group:default/support-ml) and the portal admins may.';
    const ctx = context();

    await expect(action.handler(ctx)).rejects.toMatchObject({
      name: 'NotAllowedError',
      message:
        'staging of support-summarizer in us-east-1 was not moved to v2: You may not move pointers of support-summarizer: only its owners (group:default/support-ml) and the portal admins may.',
    });
  });

  it('fails with a conflict when the pointer is not where the pipeline expected it', async () => {
    await action.handler(context({}, { ...INPUT, version: 1 }));

    const ctx = context({}, { ...INPUT, expectedCurrentVersion: null });

    await expect(action.handler(ctx)).rejects.toMatchObject({
      name: 'ConflictError',
      message: expect.stringContaining(
        'The staging pointer in us-east-1 now names version 1, not no version',
      ),
    });
  });

  it('checks the move with the backend rule in a dry run and moves nothing', async () => {
    expect(action.supportsDryRun).toBe(true);
    const ok = context({ isDryRun: true });
    await action.handler(ok);
    expect(ok.logger.info).toHaveBeenCalledWith(
      'Dry run: staging in us-east-1 would move from no version to v2; nothing was moved',
    );

    const wrongRegion = context({ isDryRun: true }, { ...INPUT, version: 3 });
    await expect(action.handler(wrongRegion)).rejects.toThrow(
      'staging of support-summarizer cannot be moved: Version 3 was imported into eu-central-1',
    );

    const notImported = context({ isDryRun: true }, { ...INPUT, version: 9 });
    await action.handler(notImported);
    expect(notImported.logger.info).toHaveBeenCalledWith(
      'Dry run: support-summarizer v9 is not in the registry yet, so the move cannot be checked; a real run would point staging in us-east-1 at it',
    );
    expect(service.calls.map(c => c.method)).not.toContain('promote');
    expect(service.history).toEqual([]);
  });

  it('resumes from its checkpoint without moving the pointer again', async () => {
    const checkpoints = persistedCheckpoints();
    await action.handler(context({ checkpoint: checkpoints.checkpoint }));
    // Someone moves staging elsewhere before the task is resumed.
    await service.promote(
      { ...INPUT, version: 1, reason: 'hotfix' },
      { credentials: await context().getInitiatorCredentials() },
    );

    const resumed = context({ checkpoint: checkpoints.checkpoint });
    await action.handler(resumed);

    expect(service.history.map(m => m.toVersion)).toEqual([2, 1]);
    expect(resumed.output).toHaveBeenCalledWith('previousVersion', null);
    expect(resumed.output).toHaveBeenCalledWith('revision', 1);
  });

  it('succeeds without a move when a restart came after the move but before the checkpoint', async () => {
    await action.handler(context());

    const rerun = context();
    await action.handler(rerun);

    expect(service.history).toHaveLength(1);
    expect(rerun.logger.info).toHaveBeenCalledWith(
      'staging of support-summarizer in us-east-1 already names v2; nothing to move',
    );
    expect(rerun.output).toHaveBeenCalledWith('previousVersion', null);
    expect(rerun.output).toHaveBeenCalledWith('revision', 1);
  });
});
