import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { readRegistryConfig } from '@bedrock-portal/backstage-plugin-bedrock-models-backend';
import { BedrockPortalPermissionPolicy } from './BedrockPortalPermissionPolicy';

/** Installs the portal's permission policy (owners and admin groups move model pointers). */
export const permissionModuleBedrockPortalPolicy = createBackendModule({
  pluginId: 'permission',
  moduleId: 'bedrock-portal-policy',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint, config: coreServices.rootConfig },
      async init({ policy, config }) {
        policy.setPolicy(
          new BedrockPortalPermissionPolicy(
            readRegistryConfig(config).adminGroups,
          ),
        );
      },
    });
  },
});
