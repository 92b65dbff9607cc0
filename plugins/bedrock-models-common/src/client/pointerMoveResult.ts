import type { ApprovalRequestResponse } from '../schema/openapi/generated';
import type { PointerMoveResult } from './BedrockModelsApi';

/**
 * Whether a promote or rollback became an approval request (an approval rule covers the pointer) rather
 * than moving it.
 *
 * @public
 */
export function isApprovalRequested(
  result: PointerMoveResult,
): result is ApprovalRequestResponse {
  return 'approvalRequest' in result;
}
