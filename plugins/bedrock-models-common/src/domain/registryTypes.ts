import type { ModelVersion } from '../schema/openapi/generated';

/**
 * The parts of a version the pointer rules look at.
 *
 * @public
 */
export type VersionRef = Pick<ModelVersion, 'number' | 'region' | 'status'>;

export type {
  AliasMove,
  AliasPointer,
  Model,
  ModelLineage,
  ModelVersion,
  PointerMove,
  VersionStatus,
} from '../schema/openapi/generated';
