import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { RegistryConfig } from '../config/readRegistryConfig';
import { RegistryService } from '../service/RegistryService';

/**
 * What the registry's actions are built from: the actions registry they join, the same authorizing
 * registry service the REST API calls, and the configuration its request schemas check against.
 *
 * @internal
 */
export type RegistryActionsOptions = {
  actionsRegistry: ActionsRegistryService;
  registry: RegistryService;
  config: RegistryConfig;
};
