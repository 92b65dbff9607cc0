import {
  aPointer,
  aVersion,
  modelDetails,
  modelEntity,
} from '../__testUtils__/modelFixtures';
import { callersNotice } from './callersNotice';
import { coldStartHint } from './coldStartHint';
import { modelNameOfEntity, versionOfEntity } from './modelNameOfEntity';
import { regionPointerViews } from './regionPointerViews';
import { sdkSnippet, supportsConverse } from './sdkSnippet';
import { promoteState, retireState, rollbackState } from './versionActions';

const allowed = { canPromote: true, canRetire: true, loading: false };
const denied = { canPromote: false, canRetire: false, loading: false };

describe('modelNameOfEntity', () => {
  it('reads the annotation, falling back to the entity name', () => {
    expect(
      modelNameOfEntity({
        ...modelEntity,
        metadata: {
          name: 'catalog-name',
          annotations: { 'bedrock-models.io/model': 'registry-name' },
        },
      }),
    ).toBe('registry-name');
    expect(
      modelNameOfEntity({ ...modelEntity, metadata: { name: 'plain' } }),
    ).toBe('plain');
  });
});

describe('versionOfEntity', () => {
  it('reads the annotations, else the `<model>-v<N>` name', () => {
    expect(
      versionOfEntity({
        ...modelEntity,
        metadata: {
          name: 'x-v9',
          annotations: {
            'bedrock-models.io/model': 'support-assistant',
            'bedrock-models.io/version': '3',
          },
        },
      }),
    ).toEqual({ modelName: 'support-assistant', version: 3 });
    expect(
      versionOfEntity({ ...modelEntity, metadata: { name: 'my-model-v12' } }),
    ).toEqual({ modelName: 'my-model', version: 12 });
    expect(
      versionOfEntity({ ...modelEntity, metadata: { name: 'no-version' } }),
    ).toBeUndefined();
  });
});

describe('regionPointerViews', () => {
  it('lists each Region with every configured alias, what it names and its SSM state', () => {
    const views = regionPointerViews(modelDetails(), ['production', 'staging']);
    expect(views.map(v => v.region)).toEqual(['eu-central-1', 'us-east-1']);
    const [eu, us] = views;
    expect(eu.pointers.map(p => [p.alias, p.version?.number])).toEqual([
      ['production', 5],
      ['staging', undefined],
    ]);
    expect(eu.pointers[0].publishState?.status).toBe('pending');
    expect(us.pointers.map(p => [p.alias, p.pointer?.version])).toEqual([
      ['production', 2],
      ['staging', 3],
    ]);
    expect(us.accountIds).toEqual(['111122223333']);
  });

  it('also shows aliases that pointers use but settings do not list', () => {
    const details = modelDetails({
      pointers: [aPointer('canary', 'us-east-1', 1)],
    });
    const [, us] = regionPointerViews(details, ['production']);
    expect(us.pointers.map(p => p.alias)).toEqual(['production', 'canary']);
  });
});

describe('version actions', () => {
  const pointers = modelDetails().pointers;

  it('allows promoting a ready version to an owner, and says why not otherwise', () => {
    expect(promoteState(aVersion(1), allowed)).toEqual({ enabled: true });
    expect(promoteState(aVersion(1), denied)).toEqual({
      enabled: false,
      reason:
        'Only the owners of this model and the portal admins may do this.',
      cause: 'permission',
    });
    expect(
      promoteState(aVersion(4, { status: 'failed' }), allowed),
    ).toMatchObject({
      enabled: false,
      reason: expect.stringContaining('failed'),
      cause: 'state',
    });
    expect(
      promoteState(aVersion(1), { ...allowed, loading: true }).enabled,
    ).toBe(false);
  });

  it('refuses retiring a version a pointer names, naming the pointer', () => {
    expect(retireState(aVersion(1), pointers, allowed)).toEqual({
      enabled: true,
    });
    expect(retireState(aVersion(2), pointers, allowed)).toMatchObject({
      enabled: false,
      reason: expect.stringContaining('production in us-east-1 names it'),
    });
    expect(retireState(aVersion(1), pointers, denied).enabled).toBe(false);
  });

  it('allows rollback only of a pointer the backend names a rollback target for', () => {
    expect(rollbackState(pointers[0], allowed)).toEqual({ enabled: true });
    expect(rollbackState(pointers[1], allowed)).toMatchObject({
      enabled: false,
      reason:
        'The staging pointer in us-east-1 has never named another version.',
      cause: 'state',
    });
    expect(rollbackState(pointers[0], denied).enabled).toBe(false);
    // Moved twice, but the backend names no target: the page does not guess one.
    expect(
      rollbackState({ ...pointers[0], rollbackTarget: undefined }, allowed)
        .enabled,
    ).toBe(false);
  });
});

describe('callersNotice', () => {
  it("says whether callers read the new ARN now, naming the pointer's SSM parameter", () => {
    const pointer = aPointer('production', 'us-east-1', 3, {
      parameterName: '/team-a/support-assistant/production',
    });
    expect(callersNotice({ published: true, pointer })).toBe(
      'Callers reading /team-a/support-assistant/production get the new ARN now.',
    );
    expect(callersNotice({ published: false, pointer })).toBe(
      'Saved; SSM (/team-a/support-assistant/production) is being updated and will follow within a minute.',
    );
  });
});

describe('Use this model', () => {
  it('uses Converse when Bedrock says the model is instruct, else its architecture decides', () => {
    expect(
      supportsConverse({ instructSupported: false, architecture: 'llama' }),
    ).toBe(false);
    expect(supportsConverse({ architecture: 'mistral' })).toBe(true);
    expect(supportsConverse({ architecture: 'qwen2' })).toBe(false);
    expect(supportsConverse({})).toBe(false);
  });

  it('writes a Converse or an InvokeModel snippet that reads the ARN from SSM', () => {
    const converse = sdkSnippet({
      parameterName: '/bedrock-models/m/production',
      region: 'us-east-1',
      converse: true,
    });
    expect(converse).toContain(
      'ssm.get_parameter(Name="/bedrock-models/m/production")',
    );
    expect(converse).toContain('bedrock.converse(');
    const invoke = sdkSnippet({
      parameterName: '/p',
      region: 'eu-central-1',
      converse: false,
      architecture: 'llama',
    });
    expect(invoke).toContain('bedrock.invoke_model(');
    expect(invoke).toContain('"max_gen_len": 256');
    expect(invoke).toContain('region_name="eu-central-1"');
  });

  it('gives a measured cold start in seconds, or says it is not measured', () => {
    expect(coldStartHint({ coldStartMs: 14_200 })).toContain('about 14 s');
    expect(coldStartHint({})).toContain('not measured yet');
  });
});
