/**
 * Types, entity constants and pure rules shared by the bedrock-models plugins.
 *
 * @packageDocumentation
 */

export * from './constants';
export * from './health';
export { checkModelName } from './domain/modelName';
export { parseS3Uri } from './domain/s3Uri';
export type { S3Location } from './domain/s3Uri';
