import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { ConflictError, InputError, ResponseError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  checkPointerMove,
  ModelDetails,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { BedrockModelsService } from '@bedrock-portal/backstage-plugin-bedrock-models-node';
import { explainBackendError } from './backendErrors';

/** The id templates and pipelines use to call the promote action. */
export const PROMOTE_MODEL_ACTION_ID = 'bedrock:model:promote';

/** What a move did, as kept in the task's checkpoint. */
type PromoteResult = {
  previousVersion: number | null;
  revision: number;
  /** True when the pointer already named the version (e.g. moved before a restart). */
  alreadyThere: boolean;
};

/** The pointer of an alias in a Region, from a model's details. */
function pointerOf(details: ModelDetails, alias: string, region: string) {
  return details.pointers.find(p => p.alias === alias && p.region === region);
}

/**
 * Creates the `bedrock:model:promote` action: points an alias of a model (e.g. staging) at a version,
 * on behalf of the user running the template, so the backend's permission rules apply to that user.
 * Repeating it is safe: when the pointer already names the version, the step succeeds without a move.
 *
 * @public
 */
export function createPromoteModelAction(options: {
  service: BedrockModelsService;
}) {
  const { service } = options;

  /** Succeeds a refused move whose goal already holds; undefined when it does not. */
  async function alreadyPromoted(
    request: {
      modelName: string;
      alias: string;
      region: string;
      version: number;
    },
    credentials: BackstageCredentials,
  ): Promise<PromoteResult | undefined> {
    const details = await service.getModel(request.modelName, { credentials });
    const pointer =
      details && pointerOf(details, request.alias, request.region);
    if (!details || pointer?.version !== request.version) return undefined;
    const lastMove = details.recentHistory.find(
      move =>
        move.alias === request.alias &&
        move.region === request.region &&
        move.seq === pointer.revision,
    );
    return {
      previousVersion: lastMove?.fromVersion ?? null,
      revision: pointer.revision,
      alreadyThere: true,
    };
  }

  return createTemplateAction({
    id: PROMOTE_MODEL_ACTION_ID,
    description:
      'Points an alias of a model (e.g. staging or production) in a Region at a ready version; the portal records the move and publishes the ARN to SSM',
    supportsDryRun: true,
    examples: [
      {
        description: 'Promote the version a template just imported to staging',
        example: [
          'steps:',
          '  - id: promote',
          '    action: bedrock:model:promote',
          '    input:',
          '      modelName: ${{ steps.import.output.modelName }}',
          '      alias: staging',
          '      region: ${{ steps.import.output.region }}',
          '      version: ${{ steps.import.output.version }}',
          '      reason: First staging rollout of the new fine-tune',
        ].join('\n'),
      },
      {
        description:
          'Promote version 3 to production from a pipeline, only if production still names version 2',
        example: [
          'steps:',
          '  - id: promote',
          '    action: bedrock:model:promote',
          '    input:',
          '      modelName: support-summarizer',
          '      alias: production',
          '      region: us-east-1',
          '      version: 3',
          '      expectedCurrentVersion: 2',
          '      reason: Passed the staging evaluation (run 2026-11-20)',
        ].join('\n'),
      },
    ],
    schema: {
      input: {
        modelName: z => z.string({ description: 'The model' }),
        alias: z =>
          z.string({
            description:
              'The pointer to move, one of bedrockModels.aliases (e.g. staging, production)',
          }),
        region: z =>
          z.string({ description: 'Region of the pointer and the version' }),
        version: z =>
          z
            .number({ description: 'The version the pointer should name' })
            .int()
            .positive(),
        reason: z =>
          z
            .string({
              description:
                'Why, kept in the pointer history; defaults to naming the task',
            })
            .optional(),
        expectedCurrentVersion: z =>
          z
            .number({
              description:
                'Only move when the pointer names this version now (null: names none); otherwise fail',
            })
            .int()
            .nullable()
            .optional(),
      },
      output: {
        alias: z => z.string({ description: 'The pointer moved' }),
        region: z => z.string({ description: 'Its Region' }),
        version: z => z.number({ description: 'The version it names now' }),
        previousVersion: z =>
          z
            .number({ description: 'The version it named before (null: none)' })
            .nullable(),
        revision: z =>
          z.number({ description: 'How many times the pointer has moved' }),
      },
    },
    async handler(ctx) {
      const { modelName, alias, region, version, expectedCurrentVersion } =
        ctx.input;
      const template = ctx.templateInfo?.entityRef;
      const reason =
        ctx.input.reason?.trim() ||
        `Promoted by ${
          template ? `the template ${template}` : 'a software template'
        } (scaffolder task ${ctx.task.id})`;
      const credentials = await ctx.getInitiatorCredentials();
      const request = { modelName, alias, region, version };

      if (ctx.isDryRun) {
        // The backend has no "check only" move, so check with the same rule it applies.
        const details = await service
          .getModel(modelName, { credentials })
          .catch(error => {
            throw explainBackendError(error, `Looking up model ${modelName}`);
          });
        const target = details?.versions.find(v => v.number === version);
        if (!details || !target) {
          ctx.logger.info(
            `Dry run: ${modelName} v${version} is not in the registry yet, so the move cannot be checked; a real run would point ${alias} in ${region} at it`,
          );
          return;
        }
        const current = pointerOf(details, alias, region)?.version ?? null;
        const check = checkPointerMove({
          version: target,
          pointerRegion: region,
          alias,
          current,
          believedCurrent: expectedCurrentVersion,
          reason,
        });
        if (check.kind === 'conflict') throw new ConflictError(check.message);
        if (check.kind === 'invalid') {
          throw new InputError(
            `${alias} of ${modelName} cannot be moved: ${check.problems.join(
              ' ',
            )}`,
          );
        }
        ctx.logger.info(
          `Dry run: ${alias} in ${region} would move from ${
            current === null ? 'no version' : `v${current}`
          } to v${version}; nothing was moved`,
        );
        return;
      }

      // A resumed task must not move the pointer again (someone may have moved it since).
      const result = await ctx.checkpoint<PromoteResult>({
        key: `bedrock.model.promote.${modelName}.${alias}.${region}.${version}`,
        fn: async () => {
          try {
            const { move, pointer } = await service.promote(
              { ...request, reason, expectedCurrentVersion },
              { credentials },
            );
            return {
              previousVersion: move.fromVersion,
              revision: pointer.revision,
              alreadyThere: false,
            };
          } catch (error) {
            if (error instanceof ResponseError && error.statusCode === 400) {
              // E.g. "already names version 3" after a crash between the move and the checkpoint.
              const done = await alreadyPromoted(request, credentials).catch(
                () => undefined,
              );
              if (done) return done;
            }
            throw explainBackendError(
              error,
              `${alias} of ${modelName} in ${region} was not moved to v${version}`,
            );
          }
        },
      });

      const before =
        result.previousVersion === null
          ? 'no version'
          : `v${result.previousVersion}`;
      ctx.logger.info(
        result.alreadyThere
          ? `${alias} of ${modelName} in ${region} already names v${version}; nothing to move`
          : `${alias} of ${modelName} in ${region} moved from ${before} to v${version}`,
      );
      ctx.output('alias', alias);
      ctx.output('region', region);
      ctx.output('version', version);
      ctx.output('previousVersion', result.previousVersion);
      ctx.output('revision', result.revision);
    },
  });
}
