import type {
  Health,
  ImportVersionRequest,
  ValidationReport,
} from './schema/openapi/generated';

/**
 * What `GET /api/bedrock-models/health` answers (the `Health` schema).
 *
 * @public
 */
export type BedrockModelsHealth = Health;

/**
 * `POST /validate` answers the report, whether or not it found problems.
 *
 * @public
 */
export type ValidateArtifactsResponse = ValidationReport;

/**
 * The fields of an import that describe a model when it is new.
 *
 * @public
 */
export type NewModelFields = Pick<
  ImportVersionRequest,
  'owner' | 'title' | 'description' | 'system' | 'lineage' | 'tags'
>;
