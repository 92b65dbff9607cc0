import {
  AliasPointer,
  checkRetirement,
  ModelVersion,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { pointersNaming } from './regionPointerViews';

/** Whether an action may be taken, and if not, why (shown next to the disabled button). */
export type ActionState =
  | { enabled: true }
  | {
      enabled: false;
      reason: string;
      /** `permission`: the user may not; `state`: nobody may, as things stand. */
      cause: 'permission' | 'state';
    };

/** What the signed-in user may do on this model, as the permission framework answered. */
export type ModelPermissions = {
  canPromote: boolean;
  canRetire: boolean;
  /** True while the answers are not in yet: actions stay disabled meanwhile. */
  loading: boolean;
};

/** Why an action is refused to someone who is neither an owner nor an admin. */
export const NOT_OWNER_REASON =
  'Only the owners of this model and the portal admins may do this.';

const checking: ActionState = {
  enabled: false,
  reason: 'Checking your permissions…',
  cause: 'permission',
};
const notOwner: ActionState = {
  enabled: false,
  reason: NOT_OWNER_REASON,
  cause: 'permission',
};
const because = (reason: string): ActionState => ({
  enabled: false,
  reason,
  cause: 'state',
});

/** Whether Promote is possible for a version, and why not. */
export function promoteState(
  version: ModelVersion,
  permissions: ModelPermissions,
): ActionState {
  if (permissions.loading) return checking;
  if (!permissions.canPromote) return notOwner;
  if (version.status !== 'ready') {
    return because(
      `Version ${version.number} is ${version.status}: only a ready version can be promoted.`,
    );
  }
  return { enabled: true };
}

/** Whether Retire is possible for a version, and why not (the same rule the backend applies). */
export function retireState(
  version: ModelVersion,
  pointers: AliasPointer[],
  permissions: ModelPermissions,
): ActionState {
  if (permissions.loading) return checking;
  if (!permissions.canRetire) return notOwner;
  const check = checkRetirement({
    version,
    pointersNamingIt: pointersNaming(version, pointers),
  });
  if (check.kind === 'conflict') return because(check.message);
  if (check.kind === 'invalid') return because(check.problems.join(' '));
  return { enabled: true };
}

/** Whether a pointer can be rolled back: the backend names the version a rollback would go to. */
export function rollbackState(
  pointer: AliasPointer,
  permissions: Pick<ModelPermissions, 'canPromote' | 'loading'>,
): ActionState {
  if (permissions.loading) return checking;
  if (!permissions.canPromote) return notOwner;
  if (pointer.rollbackTarget === undefined) {
    return because(
      `The ${pointer.alias} pointer in ${pointer.region} has never named another version.`,
    );
  }
  return { enabled: true };
}
