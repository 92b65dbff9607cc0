import { createBackendModule } from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import {
  BedrockModelsService,
  bedrockModelsServiceRef,
} from '@bedrock-portal/backstage-plugin-bedrock-models-node';
import {
  createEvaluateModelAction,
  createPromoteModelAction,
} from '@bedrock-portal/backstage-plugin-scaffolder-backend-module-bedrock-models';
import {
  RunningEmulator,
  startEmulator,
} from '@bedrock-portal/bedrock-emulator';
import type { JsonObject } from '@backstage/types';
import { Knex } from 'knex';
import request from 'supertest';
import {
  insertSummarizer,
  startPolicyTestBackend,
} from './__testUtils__/policyTestBackend';

jest.setTimeout(120_000);

const GROUPS: Record<string, string[]> = {
  'user:default/ana': ['group:default/support-ml'],
  'user:default/root': ['group:default/admins'],
  'user:default/bo': ['group:default/other-team'],
};

/** The credentials a scaffolder task hands its actions, for each kind of caller. */
const CALLERS = {
  'no token': mockCredentials.none(),
  service: mockCredentials.service(),
  'non-owner': mockCredentials.user('user:default/bo'),
  owner: mockCredentials.user('user:default/ana'),
  admin: mockCredentials.user('user:default/root'),
};
type Caller = keyof typeof CALLERS;

/**
 * Why each refused caller is refused. Without a token the backend is not even asked (Backstage will not
 * issue a token on behalf of nobody); a scaffolder task always has a user, so this is for completeness.
 */
const SERVICE_ONLY =
  'on behalf of a user: call with a user token (or on behalf of one), not service credentials alone.';
const REFUSAL = {
  'no token': "Refused to issue service token for credential type 'none'",
  'non-owner':
    'You may not move the pointers of model summarizer: only its owners and the portal admins may.',
};
const EVALUATE_REFUSAL: Record<string, string> = {
  ...REFUSAL,
  service: `Evaluations are run ${SERVICE_ONLY}`,
};
const PROMOTE_REFUSAL: Record<string, string> = {
  ...REFUSAL,
  service: `Pointers are moved ${SERVICE_ONLY}`,
};

/**
 * The template actions that change the registry (promote, evaluate), run with each kind of caller's
 * credentials against the bedrock-models backend behind the real permission backend and the portal's
 * policy: the action calls the backend on behalf of the user running the template, so the backend's
 * decision is the action's, and a refused caller changes nothing.
 */
describe('the changing scaffolder actions, by each caller, through the permission backend', () => {
  let emulator: RunningEmulator;
  let knex: Knex;
  let service: BedrockModelsService;

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
    // What the scaffolder module is given: the service that calls the backend on behalf of the user.
    const serviceProbe = createBackendModule({
      pluginId: 'bedrock-models',
      moduleId: 'action-matrix',
      register(env) {
        env.registerInit({
          deps: { bedrockModels: bedrockModelsServiceRef },
          async init({ bedrockModels }) {
            service = bedrockModels;
          },
        });
      },
    });
    const backend = await startPolicyTestBackend({
      emulator,
      groups: GROUPS,
      extraFeatures: [serviceProbe],
    });
    knex = backend.knex;
    await insertSummarizer(
      knex,
      [1, 2, 3].map(number => ({ number, created_by: 'user:default/ana' })),
    );
    const suite = await request(backend.server)
      .put('/api/bedrock-models/models/summarizer/evaluation-suite')
      .set('Authorization', mockCredentials.user.header('user:default/ana'))
      .send({
        prompts: [
          { id: 'hi', prompt: 'Say hi', checks: { mustContain: ['hi'] } },
        ],
      });
    if (suite.status !== 200) {
      throw new Error(`the suite was not saved: ${suite.status} ${suite.text}`);
    }
  });

  afterAll(async () => {
    await emulator?.close();
  });

  /** A step's context whose initiator is the caller. */
  function contextAs(caller: Caller, input: JsonObject) {
    const ctx = createMockActionContext({
      input,
      logger: mockServices.logger.mock(),
    });
    return { ...ctx, getInitiatorCredentials: async () => CALLERS[caller] };
  }

  const count = async (table: string) =>
    Number((await knex(table).count({ n: '*' }))[0].n);

  const EVALUATE_INPUT = {
    modelName: 'summarizer',
    version: 1,
    region: 'us-east-1',
    failOnFailure: false,
    // The run itself is not what this asks: stop following it at once.
    timeoutMinutes: 0.001,
  };

  /** Runs bedrock:model:evaluate as the caller; its outcome (an error or nothing) and its outputs. */
  async function evaluateAs(caller: Caller) {
    const action = createEvaluateModelAction({
      service,
      wait: { pollIntervalMs: 20, progressIntervalMs: 1_000 },
    });
    const ctx = contextAs(caller, EVALUATE_INPUT);
    // The handler's context type is the action's own; the mock context is built for its input.
    const outcome = await action
      .handler(ctx as unknown as Parameters<typeof action.handler>[0])
      .then(
        () => undefined,
        (error: Error) => error.message,
      );
    return { outcome, output: ctx.output };
  }

  /** Runs bedrock:model:promote as the caller, moving staging to `version`; its error message, if any. */
  async function promoteAs(caller: Caller, version: number) {
    const action = createPromoteModelAction({ service });
    const ctx = contextAs(caller, {
      modelName: 'summarizer',
      alias: 'staging',
      region: 'us-east-1',
      version,
      reason: `matrix: ${caller}`,
    });
    return action
      .handler(ctx as unknown as Parameters<typeof action.handler>[0])
      .then(
        () => undefined,
        (error: Error) => error.message,
      );
  }

  const stagingVersion = async () =>
    (
      await knex('alias_pointers')
        .where({ model_name: 'summarizer', alias: 'staging' })
        .first()
    )?.version_number;

  it.each(['no token', 'service', 'non-owner'] as const)(
    'bedrock:model:evaluate by %s: refused, no run started',
    async caller => {
      const before = await count('evaluation_runs');
      const { outcome, output } = await evaluateAs(caller);
      expect(outcome).toBe(
        `The evaluation of summarizer v1 in us-east-1 was not started: ${EVALUATE_REFUSAL[caller]}`,
      );
      expect(output).not.toHaveBeenCalled();
      expect(await count('evaluation_runs')).toBe(before);
    },
  );

  it.each(['owner', 'admin'] as const)(
    'bedrock:model:evaluate by %s: a run is started',
    async caller => {
      const before = await count('evaluation_runs');
      const { output } = await evaluateAs(caller);
      expect(output).toHaveBeenCalledWith('runId', expect.any(String));
      expect(await count('evaluation_runs')).toBe(before + 1);
    },
  );

  it.each(['no token', 'service', 'non-owner'] as const)(
    'bedrock:model:promote by %s: refused, nothing moves',
    async caller => {
      const moves = await count('alias_history');
      const pointer = await stagingVersion();
      expect(await promoteAs(caller, 1)).toBe(
        `staging of summarizer in us-east-1 was not moved to v1: ${PROMOTE_REFUSAL[caller]}`,
      );
      expect(await count('alias_history')).toBe(moves);
      expect(await stagingVersion()).toBe(pointer);
    },
  );

  it.each([
    ['owner', 2],
    ['admin', 3],
  ] as const)(
    'bedrock:model:promote by %s: moves staging to v%p',
    async (caller, version) => {
      const moves = await count('alias_history');
      expect(await promoteAs(caller, version)).toBeUndefined();
      expect(await count('alias_history')).toBe(moves + 1);
      expect(await stagingVersion()).toBe(version);
    },
  );
});
