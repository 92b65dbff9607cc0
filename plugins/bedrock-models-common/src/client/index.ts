export { BedrockModelsClient } from './BedrockModelsClient';
export type {
  BedrockModelsApi,
  GovernanceReportFilters,
  ImportVersionCall,
  PointerLocator,
  PromoteVersionCall,
  RetireVersionCall,
  RollbackPointerCall,
  SearchModelsQuery,
} from './BedrockModelsApi';
