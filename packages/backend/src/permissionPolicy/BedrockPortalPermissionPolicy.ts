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
  catalogEntityDeletePermission,
  catalogLocationDeletePermission,
} from '@backstage/plugin-catalog-common/alpha';
import {
  taskCancelPermission,
  taskReadPermission,
} from '@backstage/plugin-scaffolder-common/alpha';
import {
  createScaffolderTaskConditionalDecision,
  scaffolderTaskConditions,
} from '@backstage/plugin-scaffolder-backend/alpha';
import {
  bedrockModelConditions,
  createBedrockModelConditionalDecision,
} from '@bedrock-portal/backstage-plugin-bedrock-models-backend';
import {
  bedrockModelAdministerPermission,
  bedrockModelApprovePermission,
  bedrockModelPromotePermission,
  bedrockModelRetirePermission,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';

const ALLOW: PolicyDecision = { result: AuthorizeResult.ALLOW };
const DENY: PolicyDecision = { result: AuthorizeResult.DENY };

/**
 * The portal's permission policy.
 *
 * - bedrock-models: everyone signed in may read and import; promoting, rolling back and retiring a
 *   model's versions is for the model's owners (the user or a group they belong to) and for the
 *   configured admin groups. Acting as a registry admin (`bedrock.model.administer`: creating a model
 *   for a team one is not in, raising a model's classification, retiring a version discovery found) is
 *   for the admin groups only. Deciding on an approval request (`bedrock.model.approve`) is for any
 *   signed-in user here: who may approve a move is the covering rule's list (bedrockModels.approvals:
 *   the model's owners, named groups), which the backend checks, never the requester; a stricter
 *   policy can narrow it further.
 * - catalog: deleting an entity (`catalog.entity.delete`) and unregistering a location
 *   (`catalog.location.delete`) are for the admin groups only, owners included: the catalog is the
 *   governance record, and removing a model or its owner from it is an admin's decision.
 * - scaffolder: a user reads and cancels the tasks they created (`scaffolder.task.read`,
 *   `scaffolder.task.cancel`, through the scaffolder's own IS_TASK_OWNER rule, which also filters
 *   the task list); the admin groups read and cancel every task.
 * - Everything else is allowed, as in a default portal.
 *
 * Services: Backstage never asks this policy about a service principal. Its permissions service
 * (ServerPermissionClient, @backstage/plugin-permission-node) answers ALLOW for service credentials
 * itself, limited only by the access restrictions of the caller's token
 * (backend.auth.externalAccess[].accessRestrictions), and the permission backend refuses to evaluate
 * for them. So the plugins of this backend keep everything they use: the catalog's own processing
 * (entity providers such as the bedrock-models module, locations, orphan cleanup) writes its database
 * without these permissions, the search collator and the auth backend read the catalog, and the
 * scaffolder runs its tasks in its own worker while its actions call other plugins on behalf of the
 * user who started the task (judged here as that user). What an external caller with a configured
 * token may do is set on that token (app-config.production.yaml shows a restricted example that can
 * neither delete nor unregister); none is configured by default. `user` is undefined here only for a
 * request without any principal (the permission backend's /authorize without a token): refused for
 * everything this policy protects.
 */
export class BedrockPortalPermissionPolicy implements PermissionPolicy {
  constructor(private readonly adminGroups: string[]) {}

  private isAdmin(user?: PolicyQueryUser): boolean {
    return (
      user?.info.ownershipEntityRefs.some(ref =>
        this.adminGroups.includes(ref),
      ) ?? false
    );
  }

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const { permission } = request;
    if (
      isPermission(permission, bedrockModelPromotePermission) ||
      isPermission(permission, bedrockModelRetirePermission)
    ) {
      // No user: an unauthenticated question (services never reach the policy, see above); the
      // bedrock-models backend itself makes pipelines act on behalf of the user who runs them.
      if (!user) {
        return DENY;
      }
      if (this.isAdmin(user)) {
        return ALLOW;
      }
      return createBedrockModelConditionalDecision(
        permission,
        bedrockModelConditions.isModelOwner({
          claims: user.info.ownershipEntityRefs,
        }),
      );
    }
    if (isPermission(permission, bedrockModelApprovePermission)) {
      return user ? ALLOW : DENY;
    }
    if (
      isPermission(permission, bedrockModelAdministerPermission) ||
      isPermission(permission, catalogEntityDeletePermission) ||
      isPermission(permission, catalogLocationDeletePermission)
    ) {
      return this.isAdmin(user) ? ALLOW : DENY;
    }
    if (
      isPermission(permission, taskReadPermission) ||
      isPermission(permission, taskCancelPermission)
    ) {
      if (!user) {
        return DENY;
      }
      if (this.isAdmin(user)) {
        return ALLOW;
      }
      // A task records the user entity that created it (createdBy), never a group.
      return createScaffolderTaskConditionalDecision(
        permission,
        scaffolderTaskConditions.isTaskOwner({
          createdBy: [user.info.userEntityRef],
        }),
      );
    }
    return ALLOW;
  }
}
