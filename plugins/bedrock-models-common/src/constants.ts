/**
 * The plugin id shared by the frontend, backend and node packages.
 *
 * @public
 */
export const BEDROCK_MODELS_PLUGIN_ID = 'bedrock-models';

/**
 * Catalog `spec.type` of a model entity (the type other AI catalogs use).
 *
 * @public
 */
export const AI_MODEL_ENTITY_TYPE = 'ai-model';

/**
 * Catalog `spec.type` of one imported version of a model.
 *
 * @public
 */
export const AI_MODEL_VERSION_ENTITY_TYPE = 'ai-model-version';

/**
 * Prefix of every annotation this project writes on catalog entities.
 *
 * @public
 */
export const BEDROCK_MODELS_ANNOTATION_PREFIX = 'bedrock-models.io';

/**
 * Longest model name the portal accepts (leaves room for `-v<N>` suffixes within Bedrock's 63).
 *
 * @public
 */
export const MODEL_NAME_MAX_LENGTH = 50;

/**
 * Annotation naming the registry model an entity stands for (on model and version entities).
 *
 * @public
 */
export const BEDROCK_MODEL_NAME_ANNOTATION = 'bedrock-models.io/model';

/**
 * Annotation holding the version number on a version entity.
 *
 * @public
 */
export const BEDROCK_MODEL_VERSION_ANNOTATION = 'bedrock-models.io/version';
