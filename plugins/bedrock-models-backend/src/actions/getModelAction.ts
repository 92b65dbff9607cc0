import { modelNameParam } from '../registryRequests';
import { modelField } from './inputFields';
import {
  modelOutput,
  pointerMoveOutput,
  pointerOutput,
  publishStateOutput,
  syncStateOutput,
  versionOutput,
} from './outputSchemas';
import { RegistryActionsOptions } from './RegistryActionsOptions';

/**
 * Registers `get-model`: a model with its versions, pointers and recent moves, as `GET /models/{model}`.
 *
 * @internal
 */
export function registerGetModelAction(options: RegistryActionsOptions) {
  const { actionsRegistry, registry } = options;
  actionsRegistry.register({
    name: 'get-model',
    title: 'Get a Bedrock model',
    description:
      'Everything about one fine-tuned model: owner and classification, every version (number, Region, account, status, Bedrock ARN), every alias pointer (which version production or staging names in each Region, the SSM parameter callers read, the version a rollback would go back to), whether SSM is published, and the last 20 moves. Use it to answer "which version is in production in us-east-1", and before promote or rollback, to pass expectedCurrentVersion.',
    attributes: { readOnly: true, destructive: false, idempotent: true },
    schema: {
      input: z => z.object({ model: modelField(z) }).strict(),
      output: z =>
        z
          .object({
            model: modelOutput(z),
            versions: z.array(versionOutput(z)).describe('Oldest first.'),
            pointers: z
              .array(pointerOutput(z))
              .describe('One per alias and Region that names a version.'),
            publishStates: z
              .array(publishStateOutput(z))
              .describe(
                "Whether each pointer's SSM parameter names what the pointer names.",
              ),
            recentHistory: z
              .array(pointerMoveOutput(z))
              .describe('The last 20 moves of any pointer, newest first.'),
            sync: z
              .array(syncStateOutput(z))
              .describe(
                "Discovery's last pass in the accounts and Regions the model has versions in.",
              ),
          })
          .passthrough(),
    },
    action: async ({ input, credentials }) => {
      // No HTTP request: the service names the caller from the credentials in its audit events.
      const output = await registry.getModel(modelNameParam(input.model), {
        credentials,
      });
      return { output };
    },
  });
}
