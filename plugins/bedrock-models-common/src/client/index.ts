export { BedrockModelsClient } from './BedrockModelsClient';
export { isApprovalRequested } from './pointerMoveResult';
export type {
  ApprovalDecisionCall,
  ApprovalRequestsQuery,
  BedrockModelsApi,
  EvaluationSuiteCall,
  GovernanceReportFilters,
  GovernanceReportQuery,
  ImportVersionCall,
  InventoryQuery,
  PointerLocator,
  PointerMoveResult,
  PromoteVersionCall,
  RetireVersionCall,
  RollbackPointerCall,
  SearchModelsQuery,
  StartEvaluationCall,
} from './BedrockModelsApi';
