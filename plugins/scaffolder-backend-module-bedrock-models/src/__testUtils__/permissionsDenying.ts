import {
  coreServices,
  createServiceFactory,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';

/**
 * Permissions that allow everything except one permission to one user, as the portal's policy refuses
 * `bedrock.model.promote` to someone who owns none of a model's teams. The decision is the framework's;
 * the message is the backend's own.
 */
export function permissionsDenying(options: {
  userEntityRef: string;
  permissionName: string;
}) {
  const decide = (name: string, principal: unknown) => {
    const user = (principal as { userEntityRef?: string }).userEntityRef;
    return name === options.permissionName && user === options.userEntityRef
      ? AuthorizeResult.DENY
      : AuthorizeResult.ALLOW;
  };
  const permissions: PermissionsService = {
    async authorize(requests, { credentials }) {
      return requests.map(r => ({
        result: decide(r.permission.name, credentials.principal),
      }));
    },
    async authorizeConditional(requests, { credentials }) {
      return requests.map(r => ({
        result: decide(r.permission.name, credentials.principal),
      }));
    },
  };
  return createServiceFactory({
    service: coreServices.permissions,
    deps: {},
    factory: () => permissions,
  });
}
