/**
 * A local, wire-compatible stand-in for the AWS APIs the bedrock-models plugins call.
 *
 * @packageDocumentation
 */

export { startEmulator } from './startEmulator';
export { runCli } from './cli/runCli';
export type { RunningEmulator } from './startEmulator';
export type { EmulatorOptions } from './core/EmulatorOptions';
export { DEFAULT_OPTIONS } from './core/EmulatorOptions';
export type { FaultRule } from './core/FaultInjector';
export { readSigV4Scope } from './core/sigv4Scope';
export type { SigV4Scope } from './core/sigv4Scope';
export {
  llama31_8bArtifacts,
  mistral7bArtifacts,
  qwen25_7bArtifacts,
  brokenArtifacts,
} from './seed/artifactSets';
export type { ArtifactSet } from './seed/artifactSets';
export { stageArtifactSet } from './seed/stageArtifactSet';
export { seedImportedModels } from './seed/seedImportedModels';
