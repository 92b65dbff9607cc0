import {
  aliasParam,
  modelNameParam,
  parseInput,
  rollbackBody,
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
 * Registers `rollback`: moves an alias back to the version it named before, as
 * `POST /models/{model}/aliases/{alias}/rollback`.
 *
 * @internal
 */
export function registerRollbackAction(options: RegistryActionsOptions) {
  const { actionsRegistry, registry, config } = options;
  actionsRegistry.register({
    name: 'rollback',
    title: 'Roll back a model alias',
    description:
      "Move an alias of a model (e.g. production or staging) in one Region back to the most recent other version it named (get-model shows it as the pointer's rollbackTarget); callers reading the alias's SSM parameter switch back within about a minute. Changes what serves traffic: confirm with the user, and pass expectedCurrentVersion (from get-model) so a pointer someone else moved meanwhile is not rolled back blindly. Only the model's owners and the portal admins may. Not idempotent: a second rollback without expectedCurrentVersion goes back again (to the version just left).",
    // A second identical call moves the pointer again unless expectedCurrentVersion pins it.
    attributes: { readOnly: false, destructive: true, idempotent: false },
    schema: {
      input: z =>
        z
          .object({
            model: modelField(z),
            alias: aliasField(z, config),
            region: regionField(z, config, 'of the pointer'),
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
      const move = parseInput(rollbackBody(config), body, 'input');
      const output = await registry.rollback(
        { ...move, modelName: modelNameParam(model), alias: pointerAlias },
        { credentials },
      );
      return { output };
    },
  });
}
