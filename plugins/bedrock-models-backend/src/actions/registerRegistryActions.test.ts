import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import { ConfigReader } from '@backstage/config';
import { JsonObject } from '@backstage/types';
import { readRegistryConfig } from '../config/readRegistryConfig';
import { RegistryService } from '../service/RegistryService';
import { registerRegistryActions } from './registerRegistryActions';

const config = readRegistryConfig(
  new ConfigReader({
    bedrockModels: {
      accounts: [
        { accountId: '123456789012', regions: ['us-east-1', 'eu-central-1'] },
      ],
      aliases: ['production', 'staging'],
    },
  }),
);

const credentials = mockCredentials.user('user:default/ana');

/** The registry service the actions call, each method a mock answering `answer`. */
function registryAnswering(answer: object) {
  const methods = [
    'searchModels',
    'getModel',
    'getPointerHistory',
    'getPointerAt',
    'getModelCost',
    'getQuotas',
    'validateArtifacts',
    'importVersion',
    'promote',
    'rollback',
  ] as const;
  return Object.fromEntries(
    methods.map(method => [method, jest.fn().mockResolvedValue(answer)]),
  ) as unknown as jest.Mocked<RegistryService>;
}

function setUp(answer: object = {}) {
  const actionsRegistry = actionsRegistryServiceMock({
    logger: mockServices.logger.mock(),
  });
  const registry = registryAnswering(answer);
  registerRegistryActions({ actionsRegistry, registry, config });
  const invoke = (name: string, input: JsonObject) =>
    actionsRegistry.invoke({ id: `test:${name}`, input, credentials });
  return { actionsRegistry, registry, invoke };
}

describe('registerRegistryActions', () => {
  it('registers every tool with honest attributes', async () => {
    const { actionsRegistry } = setUp();
    const { actions } = await actionsRegistry.list();
    expect(
      Object.fromEntries(actions.map(a => [a.name, a.attributes])),
    ).toEqual({
      'list-models': { readOnly: true, destructive: false, idempotent: true },
      'get-model': { readOnly: true, destructive: false, idempotent: true },
      'get-pointer-history': {
        readOnly: true,
        destructive: false,
        idempotent: true,
      },
      'get-cost': { readOnly: true, destructive: false, idempotent: true },
      'get-quotas': { readOnly: true, destructive: false, idempotent: true },
      'validate-artifacts': {
        readOnly: true,
        destructive: false,
        idempotent: true,
      },
      promote: { readOnly: false, destructive: true, idempotent: true },
      rollback: { readOnly: false, destructive: true, idempotent: false },
      'start-import': { readOnly: false, destructive: false, idempotent: true },
    });
  });

  it('calls the registry service as the caller, with the input parsed as the REST API parses it', async () => {
    const { registry, invoke: invokeChecked } = setUp();
    // The mock answers {}, which no output schema accepts; this test is about the calls.
    const invoke = (name: string, input: JsonObject) =>
      invokeChecked(name, input).catch(() => undefined);
    await invoke('list-models', { region: 'eu-central-1' });
    expect(registry.searchModels).toHaveBeenCalledWith(
      {
        region: 'eu-central-1',
        sort: 'name',
        order: 'asc',
        limit: 50,
        offset: 0,
      },
      // The credentials alone: no HTTP request, so the audit events name the caller from them.
      { credentials },
    );

    await invoke('get-pointer-history', {
      model: 'summarizer',
      alias: 'production',
      region: 'us-east-1',
      at: '2025-03-04T14:00:00Z',
    });
    expect(registry.getPointerAt).toHaveBeenCalledWith(
      {
        modelName: 'summarizer',
        alias: 'production',
        region: 'us-east-1',
        at: new Date('2025-03-04T14:00:00Z'),
      },
      { credentials },
    );

    await invoke('rollback', {
      model: 'summarizer',
      alias: 'staging',
      region: 'us-east-1',
      reason: '  too slow  ',
      expectedCurrentVersion: 2,
      dryRun: true,
    });
    expect(registry.rollback).toHaveBeenCalledWith(
      {
        modelName: 'summarizer',
        alias: 'staging',
        region: 'us-east-1',
        reason: 'too slow',
        expectedCurrentVersion: 2,
        dryRun: true,
      },
      { credentials },
    );

    await invoke('start-import', {
      model: 'new-model',
      idempotencyKey: 'key-1',
      s3Uri: 's3://bucket/weights/',
      accountId: '123456789012',
      region: 'us-east-1',
      classification: 'internal',
      owner: 'group:support-ml',
    });
    expect(registry.importVersion).toHaveBeenCalledWith(
      'new-model',
      {
        s3Uri: 's3://bucket/weights/',
        accountId: '123456789012',
        region: 'us-east-1',
        classification: 'internal',
        owner: 'group:default/support-ml',
      },
      { credentials, idempotencyKey: 'key-1' },
    );
  });

  it.each([
    [
      'promote',
      { region: 'us-west-2', version: 2 },
      'Invalid input: region: must be a managed Region (us-east-1, eu-central-1)',
    ],
    [
      'promote',
      { alias: 'canary', version: 2 },
      'Unknown alias "canary": use one of production, staging.',
    ],
    [
      'rollback',
      { reason: '' },
      'Invalid input: reason: give a reason; it is kept in the history',
    ],
    [
      'rollback',
      { expectedCurrentVersion: 0 },
      'Invalid input: expectedCurrentVersion: Too small: expected number to be >0',
    ],
  ])(
    'refuses what the REST API refuses (%s %j), calling nothing',
    async (tool, change, message) => {
      const { registry, invoke } = setUp();
      await expect(
        invoke(tool, {
          model: 'summarizer',
          alias: 'production',
          region: 'us-east-1',
          reason: 'why',
          ...change,
        }),
      ).rejects.toMatchObject({ name: 'InputError', message });
      expect(registry.promote).not.toHaveBeenCalled();
      expect(registry.rollback).not.toHaveBeenCalled();
    },
  );

  it('passes on whatever a move answers, fields it does not know included', async () => {
    const answer = { something: { the: 'registry may answer later' } };
    const { invoke } = setUp(answer);
    const move = {
      model: 'summarizer',
      alias: 'production',
      region: 'us-east-1',
      reason: 'why',
    };
    await expect(invoke('promote', { ...move, version: 2 })).resolves.toEqual({
      output: answer,
    });
    await expect(invoke('rollback', move)).resolves.toEqual({
      output: answer,
    });
  });
});
