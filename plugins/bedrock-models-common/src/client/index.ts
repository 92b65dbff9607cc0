export { BedrockModelsClient } from './BedrockModelsClient';
export type {
  BedrockModelsApi,
  GovernanceReportFilters,
  GovernanceReportQuery,
  ImportVersionCall,
  InventoryQuery,
  PointerLocator,
  PromoteVersionCall,
  RetireVersionCall,
  RollbackPointerCall,
  SearchModelsQuery,
} from './BedrockModelsApi';
