export { BedrockModelsClient } from './BedrockModelsClient';
export { isApprovalRequested } from './pointerMoveResult';
export type {
  ApprovalDecisionCall,
  AuditTrailFilters,
  AuditTrailQuery,
  GovernanceReportCsvQuery,
  ApprovalRequestsQuery,
  BedrockModelsApi,
  EvaluationSuiteCall,
  GovernanceReportFilters,
  GovernanceReportQuery,
  ImportVersionCall,
  InventoryQuery,
  KeepWarmPolicyCall,
  PointerLocator,
  PointerMoveResult,
  PromoteVersionCall,
  RetireVersionCall,
  RollbackPointerCall,
  SearchModelsQuery,
  StartEvaluationCall,
} from './BedrockModelsApi';
