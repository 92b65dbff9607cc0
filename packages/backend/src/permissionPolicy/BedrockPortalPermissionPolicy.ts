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
import {
  bedrockModelConditions,
  createBedrockModelConditionalDecision,
} from '@bedrock-portal/backstage-plugin-bedrock-models-backend';
import {
  bedrockModelPromotePermission,
  bedrockModelRetirePermission,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';

/**
 * The portal's permission policy: everyone signed in may read and import; promoting, rolling back
 * and retiring a model's versions is for the model's owners (the user or a group they belong to)
 * and for the configured admin groups. Everything else is allowed, as in a default portal.
 */
export class BedrockPortalPermissionPolicy implements PermissionPolicy {
  constructor(private readonly adminGroups: string[]) {}

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const { permission } = request;
    if (
      isPermission(permission, bedrockModelPromotePermission) ||
      isPermission(permission, bedrockModelRetirePermission)
    ) {
      // Service calls carry no user: pipelines act on behalf of the user who runs them.
      if (!user) {
        return { result: AuthorizeResult.DENY };
      }
      const claims = user.info.ownershipEntityRefs;
      if (claims.some(ref => this.adminGroups.includes(ref))) {
        return { result: AuthorizeResult.ALLOW };
      }
      return createBedrockModelConditionalDecision(
        permission,
        bedrockModelConditions.isModelOwner({ claims }),
      );
    }
    return { result: AuthorizeResult.ALLOW };
  }
}
