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
  bedrockModelImportPermission,
  bedrockModelPromotePermission,
  bedrockModelReadPermission,
  bedrockModelRetirePermission,
  Model,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';
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
