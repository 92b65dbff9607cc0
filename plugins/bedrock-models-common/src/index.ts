/**
 * Types, entity constants and pure rules shared by the bedrock-models plugins.
 *
 * @packageDocumentation
 */

export * from './constants';
export { checkModelName } from './domain/modelName';
export { parseS3Uri, S3_URI_FORM_PATTERN } from './domain/s3Uri';
export type { S3Location } from './domain/s3Uri';
export type { VersionRef } from './domain/registryTypes';
export {
  checkPointerMove,
  checkStaleness,
  checkRetirement,
  currentVersion,
  rollbackTarget,
  versionAt,
  MAX_REASON_LENGTH,
} from './domain/aliasRules';
export type { MoveCheck } from './domain/aliasRules';
export {
  checkArtifactSource,
  allowedSourcePrefixes,
  OWNER_NAME_PLACEHOLDER,
} from './domain/artifactSources';
export type { ArtifactSourceRule } from './domain/artifactSources';
export {
  checkVersionClassification,
  checkNewModelOwner,
} from './domain/classificationRules';
export type { ClassificationCheck } from './domain/classificationRules';
export * from './permissions';
export * from './schema/openapi';
export * from './client';
export * from './apiAliases';
export * from './domain/importCapabilities';
export {
  validateArtifacts,
  estimateCustomModelUnits,
} from './domain/artifactValidation';
export type {
  ArtifactObject,
  ArtifactListing,
  ArtifactValidationInput,
  QuotaHeadroom,
  ValidationProblem,
  DetectedArtifacts,
  ValidationReport,
} from './domain/artifactValidation';
export * from './domain/costArithmetic';
export {
  estimateImportDuration,
  formatEstimate,
} from './domain/importDuration';
export type { ImportDurationEstimate } from './domain/importDuration';
export { architectureChangeWarnings } from './domain/architectureChange';
export type { ProductionVersion } from './domain/architectureChange';
export * from './events';
export { governanceReportCsv } from './domain/governanceCsv';
export { auditTrailCsv } from './domain/auditTrailCsv';
export { notOwnerRefusal, serviceAloneRefusal } from './domain/accessRefusals';
export {
  costShare,
  quotaNearlyFull,
  DEFAULT_IDLE_DAYS,
  QUOTA_NEARLY_FULL_SHARE,
} from './domain/attentionRules';
export {
  isIdle,
  matchesReportFilters,
  servesProduction,
} from './domain/reportFilters';
export type { ReportFilters } from './domain/reportFilters';
export { AUDIT_EVENT_KINDS, REPORT_SORT_KEYS } from './domain/queryVocabulary';
export { toCsv } from './domain/csv';
export type { CsvValue } from './domain/csv';
export {
  versionEntityName,
  modelEntityRef,
  versionEntityRef,
  importedModelsConsoleUrl,
  importedModelConsoleUrl,
} from './domain/entityNames';
export {
  approvalRuleFor,
  checkApprover,
  isSatisfied,
  moveGate,
  MODEL_OWNERS,
} from './domain/approvalRules';
export type { MoveGate } from './domain/approvalRules';
export {
  checkPromptChecks,
  evaluateOutcome,
  evaluationVerdict,
  percentile,
  summarizeRun,
  MAX_PATTERN_LENGTH,
} from './domain/evaluationChecks';
export type {
  EvaluationGate,
  GateVerdict,
  PromptOutcome,
  RunSummary,
} from './domain/evaluationChecks';
export {
  BUSINESS_HOURS,
  checkKeepWarmRules,
  heartbeatSlots,
  isInsideWindows,
  isTimeZone,
  localTime,
  MAX_KEEP_WARM_WINDOWS,
  nextStretch,
  planHeartbeat,
  stretchAt,
  stretchesBetween,
  WEEKDAYS,
} from './domain/keepWarmSchedule';
export type {
  HeartbeatPlan,
  KeepWarmRules,
  KeepWarmTiming,
  Stretch,
} from './domain/keepWarmSchedule';
export {
  coldStartsInsidePolicy,
  KEEP_WARM_REFERENCE_DAYS,
  keepWarmEstimate,
  keepWarmWindows,
  loadedSpells,
} from './domain/keepWarmCost';
export type { KeepWarmCostEstimate, LoadedSpells } from './domain/keepWarmCost';
