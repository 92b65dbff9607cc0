import {
  createConditionExports,
  createPermissionResourceRef,
  createPermissionRule,
} from '@backstage/plugin-permission-node';
import {
  BEDROCK_MODEL_RESOURCE_TYPE,
  BEDROCK_MODELS_PLUGIN_ID,
  Model,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { z } from 'zod';

/**
 * How a model condition filters models in a query: by owner.
 *
 * @public
 */
export type BedrockModelQuery = { property: 'owner'; values: string[] };

/**
 * The permission resource a model is.
 *
 * @public
 */
export const bedrockModelResourceRef = createPermissionResourceRef<
  Model,
  BedrockModelQuery
>().with({
  pluginId: BEDROCK_MODELS_PLUGIN_ID,
  resourceType: BEDROCK_MODEL_RESOURCE_TYPE,
});

/**
 * Allows a model's owners: a user whose ownership refs (the user and their groups) include its owner.
 *
 * @public
 */
export const isModelOwner = createPermissionRule({
  name: 'IS_MODEL_OWNER',
  description:
    'Allow users who own the model, directly or through a group they belong to',
  resourceRef: bedrockModelResourceRef,
  paramsSchema: z.object({
    claims: z
      .array(z.string())
      .describe('Entity refs of the user and the groups they belong to'),
  }),
  apply: (model, { claims }) => claims.includes(model.owner),
  toQuery: ({ claims }) => ({ property: 'owner', values: claims }),
});

const { conditions, createConditionalDecision } = createConditionExports({
  resourceRef: bedrockModelResourceRef,
  rules: { isModelOwner },
});

/**
 * Conditions a permission policy can use on bedrock-models permissions.
 *
 * @public
 */
export const bedrockModelConditions = conditions;

/**
 * Builds a conditional decision on a model permission for a permission policy.
 *
 * @public
 */
export const createBedrockModelConditionalDecision = createConditionalDecision;
