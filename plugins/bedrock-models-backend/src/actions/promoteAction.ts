import {
  aliasParam,
  modelNameParam,
  parseInput,
  promoteBody,
} from '../registryRequests';
import {
  aliasField,
  dryRunField,
  expectedCurrentVersionField,
  modelField,
  reasonField,
  regionField,
} from './inputFields';
import { pointerMoveResultOutput } from './outputSchemas';
import { RegistryActionsOptions } from './RegistryActionsOptions';

/**
 * Registers `promote`: points an alias of a model at a version, as `POST /models/{model}/aliases/{alias}`.
 *
 * @internal
 */
export function registerPromoteAction(options: RegistryActionsOptions) {
  const { actionsRegistry, registry, config } = options;
  actionsRegistry.register({
    name: 'promote',
    title: 'Promote a model version',
    description:
      "Point an alias of a model (e.g. production or staging) in one Region at a version: the callers that read the alias's SSM parameter switch to that version's Bedrock ARN within about a minute (usually before the answer). Changes what serves traffic: confirm the model, alias, Region and version with the user first, and use dryRun to show what would happen. Only the model's owners and the portal admins may; the version must be ready, in the same Region and account, and not already named. Recorded in the history with the reason and the user; a repeated call moves nothing more.",
    // Replaces what an alias serves (not only adds), so destructive; the same call again moves nothing.
    attributes: { readOnly: false, destructive: true, idempotent: true },
    schema: {
      input: z =>
        z
          .object({
            model: modelField(z),
            alias: aliasField(z, config),
            region: regionField(z, config, 'of the pointer'),
            version: z
              .number()
              .int()
              .describe(
                'The version number to point at (from get-model; status ready).',
              ),
            reason: reasonField(z),
            expectedCurrentVersion: expectedCurrentVersionField(z),
            dryRun: dryRunField(z),
          })
          .strict(),
      output: pointerMoveResultOutput,
    },
    action: async ({ input, credentials }) => {
      const { model, alias, ...body } = input;
      const pointerAlias = aliasParam(config, alias);
      const move = parseInput(promoteBody(config), body, 'input');
      const output = await registry.promote(
        { ...move, modelName: modelNameParam(model), alias: pointerAlias },
        { credentials },
      );
      return { output };
    },
  });
}
