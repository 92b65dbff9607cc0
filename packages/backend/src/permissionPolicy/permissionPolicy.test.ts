import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  createConditionAuthorizer,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { isModelOwner } from '@bedrock-portal/backstage-plugin-bedrock-models-backend';
import {
  bedrockModelAdministerPermission,
  bedrockModelApprovePermission,
  bedrockModelImportPermission,
  bedrockModelPromotePermission,
  bedrockModelReadPermission,
  bedrockModelRetirePermission,
  Model,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import {
  catalogEntityDeletePermission,
  catalogEntityReadPermission,
  catalogEntityRefreshPermission,
  catalogLocationCreatePermission,
  catalogLocationDeletePermission,
} from '@backstage/plugin-catalog-common/alpha';
import {
  taskCancelPermission,
  taskCreatePermission,
  taskReadPermission,
} from '@backstage/plugin-scaffolder-common/alpha';
import { BedrockPortalPermissionPolicy } from './BedrockPortalPermissionPolicy';

// Who belongs to which group, as the catalog says through the user info service.
const user = (ref: string, ...groups: string[]): PolicyQueryUser =>
  ({
    info: { userEntityRef: ref, ownershipEntityRefs: [ref, ...groups] },
  } as unknown as PolicyQueryUser);

const callers = {
  'non-owner': user('user:default/bo', 'group:default/other-team'),
  'owner (through a group)': user(
    'user:default/ana',
    'group:default/support-ml',
  ),
  'owner (directly)': user('user:default/cy'),
  admin: user('user:default/root', 'group:default/admins'),
  'service (no user)': undefined,
};

const model = (owner: string): Model => ({
  name: 'summarizer',
  owner,
  classification: 'internal',
  lineage: {},
  tags: [],
  createdBy: 'x',
  createdAt: '',
  updatedAt: '',
});

describe('BedrockPortalPermissionPolicy', () => {
  const policy = new BedrockPortalPermissionPolicy(['group:default/admins']);
  // Evaluates a conditional decision on a model as the bedrock-models plugin does when the permission backend asks it.
  const allows = createConditionAuthorizer<Model, unknown>([isModelOwner]);

  async function allowed(
    caller: keyof typeof callers,
    permission = bedrockModelPromotePermission,
    owner = 'group:default/support-ml',
  ) {
    const decision: PolicyDecision = await policy.handle(
      { permission },
      callers[caller],
    );
    return allows(decision, model(owner));
  }

  it.each([
    ['non-owner', false],
    ['owner (through a group)', true],
    ['admin', true],
    ['service (no user)', false],
  ] as const)(
    'promote and rollback (bedrock.model.promote) for %s: allowed %p',
    async (caller, expected) => {
      expect(await allowed(caller)).toBe(expected);
      expect(await allowed(caller, bedrockModelRetirePermission)).toBe(
        expected,
      );
    },
  );

  it.each([
    ['non-owner', true],
    ['owner (through a group)', true],
    ['admin', true],
    ['service (no user)', false],
  ] as const)(
    "deciding on approval requests (bedrock.model.approve) for %s: allowed %p (the rule's approvers are the backend's check)",
    async (caller, expected) => {
      expect(await allowed(caller, bedrockModelApprovePermission)).toBe(
        expected,
      );
    },
  );

  it('allows a user who owns the model directly', async () => {
    expect(
      await allowed(
        'owner (directly)',
        bedrockModelPromotePermission,
        'user:default/cy',
      ),
    ).toBe(true);
    expect(
      await allowed(
        'owner (directly)',
        bedrockModelPromotePermission,
        'group:default/support-ml',
      ),
    ).toBe(false);
  });

  it('answers admins outright and owners with a condition the plugin evaluates', async () => {
    expect(
      await policy.handle(
        { permission: bedrockModelPromotePermission },
        callers.admin,
      ),
    ).toEqual({ result: AuthorizeResult.ALLOW });
    expect(
      await policy.handle(
        { permission: bedrockModelPromotePermission },
        callers['non-owner'],
      ),
    ).toMatchObject({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'bedrock-models',
      resourceType: 'bedrock-model',
      conditions: {
        rule: 'IS_MODEL_OWNER',
        params: { claims: ['user:default/bo', 'group:default/other-team'] },
      },
    });
  });

  it('lets everyone read and import, and leaves other plugins allowed', async () => {
    for (const caller of Object.keys(callers) as Array<keyof typeof callers>) {
      expect(
        await policy.handle(
          { permission: bedrockModelReadPermission },
          callers[caller],
        ),
      ).toEqual({ result: AuthorizeResult.ALLOW });
      expect(
        await policy.handle(
          { permission: bedrockModelImportPermission },
          callers[caller],
        ),
      ).toEqual({ result: AuthorizeResult.ALLOW });
    }
    expect(
      await policy.handle(
        {
          permission: {
            type: 'basic',
            name: 'catalog.entity.create',
            attributes: { action: 'create' },
          },
        },
        callers['non-owner'],
      ),
    ).toEqual({ result: AuthorizeResult.ALLOW });
  });
});

describe('BedrockPortalPermissionPolicy: what a governance portal keeps for admins', () => {
  const policy = new BedrockPortalPermissionPolicy(['group:default/admins']);

  // The catalog entity belongs to support-ml; ana (a member of it) created one task, cy another.
  const rows = {
    'non-owner': user('user:default/bo', 'group:default/other-team'),
    'owner / task creator': user(
      'user:default/ana',
      'group:default/support-ml',
    ),
    admin: user('user:default/root', 'group:default/admins'),
    // Services never reach the policy (Backstage allows them before asking it); no user is a question
    // asked without any principal.
    'no user (unauthenticated)': undefined,
  };

  // Evaluates a decision on a task as the scaffolder does: ALLOW, DENY, or its IS_TASK_OWNER rule
  // (the task passes when its createdBy is one of the rule's createdBy refs).
  function allowsTask(decision: PolicyDecision, createdBy: string) {
    if (decision.result !== AuthorizeResult.CONDITIONAL) {
      return decision.result === AuthorizeResult.ALLOW;
    }
    expect(decision).toMatchObject({
      pluginId: 'scaffolder',
      resourceType: 'scaffolder-task',
      conditions: { rule: 'IS_TASK_OWNER', resourceType: 'scaffolder-task' },
    });
    const { params } = decision.conditions as unknown as {
      params: { createdBy: string[] };
    };
    return params.createdBy.includes(createdBy);
  }

  it.each([
    ['non-owner', false, false, false],
    ['owner / task creator', false, true, false],
    ['admin', true, true, true],
    ['no user (unauthenticated)', false, false, false],
  ] as const)(
    "%s: delete entities and locations, and act as registry admin %p; read and cancel ana's task %p, cy's task %p",
    async (caller, mayDelete, anasTask, cysTask) => {
      for (const permission of [
        catalogEntityDeletePermission,
        catalogLocationDeletePermission,
        bedrockModelAdministerPermission,
      ]) {
        expect([
          permission.name,
          await policy.handle({ permission }, rows[caller]),
        ]).toEqual([
          permission.name,
          { result: mayDelete ? AuthorizeResult.ALLOW : AuthorizeResult.DENY },
        ]);
      }
      for (const permission of [taskReadPermission, taskCancelPermission]) {
        const decision = await policy.handle({ permission }, rows[caller]);
        expect([
          permission.name,
          allowsTask(decision, 'user:default/ana'),
          allowsTask(decision, 'user:default/cy'),
        ]).toEqual([permission.name, anasTask, cysTask]);
      }
    },
  );

  it('keeps what users and services need: reading the catalog, refreshing, registering locations, creating tasks', async () => {
    for (const caller of Object.keys(rows) as Array<keyof typeof rows>) {
      for (const permission of [
        catalogEntityReadPermission,
        catalogEntityRefreshPermission,
        catalogLocationCreatePermission,
        taskCreatePermission,
      ]) {
        expect([
          caller,
          permission.name,
          await policy.handle({ permission }, rows[caller]),
        ]).toEqual([
          caller,
          permission.name,
          { result: AuthorizeResult.ALLOW },
        ]);
      }
    }
  });
});
