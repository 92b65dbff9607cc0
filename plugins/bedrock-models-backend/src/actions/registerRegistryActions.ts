import { registerGetCostAction } from './getCostAction';
import { registerGetModelAction } from './getModelAction';
import { registerGetPointerHistoryAction } from './getPointerHistoryAction';
import { registerGetQuotasAction } from './getQuotasAction';
import { registerListModelsAction } from './listModelsAction';
import { registerPromoteAction } from './promoteAction';
import { RegistryActionsOptions } from './RegistryActionsOptions';
import { registerRollbackAction } from './rollbackAction';
import { registerStartImportAction } from './startImportAction';
import { registerValidateArtifactsAction } from './validateArtifactsAction';

/**
 * Registers the registry's actions (for AI assistants through the MCP actions backend, and any other
 * caller of the actions service). Each is a thin call into the same authorizing registry service the
 * REST API calls, with the caller's credentials, so permissions and audit events are the same.
 *
 * @internal
 */
export function registerRegistryActions(options: RegistryActionsOptions) {
  registerListModelsAction(options);
  registerGetModelAction(options);
  registerGetPointerHistoryAction(options);
  registerGetCostAction(options);
  registerGetQuotasAction(options);
  registerValidateArtifactsAction(options);
  registerPromoteAction(options);
  registerRollbackAction(options);
  registerStartImportAction(options);
}
