import {
  aliasParam,
  modelNameParam,
  parseInput,
  pointerQuery,
} from '../registryRequests';
import { aliasField, modelField, regionField } from './inputFields';
import { pointerMoveOutput } from './outputSchemas';
import { RegistryActionsOptions } from './RegistryActionsOptions';

/**
 * Registers `get-pointer-history`: every move of one pointer, or what it named at a time, as
 * `GET /models/{model}/aliases/{alias}/history`.
 *
 * @internal
 */
export function registerGetPointerHistoryAction(
  options: RegistryActionsOptions,
) {
  const { actionsRegistry, registry, config } = options;
  actionsRegistry.register({
    name: 'get-pointer-history',
    title: 'Get the history of a model alias',
    description:
      'Every move of one alias pointer of a model in one Region (e.g. production in us-east-1): each promote and rollback, from which version to which, who made it, when and why, oldest first. With `at`, instead answers which version the pointer named at that moment (e.g. "what served production last Tuesday at 14:00", for an incident review).',
    attributes: { readOnly: true, destructive: false, idempotent: true },
    schema: {
      input: z =>
        z
          .object({
            model: modelField(z),
            alias: aliasField(z, config),
            region: regionField(z, config, 'of the pointer'),
            at: z
              .string()
              .optional()
              .describe(
                'A point in time, ISO 8601 (e.g. 2025-03-04T14:00:00Z): answer the version the pointer named then, instead of the history.',
              ),
          })
          .strict(),
      output: z =>
        z
          .object({
            items: z
              .array(pointerMoveOutput(z))
              .optional()
              .describe('Without `at`: every move, oldest first.'),
            modelName: z.string().optional(),
            alias: z.string().optional(),
            region: z.string().optional(),
            at: z
              .string()
              .optional()
              .describe('With `at`: the time asked about.'),
            version: z
              .number()
              .nullable()
              .optional()
              .describe(
                'With `at`: the version the pointer named then; null when it named none yet.',
              ),
          })
          .passthrough(),
    },
    action: async ({ input, credentials }) => {
      const { model, alias, ...query } = input;
      const pointerAlias = aliasParam(config, alias);
      const { region, at } = parseInput(pointerQuery(config), query, 'input');
      const pointer = {
        modelName: modelNameParam(model),
        alias: pointerAlias,
        region,
      };
      const call = { credentials };
      const output = at
        ? await registry.getPointerAt({ ...pointer, at: new Date(at) }, call)
        : await registry.getPointerHistory(pointer, call);
      return { output };
    },
  });
}
