import { costQuery, modelNameParam, parseInput } from '../registryRequests';
import { modelField } from './inputFields';
import { RegistryActionsOptions } from './RegistryActionsOptions';

/**
 * Registers `get-cost`: a model's cost per version and day over a period, as `GET /models/{model}/cost`.
 *
 * @internal
 */
export function registerGetCostAction(options: RegistryActionsOptions) {
  const { actionsRegistry, registry } = options;
  actionsRegistry.register({
    name: 'get-cost',
    title: 'Get the cost of a Bedrock model',
    description:
      "What a model cost over a period (default the last 30 days; `from` within the last 63 days, which CloudWatch keeps; at most 92 days long): per version and UTC day, compute (CloudWatch's count of running model copies x CMUs per copy x the configured price per CMU-minute) and storage, totals per Region, and a 30-day projection. Figures are estimates from the configured prices; `notes` say where one is partial.",
    attributes: { readOnly: true, destructive: false, idempotent: true },
    schema: {
      input: z =>
        z
          .object({
            model: modelField(z),
            from: z
              .string()
              .optional()
              .describe(
                'Start, ISO 8601 date-time with a time zone (e.g. 2025-03-01T00:00:00Z), within the last 63 days; default 30 days before `to`.',
              ),
            to: z
              .string()
              .optional()
              .describe(
                'End, ISO 8601 date-time with a time zone; default now. At most 92 days after `from`.',
              ),
          })
          .strict(),
      output: z => {
        // A function, not a shared object: a schema used twice becomes a $ref in the JSON schema.
        const amounts = () => ({
          compute: z.number(),
          storage: z.number(),
          total: z.number(),
        });
        return z
          .object({
            modelName: z.string(),
            owner: z.string(),
            from: z.string(),
            to: z.string(),
            versions: z.array(
              z
                .object({
                  version: z.number(),
                  region: z.string(),
                  accountId: z.string(),
                  importedModelArn: z.string().optional(),
                  cmusPerCopy: z.number().optional(),
                  days: z.array(
                    z
                      .object({
                        day: z.string().describe('UTC day, YYYY-MM-DD.'),
                        cmuMinutes: z.number(),
                        compute: z.number(),
                        storage: z.number(),
                      })
                      .passthrough(),
                  ),
                  ...amounts(),
                  notes: z
                    .array(z.string())
                    .describe('Why the figure is partial or missing.'),
                })
                .passthrough(),
            ),
            totals: z
              .object({
                ...amounts(),
                byRegion: z.record(z.number()),
              })
              .passthrough(),
            monthlyProjection: z
              .number()
              .describe('What 30 days cost at the rate of the period.'),
            prices: z
              .object({
                currency: z.string(),
                cmuMinute: z
                  .record(z.number())
                  .describe('Per Region, one CMU for one minute.'),
                storageCmuMonth: z.number(),
                source: z.string(),
              })
              .passthrough(),
          })
          .passthrough();
      },
    },
    action: async ({ input, credentials }) => {
      const { model, ...query } = input;
      const name = modelNameParam(model);
      const period = parseInput(costQuery(new Date()), query, 'input');
      const output = await registry.getModelCost(name, period, {
        credentials,
      });
      return { output };
    },
  });
}
