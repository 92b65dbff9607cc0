import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { bedrockModelsServiceMock } from '@bedrock-portal/backstage-plugin-bedrock-models-node/testUtils';
import { persistedCheckpoints } from '../__testUtils__/persistedCheckpoints';
import { readyModel, TEMPLATE_USER } from '../__testUtils__/registrySeeds';
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

/** Someone who is neither an owner of the model nor an admin. */
const NOT_OWNER = 'user:default/casey';
const NOT_OWNER_REFUSAL =
  'You may not move the pointers of model support-summarizer: only its owners and the portal admins may.';

describe('bedrock:model:promote', () => {
  let service: ReturnType<typeof bedrockModelsServiceMock>;
  let action: ReturnType<typeof createPromoteModelAction>;

  function setUp(options: Parameters<typeof bedrockModelsServiceMock>[0] = {}) {
    // v1 and v2 ready in us-east-1, v3 ready in eu-central-1; the template's user is in the owning team.
    service = bedrockModelsServiceMock({
      ...readyModel(['us-east-1', 'us-east-1', 'eu-central-1']),
      ...options,
    });
    action = createPromoteModelAction({ service });
  }

  beforeEach(() => setUp());

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

  /** Every move of staging in us-east-1, oldest first. */
  async function stagingHistory() {
    const { items } = await service.getPointerHistory(
      {
        modelName: INPUT.modelName,
        alias: INPUT.alias,
        region: INPUT.region,
      },
      { credentials: mockCredentials.user(TEMPLATE_USER) },
    );
    return items;
  }

  it("moves the pointer as the user running the template, recording the template's reason", async () => {
    const ctx = context();

    await action.handler(ctx);

    expect(await stagingHistory()).toEqual([
      expect.objectContaining({
        alias: 'staging',
        region: 'us-east-1',
        fromVersion: null,
        toVersion: 2,
        actor: TEMPLATE_USER,
        reason:
          'Promoted by the template template:default/import-bedrock-model (scaffolder task mock-task-id)',
      }),
    ]);
    expect(service.promoteVersion).toHaveBeenCalledWith(
      expect.objectContaining({ dryRun: false }),
      { credentials: await ctx.getInitiatorCredentials() },
    );
    expect(ctx.output).toHaveBeenCalledWith('alias', 'staging');
    expect(ctx.output).toHaveBeenCalledWith('version', 2);
    expect(ctx.output).toHaveBeenCalledWith('previousVersion', null);
    expect(ctx.output).toHaveBeenCalledWith('revision', 1);
    expect(ctx.logger.info).toHaveBeenCalledWith(
      'staging of support-summarizer in us-east-1 moved from no version to v2',
    );
  });

  it('says whether callers already read the new ARN from SSM, or SSM will follow', async () => {
    const published = context();
    await action.handler(published);
    expect(published.logger.info).toHaveBeenCalledWith(
      'Callers reading /bedrock-models/support-summarizer/staging get the new ARN now',
    );

    setUp({ publishesInRequest: false });
    const pending = context();
    await action.handler(pending);
    expect(pending.logger.info).toHaveBeenCalledWith(
      'Saved; SSM (/bedrock-models/support-summarizer/staging) is being updated and will follow within a minute',
    );
  });

  it('fails with the reason when the version cannot serve the pointer', async () => {
    const ctx = context({}, { ...INPUT, version: 3, reason: 'try' });

    await expect(action.handler(ctx)).rejects.toMatchObject({
      name: 'InputError',
      message:
        'staging of support-summarizer in us-east-1 was not moved to v3: Version 3 was imported into eu-central-1, so it cannot serve the staging pointer in us-east-1; a model serves only in the Region it was imported into.',
    });
    expect(await stagingHistory()).toEqual([]);
  });

  it('fails with the permission reason when the user may not move the pointer', async () => {
    const ctx = context({
      getInitiatorCredentials: async () => mockCredentials.user(NOT_OWNER),
    });

    await expect(action.handler(ctx)).rejects.toMatchObject({
      name: 'NotAllowedError',
      message: `staging of support-summarizer in us-east-1 was not moved to v2: ${NOT_OWNER_REFUSAL}`,
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

  it('asks the backend to check the move in a dry run on behalf of the user, and moves nothing', async () => {
    expect(action.supportsDryRun).toBe(true);
    const ok = context({ isDryRun: true });

    await action.handler(ok);

    expect(ok.logger.info).toHaveBeenCalledWith(
      'Dry run: staging in us-east-1 would move from no version to v2; nothing was moved',
    );
    expect(service.promoteVersion).toHaveBeenCalledWith(
      expect.objectContaining({ version: 2, dryRun: true }),
      { credentials: await ok.getInitiatorCredentials() },
    );
    expect(await stagingHistory()).toEqual([]);
  });

  it("fails a dry run as a non-owner with the backend's 403, as the real run would, instead of saying it would move", async () => {
    const ctx = context({
      isDryRun: true,
      getInitiatorCredentials: async () => mockCredentials.user(NOT_OWNER),
    });

    await expect(action.handler(ctx)).rejects.toMatchObject({
      name: 'NotAllowedError',
      message: `staging of support-summarizer in us-east-1 cannot be moved to v2: ${NOT_OWNER_REFUSAL}`,
    });
    expect(ctx.logger.info).not.toHaveBeenCalledWith(
      expect.stringContaining('would move'),
    );
    expect(await stagingHistory()).toEqual([]);
  });

  it('fails a dry run of a stale or impossible move with the refusal the real run would get', async () => {
    await action.handler(context({}, { ...INPUT, version: 1 }));

    const stale = context(
      { isDryRun: true },
      { ...INPUT, expectedCurrentVersion: null },
    );
    await expect(action.handler(stale)).rejects.toMatchObject({
      name: 'ConflictError',
      message: expect.stringContaining(
        'The staging pointer in us-east-1 now names version 1, not no version',
      ),
    });

    const wrongRegion = context({ isDryRun: true }, { ...INPUT, version: 3 });
    await expect(action.handler(wrongRegion)).rejects.toMatchObject({
      name: 'InputError',
      message: expect.stringContaining(
        'cannot be moved to v3: Version 3 was imported into eu-central-1',
      ),
    });

    const notImported = context({ isDryRun: true }, { ...INPUT, version: 9 });
    await expect(action.handler(notImported)).rejects.toMatchObject({
      name: 'NotFoundError',
      message:
        'staging of support-summarizer in us-east-1 cannot be moved to v9: Model support-summarizer has no version 9.',
    });
    expect((await stagingHistory()).map(m => m.toVersion)).toEqual([1]);
  });

  it('resumes from its checkpoint without moving the pointer again', async () => {
    const checkpoints = persistedCheckpoints();
    await action.handler(context({ checkpoint: checkpoints.checkpoint }));
    // Someone moves staging elsewhere before the task is resumed.
    await service.promoteVersion(
      { ...INPUT, version: 1, reason: 'hotfix' },
      { credentials: mockCredentials.user(TEMPLATE_USER) },
    );

    const resumed = context({ checkpoint: checkpoints.checkpoint });
    await action.handler(resumed);

    expect((await stagingHistory()).map(m => m.toVersion)).toEqual([2, 1]);
    expect(resumed.output).toHaveBeenCalledWith('previousVersion', null);
    expect(resumed.output).toHaveBeenCalledWith('revision', 1);
  });

  it('succeeds without a move when a restart came after the move but before the checkpoint, in a dry run too', async () => {
    await action.handler(context());

    const rerun = context();
    await action.handler(rerun);
    const dryRun = context({ isDryRun: true });
    await action.handler(dryRun);

    expect(await stagingHistory()).toHaveLength(1);
    expect(rerun.logger.info).toHaveBeenCalledWith(
      'staging of support-summarizer in us-east-1 already names v2; nothing to move',
    );
    expect(rerun.output).toHaveBeenCalledWith('previousVersion', null);
    expect(rerun.output).toHaveBeenCalledWith('revision', 1);
    expect(dryRun.logger.info).toHaveBeenCalledWith(
      'Dry run: staging of support-summarizer in us-east-1 already names v2; a real run moves nothing',
    );
  });

  it('outputs the approval request when a rule covers the pointer, and says nothing has moved', async () => {
    const rule = {
      aliases: ['staging'],
      classifications: [],
      approvals: 2,
      approvers: ['owners', 'group:default/ml-platform'],
      allowEmergencyRollback: true,
      expiryHours: 72,
    };
    jest.spyOn(service, 'promoteVersion').mockResolvedValueOnce({
      approvalRequest: {
        id: 'req-7',
        modelName: INPUT.modelName,
        alias: INPUT.alias,
        region: INPUT.region,
        kind: 'promote',
        targetVersion: 2,
        fromVersion: null,
        pointerRevision: 0,
        requestedBy: TEMPLATE_USER,
        reason: 'r',
        status: 'pending',
        rule,
        decisions: [],
        createdAt: '2026-11-29T00:00:00.000Z',
        expiresAt: '2026-12-02T00:00:00.000Z',
      },
    });
    const ctx = context();

    await action.handler(ctx);

    expect(ctx.output).toHaveBeenCalledWith('approvalRequestId', 'req-7');
    expect(ctx.logger.info).toHaveBeenCalledWith(
      'staging of support-summarizer in us-east-1 is covered by an approval rule: request req-7 asks for 2 approval(s) from owners, group:default/ml-platform; the pointer still names no version and moves to v2 once approved',
    );
    expect(await stagingHistory()).toEqual([]);
  });

  it('says in a dry run that the real run would ask for approval', async () => {
    const real = service.promoteVersion.bind(service);
    jest
      .spyOn(service, 'promoteVersion')
      .mockImplementationOnce(async (request, options) => ({
        ...(await real(request, options)),
        needsApproval: true,
        approvalRule: {
          aliases: [],
          classifications: [],
          approvals: 1,
          approvers: ['owners'],
          allowEmergencyRollback: false,
          expiryHours: 24,
        },
      }));
    const ctx = context({ isDryRun: true });

    await action.handler(ctx);

    expect(ctx.logger.info).toHaveBeenCalledWith(
      'Dry run: a real run asks for 1 approval(s) from owners; the pointer moves once they approve',
    );
  });
});
