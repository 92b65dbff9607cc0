import { createBackendPlugin } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Model } from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { bedrockModelsServiceRef } from '../bedrockModelsServiceRef';
import { bedrockModelsServiceMock } from './bedrockModelsServiceMock';
import { bedrockModelsResponseError } from './bedrockModelsResponseError';

const OWNER = 'user:default/alice';
const STRANGER = 'user:default/mallory';
const ACCOUNT = '123456789012';
const as = (user: string) => ({ credentials: mockCredentials.user(user) });

const model: Model = {
  name: 'support-summarizer',
  owner: 'group:default/support-ml',
  classification: 'internal',
  lineage: {},
  tags: [],
  createdBy: OWNER,
  createdAt: '2026-11-01T10:00:00.000Z',
  updatedAt: '2026-11-01T10:00:00.000Z',
};

/** A ready version of support-summarizer, as imported earlier. */
function ready(number: number, region = 'us-east-1') {
  return {
    modelName: model.name,
    number,
    accountId: ACCOUNT,
    region,
    status: 'ready' as const,
    importedModelArn: `arn:aws:bedrock:${region}:${ACCOUNT}:imported-model/v${number}`,
    s3Uri: `s3://ml-artifacts/support-summarizer/v${number}/`,
    managed: true,
    createdBy: OWNER,
    createdAt: model.createdAt,
    updatedAt: model.createdAt,
  };
}

function registry(
  options: Parameters<typeof bedrockModelsServiceMock>[0] = {},
) {
  return bedrockModelsServiceMock({
    models: [model],
    versions: [ready(1), ready(2), ready(3), ready(4, 'eu-central-1')],
    memberships: { [OWNER]: ['group:default/support-ml'] },
    ...options,
  });
}

const promote = (version: number, extra: object = {}) => ({
  modelName: model.name,
  alias: 'production',
  region: 'us-east-1',
  version,
  reason: 'r',
  ...extra,
});

