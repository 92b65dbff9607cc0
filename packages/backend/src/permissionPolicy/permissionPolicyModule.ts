import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { readRegistryConfig } from '@bedrock-portal/backstage-plugin-bedrock-models-backend';
import { BedrockPortalPermissionPolicy } from './BedrockPortalPermissionPolicy';

/**
 * Installs the portal's permission policy: owners and admin groups move model pointers; only admin
 * groups delete catalog entities, unregister locations and see other users' scaffolder tasks.
 */
export const permissionModuleBedrockPortalPolicy = createBackendModule({
  pluginId: 'permission',
  moduleId: 'bedrock-portal-policy',
  register(reg) {
    reg.registerInit({
      deps: {
        policy: policyExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
      },
      async init({ policy, config, logger }) {
        const { adminGroups } = readRegistryConfig(config);
        if (adminGroups.length === 0) {
          logger.warn(
            "bedrockModels.adminGroups is empty: nobody may delete catalog entities, unregister locations, read other users' scaffolder tasks or move pointers of models they do not own",
          );
        }
        policy.setPolicy(new BedrockPortalPermissionPolicy(adminGroups));
      },
    });
  },
});
