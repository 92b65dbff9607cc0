import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  isApprovalRequested,
  ModelDetails,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { BedrockModelsService } from '@bedrock-portal/backstage-plugin-bedrock-models-node';
import { explainBackendError } from './backendErrors';
import { runWithoutStackFrames } from './taskLogErrors';

/** The id templates and pipelines use to call the promote action. */
export const PROMOTE_MODEL_ACTION_ID = 'bedrock:model:promote';

/** What a move did, as kept in the task's checkpoint. */
type PromoteResult = {
  previousVersion: number | null;
  revision: number;
  /** True when the pointer already named the version (e.g. moved before a restart). */
  alreadyThere: boolean;
  /** The SSM parameter callers read, and whether it named the new ARN when the move was answered. */
  parameterName?: string;
  published?: boolean;
  /** Set when an approval rule covers the pointer: the move waits for approval, nothing moved yet. */
  approvalRequestId?: string;
  /** How many approvals the request needs, and from whom (in a dry run: would need). */
  approvalsNeeded?: { count: number; approvers: string[] };
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
    const details = await service.getModel(
      { modelName: request.modelName },
      { credentials },
    );
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
      parameterName: pointer.parameterName,
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
        version: z =>
          z.number({
            description:
              'The version it names now (or once approved, with approvalRequestId)',
          }),
        previousVersion: z =>
          z
            .number({ description: 'The version it named before (null: none)' })
            .nullable(),
        revision: z =>
          z.number({ description: 'How many times the pointer has moved' }),
        approvalRequestId: z =>
          z
            .string({
              description:
                'Set when an approval rule covers the pointer: the request the move waits on (the pointer has not moved yet)',
            })
            .optional(),
      },
    },
    async handler(ctx) {
      // Failures reach the task log and error card in words, without the server's stack trace.
      return runWithoutStackFrames(async () => {
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

        /** Moves the pointer (or, in a dry run, has the backend check the move and change nothing). */
        const promote = async (dryRun: boolean): Promise<PromoteResult> => {
          try {
            const answer = await service.promoteVersion(
              { ...request, reason, expectedCurrentVersion, dryRun },
              { credentials },
            );
            if (isApprovalRequested(answer)) {
              const { approvalRequest } = answer;
              return {
                previousVersion: approvalRequest.fromVersion,
                revision: approvalRequest.pointerRevision,
                alreadyThere: false,
                approvalRequestId: approvalRequest.id,
                approvalsNeeded: {
                  count: approvalRequest.rule.approvals,
                  approvers: approvalRequest.rule.approvers,
                },
              };
            }
            const { move, pointer, published } = answer;
            return {
              previousVersion: move.fromVersion,
              revision: pointer.revision,
              alreadyThere: false,
              parameterName: pointer.parameterName,
              published,
              approvalsNeeded:
                answer.needsApproval && answer.approvalRule
                  ? {
                      count: answer.approvalRule.approvals,
                      approvers: answer.approvalRule.approvers,
                    }
                  : undefined,
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
              `${alias} of ${modelName} in ${region} ${
                dryRun ? 'cannot be' : 'was not'
              } moved to v${version}`,
            );
          }
        };

        if (ctx.isDryRun) {
          // The backend runs every check of the move (permission, staleness, readiness, account) for the
          // user, so a dry run fails where the real run would, and otherwise says what it would do.
          const checked = await promote(true);
          ctx.logger.info(
            checked.alreadyThere
              ? `Dry run: ${alias} of ${modelName} in ${region} already names v${version}; a real run moves nothing`
              : `Dry run: ${alias} in ${region} would move from ${
                  checked.previousVersion === null
                    ? 'no version'
                    : `v${checked.previousVersion}`
                } to v${version}; nothing was moved`,
          );
          if (checked.approvalsNeeded) {
            ctx.logger.info(
              `Dry run: a real run asks for ${
                checked.approvalsNeeded.count
              } approval(s) from ${checked.approvalsNeeded.approvers.join(
                ', ',
              )}; the pointer moves once they approve`,
            );
          }
          return;
        }

        // A resumed task must not move the pointer again (someone may have moved it since).
        const result = await ctx.checkpoint<PromoteResult>({
          key: `bedrock.model.promote.${modelName}.${alias}.${region}.${version}`,
          fn: () => promote(false),
        });

        const before =
          result.previousVersion === null
            ? 'no version'
            : `v${result.previousVersion}`;
        if (result.approvalRequestId && result.approvalsNeeded) {
          ctx.logger.info(
            `${alias} of ${modelName} in ${region} is covered by an approval rule: request ${
              result.approvalRequestId
            } asks for ${
              result.approvalsNeeded.count
            } approval(s) from ${result.approvalsNeeded.approvers.join(
              ', ',
            )}; the pointer still names ${before} and moves to v${version} once approved`,
          );
          ctx.output('alias', alias);
          ctx.output('region', region);
          ctx.output('version', version);
          ctx.output('previousVersion', result.previousVersion);
          ctx.output('revision', result.revision);
          ctx.output('approvalRequestId', result.approvalRequestId);
          return;
        }
        ctx.logger.info(
          result.alreadyThere
            ? `${alias} of ${modelName} in ${region} already names v${version}; nothing to move`
            : `${alias} of ${modelName} in ${region} moved from ${before} to v${version}`,
        );
        if (result.parameterName && result.published !== undefined) {
          ctx.logger.info(
            result.published
              ? `Callers reading ${result.parameterName} get the new ARN now`
              : `Saved; SSM (${result.parameterName}) is being updated and will follow within a minute`,
          );
        }
        ctx.output('alias', alias);
        ctx.output('region', region);
        ctx.output('version', version);
        ctx.output('previousVersion', result.previousVersion);
        ctx.output('revision', result.revision);
      });
    },
  });
}
