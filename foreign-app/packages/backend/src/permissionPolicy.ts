// The permission policy snippet from the bedrock-models backend README, as a platform team adds it.
import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  isPermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import {
  bedrockModelConditions,
  createBedrockModelConditionalDecision,
} from '@bedrock-portal/backstage-plugin-bedrock-models-backend';
import {
  bedrockModelAdministerPermission,
  bedrockModelPromotePermission,
  bedrockModelRetirePermission,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';

const ADMINS = 'group:default/platform-admins';

class AcmePermissionPolicy implements PermissionPolicy {
  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const { permission } = request;
    const claims = user?.info.ownershipEntityRefs ?? [];
    const isAdmin = claims.includes(ADMINS);

    // Promote, roll back and retire: the model's owners (the user or one of their groups) and admins.
    if (
      isPermission(permission, bedrockModelPromotePermission) ||
      isPermission(permission, bedrockModelRetirePermission)
    ) {
      if (isAdmin) {
        return { result: AuthorizeResult.ALLOW };
      }
      return createBedrockModelConditionalDecision(
        permission,
        bedrockModelConditions.isModelOwner({ claims }),
      );
    }
    // Act as a registry admin (models for other teams, raising a classification): admins only.
    if (isPermission(permission, bedrockModelAdministerPermission)) {
      return {
        result: isAdmin ? AuthorizeResult.ALLOW : AuthorizeResult.DENY,
      };
    }
    // Reading and importing (bedrock.model.read, bedrock.model.import), and everything else.
    return { result: AuthorizeResult.ALLOW };
  }
}

export const permissionModuleAcmePolicy = createBackendModule({
  pluginId: 'permission',
  moduleId: 'acme-policy',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint },
      async init({ policy }) {
        policy.setPolicy(new AcmePermissionPolicy());
      },
    });
  },
});
