import { modelSearchQuery, parseInput } from '../registryRequests';
import { accountField, regionField } from './inputFields';
import { modelOutput } from './outputSchemas';
import { RegistryActionsOptions } from './RegistryActionsOptions';

/**
 * Registers `list-models`: the model search of `GET /models`, with its filters, sort and pages.
 *
 * @internal
 */
export function registerListModelsAction(options: RegistryActionsOptions) {
  const { actionsRegistry, registry, config } = options;
  actionsRegistry.register({
    name: 'list-models',
    title: 'List Bedrock models',
    description:
      "Search the registry of fine-tuned Amazon Bedrock models (imported with Custom Model Import): by text, owner, account, Region, architecture or classification, or by whether an alias (e.g. production) is set. Each result has the owner, how many versions, the Regions and which version each alias names per Region. Use it to find a model's exact name; then get-model for its versions and history.",
    attributes: { readOnly: true, destructive: false, idempotent: true },
    schema: {
      input: z =>
        z
          .object({
            q: z
              .string()
              .optional()
              .describe(
                'Text to find in the model name, title or description (case-insensitive), at most 200 characters.',
              ),
            owner: z
              .string()
              .optional()
              .describe(
                'Only models owned by this catalog entity ref, exactly, e.g. group:default/support-ml.',
              ),
            account: accountField(z, config, 'with a version in it').optional(),
            region: regionField(z, config, 'with a version in it').optional(),
            architecture: z
              .string()
              .optional()
              .describe(
                'Only models with a version of this architecture, e.g. LlamaForCausalLM.',
              ),
            classification: z
              .string()
              .optional()
              .describe(
                `Only models of this data classification: one of ${config.classifications.join(
                  ', ',
                )}.`,
              ),
            alias: z
              .string()
              .optional()
              .describe(
                `With aliasState: the alias to test (one of ${config.aliases.join(
                  ', ',
                )}).`,
              ),
            aliasState: z
              .enum(['set', 'unset'])
              .optional()
              .describe(
                'With alias: only models whose alias pointer names a version (set) or none (unset); in the given region when one is given.',
              ),
            sort: z
              .enum(['name', 'updatedAt'])
              .optional()
              .describe('Order by name (default) or last change.'),
            order: z
              .enum(['asc', 'desc'])
              .optional()
              .describe('asc (default) or desc.'),
            limit: z
              .number()
              .int()
              .optional()
              .describe('Models per page: 1-200, default 50.'),
            offset: z
              .number()
              .int()
              .optional()
              .describe('Models to skip, for the next page (default 0).'),
          })
          .strict(),
      output: z =>
        z
          .object({
            items: z.array(
              modelOutput(z)
                .extend({
                  versionCount: z.number(),
                  regions: z
                    .array(z.string())
                    .describe('Regions the model has versions in.'),
                  pointers: z
                    .array(
                      z
                        .object({
                          alias: z.string(),
                          region: z.string(),
                          version: z.number(),
                        })
                        .passthrough(),
                    )
                    .describe('Which version each alias names, per Region.'),
                })
                .passthrough(),
            ),
            totalCount: z
              .number()
              .describe('How many models match in all (not only this page).'),
          })
          .passthrough(),
    },
    action: async ({ input, credentials }) => {
      const search = parseInput(modelSearchQuery(config), input, 'input');
      const output = await registry.searchModels(search, { credentials });
      return { output };
    },
  });
}
