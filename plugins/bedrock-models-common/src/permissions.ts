import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Permission resource type of a model; resource refs are model names.
 *
 * @public
 */
export const BEDROCK_MODEL_RESOURCE_TYPE = 'bedrock-model';

/**
 * Read a model, its versions, pointers and history.
 *
 * @public
 */
export const bedrockModelReadPermission = createPermission({
  name: 'bedrock.model.read',
  attributes: { action: 'read' },
  resourceType: BEDROCK_MODEL_RESOURCE_TYPE,
});

/**
 * Import a new model or a new version of one.
 *
 * @public
 */
export const bedrockModelImportPermission = createPermission({
  name: 'bedrock.model.import',
  attributes: { action: 'create' },
});

/**
 * Promote a version to an alias, or roll an alias back.
 *
 * @public
 */
export const bedrockModelPromotePermission = createPermission({
  name: 'bedrock.model.promote',
  attributes: { action: 'update' },
  resourceType: BEDROCK_MODEL_RESOURCE_TYPE,
});

/**
 * Retire a version: delete its imported model in Bedrock.
 *
 * @public
 */
export const bedrockModelRetirePermission = createPermission({
  name: 'bedrock.model.retire',
  attributes: { action: 'delete' },
  resourceType: BEDROCK_MODEL_RESOURCE_TYPE,
});

/**
 * Approve or reject a request to move one of a model's pointers.
 *
 * @public
 */
export const bedrockModelApprovePermission = createPermission({
  name: 'bedrock.model.approve',
  attributes: { action: 'update' },
  resourceType: BEDROCK_MODEL_RESOURCE_TYPE,
});

/**
 * Act as a registry admin: create models owned by teams the caller is not in, raise a model's
 * classification, retire versions discovery found (imported outside the portal).
 *
 * @public
 */
export const bedrockModelAdministerPermission = createPermission({
  name: 'bedrock.model.administer',
  attributes: { action: 'update' },
});

/**
 * Every permission of the bedrock-models plugin.
 *
 * @public
 */
export const bedrockModelsPermissions = [
  bedrockModelReadPermission,
  bedrockModelImportPermission,
  bedrockModelPromotePermission,
  bedrockModelRetirePermission,
  bedrockModelApprovePermission,
  bedrockModelAdministerPermission,
];
