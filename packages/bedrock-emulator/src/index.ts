/**
 * A local, wire-compatible stand-in for the AWS APIs the bedrock-models plugins call.
 *
 * @packageDocumentation
 */

export {
  createEmulatorServer,
  EMULATOR_HEALTH_PATH,
} from './createEmulatorServer';
export { readSigV4Scope } from './sigv4Scope';
export type { SigV4Scope } from './sigv4Scope';