describe('bedrockModelsServiceMock', () => {
  it("moves a pointer for an owner, answering with the pointer's SSM parameter and rollback target", async () => {
    const service = registry();

    await service.promoteVersion(promote(1), as(OWNER));
    const moved = await service.promoteVersion(
      promote(2, { expectedCurrentVersion: 1 }),
      as(OWNER),
    );

    expect(moved).toMatchObject({
      move: { kind: 'promote', fromVersion: 1, toVersion: 2, actor: OWNER },
      pointer: {
        version: 2,
        revision: 2,
        accountId: ACCOUNT,
        parameterName: '/bedrock-models/support-summarizer/production',
        rollbackTarget: 1,
      },
      published: true,
      dryRun: false,
    });
    expect(service.promoteVersion).toHaveBeenCalledTimes(2);
  });

  it('refuses a move by someone who does not own the model, and one on behalf of no user, as the backend does', async () => {
    const service = registry();

    await expect(
      service.promoteVersion(promote(1), as(STRANGER)),
    ).rejects.toMatchObject({
      name: 'ResponseError',
      statusCode: 403,
      cause: {
        name: 'NotAllowedError',
        message:
          'You may not move the pointers of model support-summarizer: only its owners and the portal admins may.',
      },
    });
    await expect(
      service.promoteVersion(promote(1), {
        credentials: mockCredentials.service(),
      }),
    ).rejects.toMatchObject({
      statusCode: 403,
      cause: {
        message: expect.stringMatching(
          /^Pointers are moved on behalf of a user/,
        ),
      },
    });
    const admin = registry({ admins: [STRANGER] });
    await expect(
      admin.promoteVersion(promote(1), as(STRANGER)),
    ).resolves.toMatchObject({ pointer: { version: 1 } });
  });

  it('checks a dry run like the move, and changes nothing', async () => {
    const service = registry();

    const dryRun = await service.promoteVersion(
      promote(1, { dryRun: true }),
      as(OWNER),
    );
    expect(dryRun).toMatchObject({
      dryRun: true,
      published: false,
      move: { fromVersion: null, toVersion: 1 },
      pointer: { version: 1 },
    });
    expect(
      (await service.getModel({ modelName: model.name }, as(OWNER)))?.pointers,
    ).toEqual([]);
    await expect(
      service.promoteVersion(promote(1, { dryRun: true }), as(STRANGER)),
    ).rejects.toMatchObject({ statusCode: 403 });
    await expect(
      service.promoteVersion(promote(4, { dryRun: true }), as(OWNER)),
    ).rejects.toMatchObject({
      statusCode: 400,
      cause: {
        message: expect.stringContaining(
          'Version 4 was imported into eu-central-1',
        ),
      },
    });
  });

  it('refuses a stale move with 409 naming who moved the pointer', async () => {
    const service = registry();
    await service.promoteVersion(promote(1), as(OWNER));

    await expect(
      service.promoteVersion(
        promote(2, { expectedCurrentVersion: null }),
        as(OWNER),
      ),
    ).rejects.toMatchObject({
      statusCode: 409,
      cause: {
        message: expect.stringContaining(
          `The production pointer in us-east-1 now names version 1, not no version: ${OWNER} moved it at`,
        ),
      },
    });
  });

  it('rolls back to the target the pointer names, and refuses a pointer that has none', async () => {
    const service = registry();
    const rollback = {
      modelName: model.name,
      alias: 'production',
      region: 'us-east-1',
      reason: 'bad',
    };
    await service.promoteVersion(promote(1), as(OWNER));
    await expect(
      service.rollbackPointer(rollback, as(OWNER)),
    ).rejects.toMatchObject({ statusCode: 409 });

    await service.promoteVersion(promote(3), as(OWNER));
    const back = await service.rollbackPointer(rollback, as(OWNER));

    expect(back).toMatchObject({
      move: { kind: 'rollback', toVersion: 1 },
      pointer: { version: 1, rollbackTarget: 3 },
    });
    expect(
      (await service.getPointerHistory(rollback, as(OWNER))).items.map(
        m => m.toVersion,
      ),
    ).toEqual([1, 3, 1]);
  });

  it('answers published: false when told SSM could not be written in the request', async () => {
    const service = registry({ publishesInRequest: false });

    await expect(
      service.promoteVersion(promote(1), as(OWNER)),
    ).resolves.toMatchObject({ published: false, dryRun: false });
  });

  it('imports once per Idempotency-Key and finishes the import after the configured reads', async () => {
    const service = registry({ imports: { readsUntilDone: 2 } });
    const request = {
      modelName: model.name,
      idempotencyKey: 'k1',
      s3Uri: 's3://ml-artifacts/support-summarizer/v5/',
      accountId: ACCOUNT,
      region: 'us-east-1',
      classification: 'internal',
    };

    const first = await service.importVersion(request, as(OWNER));
    const again = await service.importVersion(request, as(OWNER));

    expect(first).toMatchObject({
      created: true,
      version: { number: 5, status: 'importing', createdBy: OWNER },
    });
    expect(again).toMatchObject({ created: false, version: { number: 5 } });
    const read = () =>
      service.getVersion({ modelName: model.name, version: 5 }, as(OWNER));
    expect((await read())?.status).toBe('importing');
    expect(await read()).toMatchObject({
      status: 'ready',
      importedModelArn: expect.stringMatching(/^arn:aws:bedrock:us-east-1:/),
    });
    await expect(
      service.getVersion({ modelName: model.name, version: 9 }, as(OWNER)),
    ).resolves.toBeUndefined();
  });

  it('applies the rules of who may import what: owners, new models for one’s own groups, no lower classification', async () => {
    const service = registry({ imports: { failureMessage: 'AWS said no' } });
    const base = {
      idempotencyKey: 'k',
      s3Uri: 's3://ml-artifacts/x/',
      accountId: ACCOUNT,
      region: 'us-east-1',
      classification: 'internal',
    };

    await expect(
      service.importVersion({ ...base, modelName: model.name }, as(STRANGER)),
    ).rejects.toMatchObject({
      statusCode: 403,
      cause: {
        message:
          'You may not add versions to model support-summarizer: only its owners and the portal admins may.',
      },
    });
    await expect(
      service.importVersion(
        { ...base, modelName: model.name, classification: 'public' },
        as(OWNER),
      ),
    ).rejects.toMatchObject({ statusCode: 400 });
    await expect(
      service.importVersion(
        { ...base, modelName: 'new-model', owner: 'group:default/other' },
        as(OWNER),
      ),
    ).rejects.toMatchObject({
      statusCode: 403,
      cause: {
        message: expect.stringContaining(
          'You may not create a model owned by group:default/other',
        ),
      },
    });
    await expect(
      service.importVersion({ ...base, modelName: 'new-model' }, as(OWNER)),
    ).rejects.toMatchObject({ statusCode: 400 });

    await service.importVersion(
      { ...base, modelName: 'new-model', owner: 'group:default/support-ml' },
      as(OWNER),
    );
    const failed = await service.getVersion(
      { modelName: 'new-model', version: 1 },
      as(OWNER),
    );
    await service.getVersion({ modelName: 'new-model', version: 1 }, as(OWNER));
    expect(failed?.status).toBe('importing');
    expect(
      await service.getVersion(
        { modelName: 'new-model', version: 1 },
        as(OWNER),
      ),
    ).toMatchObject({ status: 'failed', failureMessage: 'AWS said no' });
  });

  it('validates artifacts with the rules of -common: sources per owner, the files S3 holds, the request itself', async () => {
    const service = registry({
      sources: [
        {
          accountId: ACCOUNT,
          prefixes: ['s3://ml-artifacts/{group}/'],
          owners: [],
        },
      ],
      artifacts: {
        's3://ml-artifacts/support-ml/broken/': {
          objects: [{ name: 'config.json', sizeBytes: 10 }],
          config: { architectures: ['LlamaForCausalLM'] },
        },
      },
    });
    const check = (s3Uri: string, extra: object = {}) =>
      service.validateArtifacts(
        {
          s3Uri,
          accountId: ACCOUNT,
          region: 'us-east-1',
          classification: 'internal',
          owner: 'group:default/support-ml',
          ...extra,
        },
        as(OWNER),
      );

    await expect(
      check('s3://ml-artifacts/support-ml/v1/'),
    ).resolves.toMatchObject({
      valid: true,
      errors: [],
      detected: {
        architecture: 'LlamaForCausalLM',
        weightBytes: 16_060_000_000,
        fileCount: 8,
        cmuEstimate: 2,
      },
    });
    expect(
      (await check('s3://ml-artifacts/other-team/v1/')).errors.map(e => e.code),
    ).toEqual(['source-not-allowed']);
    expect(
      (await check('s3://ml-artifacts/support-ml/broken/')).errors.map(
        e => e.code,
      ),
    ).toEqual([
      'missing-tokenizer-config',
      'missing-tokenizer',
      'missing-weights',
    ]);
    await expect(
      check('s3://ml-artifacts/support-ml/v1/', { accountId: '210987654321' }),
    ).rejects.toMatchObject({
      statusCode: 400,
      cause: {
        message:
          'Invalid body: accountId: must be a managed account (123456789012)',
      },
    });
  });

  it('warns, as the backend does, when the artifacts are not of the family production serves', async () => {
    const service = registry({
      versions: [{ ...ready(1), architecture: 'mistral' }, ready(2)],
      dataResidency: { phi: ['us-east-1'] },
    });
    await service.promoteVersion(promote(1), as(OWNER));
    const check = (modelName?: string) =>
      service.validateArtifacts(
        {
          s3Uri: 's3://ml-artifacts/support-ml/v3/',
          accountId: ACCOUNT,
          region: 'us-east-1',
          classification: 'internal',
          modelName,
        },
        as(OWNER),
      );

    const report = await check(model.name);
    expect(report.valid).toBe(true);
    expect(report.warnings).toEqual([
      expect.objectContaining({
        code: 'architecture-changed',
        message: expect.stringContaining(
          "support-summarizer's production version (v1 in us-east-1) is a mistral model",
        ),
      }),
    ]);
    expect((await check()).warnings).toEqual([]);
    expect((await check('new-model')).warnings).toEqual([]);
    await expect(check('Bad Name')).rejects.toMatchObject({
      statusCode: 400,
      cause: { message: expect.stringMatching(/^Invalid body: modelName: /) },
    });
    // The settings carry the residency rules the form offers Regions by.
    expect((await service.getSettings(as(OWNER))).dataResidency).toEqual({
      phi: ['us-east-1'],
    });
  });

  it('runs the suite for an owner, finishing with the configured pass rate; refuses others and models without a suite', async () => {
    const prompts = ['a', 'b', 'c', 'd'].map(id => ({
      id,
      prompt: `Prompt ${id}`,
      checks: {},
    }));
    const service = registry({
      evaluations: { suites: { [model.name]: prompts }, passRate: 0.75 },
    });
    const start = { modelName: model.name, version: 1, region: 'us-east-1' };

    const { run } = await service.startEvaluation(start, as(OWNER));
    expect(run).toMatchObject({ status: 'queued', startedBy: OWNER });
    const read = () =>
      service.getEvaluationRun(
        { modelName: model.name, runId: run.id },
        as(STRANGER),
      );
    expect(await read()).toMatchObject({ status: 'queued' });
    expect(await read()).toMatchObject({
      status: 'failed',
      prompts: 4,
      passed: 3,
      passRate: 0.75,
      p50LatencyMs: 100,
      coldStarts: 0,
    });
    await expect(
      service.startEvaluation(start, as(STRANGER)),
    ).rejects.toMatchObject({
      statusCode: 403,
      cause: {
        message:
          'You may not move the pointers of model support-summarizer: only its owners and the portal admins may.',
      },
    });
    await expect(
      registry().startEvaluation(start, as(OWNER)),
    ).rejects.toMatchObject({
      statusCode: 409,
      cause: {
        message:
          'Model support-summarizer has no evaluation prompts yet: add some to its suite first.',
      },
    });
  });

  it('refuses to retire a version a pointer names, and retires it once none does', async () => {
    const service = registry();
    await service.promoteVersion(promote(1), as(OWNER));
    const retire = { modelName: model.name, version: 1, reason: 'old' };

    await expect(
      service.retireVersion(retire, as(OWNER)),
    ).rejects.toMatchObject({
      statusCode: 409,
      cause: {
        message:
          'Version 1 cannot be retired while production in us-east-1 names it: promote another version first.',
      },
    });
    await service.promoteVersion(promote(2), as(OWNER));
    await expect(
      service.retireVersion(retire, as(OWNER)),
    ).resolves.toMatchObject({ status: 'retired' });
  });

  it("reports every version with what production serves, filtered and as CSV by -common's rules", async () => {
    const service = registry();
    await service.promoteVersion(promote(2), as(OWNER));

    const report = await service.getGovernanceReport(
      { production: 'serving' },
      as(OWNER),
    );
    expect(report.rows).toEqual([
      expect.objectContaining({
        model: model.name,
        version: 2,
        pointers: ['production'],
        productionVersion: 2,
        lastPromotedBy: OWNER,
      }),
    ]);
    const csv = await service.getReportCsv(
      { region: 'eu-central-1' },
      as(OWNER),
    );
    const [header, ...lines] = csv.trim().split(/\r?\n/);
    expect(header.split(',').slice(0, 3)).toEqual([
      'model',
      'version',
      'owner',
    ]);
    expect(lines).toHaveLength(1);
  });

  it('pages and sorts the report, with totals of every matching row and the facets of each filter', async () => {
    const service = registry();

    const first = await service.getGovernanceReport(
      { region: 'us-east-1', sort: 'model', order: 'desc', limit: '2' },
      as(OWNER),
    );
    expect(first.rows.map(r => r.version)).toEqual([1, 2]);
    expect(first).toMatchObject({
      totalCount: 3,
      totals: { versions: 3, withoutEstimate: 3 },
    });
    const second = await service.getGovernanceReport(
      {
        region: 'us-east-1',
        sort: 'model',
        order: 'desc',
        limit: '2',
        cursor: first.nextCursor,
      },
      as(OWNER),
    );
    expect(second.rows.map(r => r.version)).toEqual([3]);
    expect(second.nextCursor).toBeUndefined();
    await expect(service.getReportFacets(as(OWNER))).resolves.toMatchObject({
      region: ['eu-central-1', 'us-east-1'],
      owner: ['group:default/support-ml'],
    });
  });

  it('installs in a backend with .factory, for plugins that depend on the service', async () => {
    const seen: string[] = [];
    const probe = createBackendPlugin({
      pluginId: 'probe',
      register(env) {
        env.registerInit({
          deps: { bedrockModels: bedrockModelsServiceRef },
          async init({ bedrockModels }) {
            const settings = await bedrockModels.getSettings(as(OWNER));
            seen.push(...settings.aliases);
          },
        });
      },
    });

    const backend = await startTestBackend({
      features: [
        probe,
        bedrockModelsServiceMock.factory({
          settings: { aliases: ['live', 'canary'] },
        }),
      ],
    });
    await backend.stop();

    expect(seen).toEqual(['live', 'canary']);
  });

  it('offers bare mock functions too, with some implemented', async () => {
    const failure = await bedrockModelsResponseError(503, 'down');
    const service = bedrockModelsServiceMock.mock({
      getInventory: async () => ({ models: [], versions: [], pointers: [] }),
    });
    service.getModel.mockRejectedValueOnce(failure);

    await expect(service.getInventory(undefined, as(OWNER))).resolves.toEqual({
      models: [],
      versions: [],
      pointers: [],
    });
    await expect(service.getModel({ modelName: 'm' }, as(OWNER))).rejects.toBe(
      failure,
    );
    expect(service.getSettings).not.toHaveBeenCalled();
  });
});
