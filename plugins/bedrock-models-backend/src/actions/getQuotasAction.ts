import { parseInput, quotasQuery } from '../registryRequests';
import { accountField, regionField } from './inputFields';
import { RegistryActionsOptions } from './RegistryActionsOptions';

/**
 * Registers `get-quotas`: imported models and import jobs against their limits, as `GET /quotas`.
 *
 * @internal
 */
export function registerGetQuotasAction(options: RegistryActionsOptions) {
  const { actionsRegistry, registry, config } = options;
  actionsRegistry.register({
    name: 'get-quotas',
    title: 'Get Bedrock import quotas',
    description:
      'How close one account and Region is to its Amazon Bedrock Custom Model Import quotas: imported models and concurrent import jobs, each as used against the limit Service Quotas reports. Check it before start-import when a team imports often, or when an import failed for a quota.',
    attributes: { readOnly: true, destructive: false, idempotent: true },
    schema: {
      input: z =>
        z
          .object({
            account: accountField(z, config, 'to check'),
            region: regionField(z, config, 'to check'),
          })
          .strict(),
      output: z => {
        const usage = () =>
          z
            .object({
              quotaCode: z.string(),
              name: z.string(),
              used: z.number(),
              limit: z
                .number()
                .optional()
                .describe('Absent when Service Quotas could not be read.'),
              note: z.string().optional(),
            })
            .passthrough();
        return z
          .object({
            accountId: z.string(),
            region: z.string(),
            importedModels: usage(),
            concurrentImportJobs: usage(),
            limitsReadAt: z.string().optional(),
          })
          .passthrough();
      },
    },
    action: async ({ input, credentials }) => {
      const { accountId, region } = parseInput(
        quotasQuery(config),
        input,
        'input',
      );
      const output = await registry.getQuotas(accountId, region, {
        credentials,
      });
      return { output };
    },
  });
}
