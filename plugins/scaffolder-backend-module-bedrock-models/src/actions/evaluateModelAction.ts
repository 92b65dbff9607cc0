import {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { ConflictError, NotFoundError, ResponseError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { EvaluationRun } from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { BedrockModelsService } from '@bedrock-portal/backstage-plugin-bedrock-models-node';
import {
  backendMessage,
  explainBackendError,
  isTransientBackendError,
} from './backendErrors';
import { formatElapsed, systemClock, WaitClock } from './importProgress';
import { runWithoutStackFrames } from './taskLogErrors';

/** The id templates and pipelines use to call the evaluate action. */
export const EVALUATE_MODEL_ACTION_ID = 'bedrock:model:evaluate';

/**
 * How the evaluate action follows a run.
 *
 * @public
 */
export type EvaluationWaitOptions = {
  /** Time between two reads of the run from the backend. */
  pollIntervalMs: number;
  /** Longest time without a progress line in the task log (a line is also written on every change). */
  progressIntervalMs: number;
};

/**
 * Defaults: the backend's runner picks a queued run up within seconds (it is also triggered when the
 * run is started); a run of a few prompts takes seconds, or minutes when the model meets a cold start.
 *
 * @public
 */
export const DEFAULT_EVALUATION_WAIT: EvaluationWaitOptions = {
  pollIntervalMs: 5_000,
  progressIntervalMs: 30_000,
};

/** The run this step started, as kept in the task's checkpoint. */
type StartedRun = { runId: string; comparisonRunId?: string };

/** The backend refused the run because the model has no prompts to run. */
class NoSuiteError extends Error {}

/** Where the model page opens a run (the frontend's `evaluationRunHref`, under the model's tab). */
export function evaluationRunPath(modelName: string, runId: string): string {
  return `/catalog/default/resource/${encodeURIComponent(
    modelName,
  )}/bedrock?evaluationRun=${encodeURIComponent(runId)}#bedrock-evaluations`;
}

/** "12 ms", "1.3 s". */
function formatLatency(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** One line per prompt: whether it passed, how long it took, and what failed. */
function promptLines(run: EvaluationRun): string[] {
  return (run.results ?? []).map(result => {
    const timing = `${formatLatency(result.latencyMs)}${
      result.coldStart ? ', cold start' : ''
    }`;
    return result.passed
      ? `Prompt ${result.promptId}: passed (${timing})`
      : `Prompt ${result.promptId}: failed (${timing}): ${
          result.failures.join('; ') || 'no reason given'
        }`;
  });
}

/** The run's outcome in one sentence. */
function summaryLine(label: string, run: EvaluationRun): string {
  if (run.status === 'error') {
    return `The evaluation of ${label} stopped with an error: ${
      run.error ?? 'no reason given'
    }`;
  }
  const rate = Math.round((run.passRate ?? 0) * 100);
  const latency =
    run.p50LatencyMs === undefined
      ? ''
      : `; latency p50 ${formatLatency(run.p50LatencyMs)}, p95 ${formatLatency(
          run.p95LatencyMs ?? run.p50LatencyMs,
        )}`;
  const cold = run.coldStarts
    ? `; ${run.coldStarts} cold start(s), not held against the version`
    : '';
  return `${label} ${run.status}: ${run.passed ?? 0} of ${
    run.prompts ?? 0
  } prompts passed (${rate}%)${latency}${cold}`;
}

/**
 * Reads the run until it is finished (passed, failed or error), logging a line on every change of
 * status and at least every `progressIntervalMs`. A backend that is briefly unreachable is waited out.
 */
async function waitForRun(input: {
  service: BedrockModelsService;
  modelName: string;
  runId: string;
  label: string;
  credentials: BackstageCredentials;
  logger: LoggerService;
  options: EvaluationWaitOptions;
  timeoutMs: number;
  clock: WaitClock;
  signal?: AbortSignal;
}): Promise<EvaluationRun> {
  const { service, modelName, runId, label, credentials, logger, clock } =
    input;
  const start = clock.now();
  let lastStatus: string | undefined;
  let lastLineAt: number | undefined;
  const progress = (line: string, warn = false) => {
    lastLineAt = clock.now();
    const text = `Evaluation of ${label}: ${line}, ${formatElapsed(
      lastLineAt - start,
    )} so far`;
    if (warn) logger.warn(text);
    else logger.info(text);
  };
  const lineIsDue = () =>
    lastLineAt === undefined ||
    clock.now() - lastLineAt >= input.options.progressIntervalMs;

  for (;;) {
    let run: EvaluationRun | undefined;
    try {
      run = await service.getEvaluationRun(
        { modelName, runId },
        { credentials },
      );
      if (!run) {
        throw new NotFoundError(
          `Model ${modelName} has no evaluation run ${runId}: it was removed, or the model was.`,
        );
      }
    } catch (error) {
      if (!isTransientBackendError(error)) {
        throw explainBackendError(error, `Reading evaluation run ${runId}`);
      }
      if (lineIsDue()) {
        progress(
          `${
            lastStatus ?? 'status unknown'
          } (the portal did not answer: ${backendMessage(error)}); retrying`,
          true,
        );
      }
    }
    if (run) {
      if (run.status !== 'queued' && run.status !== 'running') return run;
      if (run.status !== lastStatus || lineIsDue()) progress(run.status);
      lastStatus = run.status;
    }
    if (clock.now() - start >= input.timeoutMs) {
      throw new Error(
        `The evaluation of ${label} (run ${runId}) was still ${
          lastStatus ?? 'of unknown status'
        } after waiting ${formatElapsed(
          clock.now() - start,
        )}. The run goes on in the portal: follow it on the model's page, or run the task again to resume waiting (that never starts a second run).`,
      );
    }
    await clock.sleep(input.options.pollIntervalMs, input.signal);
  }
}

/**
 * Creates the `bedrock:model:evaluate` action: runs the model's evaluation suite on a ready version,
 * on behalf of the user running the template (only the model's owners and the portal admins may), and
 * waits for the run, logging each prompt's result. Safe to resume: the run is checkpointed, so a
 * resumed task follows the run it started instead of starting another.
 *
 * @public
 */
export function createEvaluateModelAction(options: {
  service: BedrockModelsService;
  /** How to follow the run; defaults to {@link DEFAULT_EVALUATION_WAIT}. */
  wait?: Partial<EvaluationWaitOptions>;
  /** Time as the waiting sees it; tests may pass a virtual clock. */
  clock?: WaitClock;
}) {
  const { service } = options;
  const wait = { ...DEFAULT_EVALUATION_WAIT, ...options.wait };
  const clock = options.clock ?? systemClock;
  return createTemplateAction({
    id: EVALUATE_MODEL_ACTION_ID,
    description:
      "Runs the model's evaluation suite on a ready version and waits for the result: each prompt's pass or fail, the pass rate and the latency",
    examples: [
      {
        description:
          'Evaluate the version a template just imported, failing the task unless every prompt passes',
        example: [
          'steps:',
          '  - id: evaluate',
          '    action: bedrock:model:evaluate',
          '    input:',
          '      modelName: ${{ steps.import.output.modelName }}',
          '      version: ${{ steps.import.output.version }}',
          '      region: ${{ steps.import.output.region }}',
          '      compareWithAlias: production',
          '      failOnFailure: true',
        ].join('\n'),
      },
    ],
    schema: {
      input: {
        modelName: z => z.string({ description: 'The model' }),
        version: z =>
          z
            .number({ description: 'The version to evaluate (ready)' })
            .int()
            .positive(),
        region: z =>
          z.string({ description: 'Region the version was imported into' }),
        compareWithAlias: z =>
          z
            .string({
              description:
                'Also run the suite on the version this alias (e.g. production) names in the Region, side by side on the model page',
            })
            .optional(),
        failOnFailure: z =>
          z
            .boolean({
              description:
                'Fail the step when the run fails (or the model has no suite); by default that is reported and the step succeeds',
            })
            .default(false),
        timeoutMinutes: z =>
          z
            .number({
              description:
                'How long to wait for the run before failing the step (the run goes on in the portal)',
            })
            .positive()
            .default(30),
      },
      output: {
        runId: z =>
          z.string({
            description: 'The evaluation run (not set when skipped)',
          }),
        status: z =>
          z.string({
            description:
              'passed, failed, error, or skipped (the model has no evaluation suite)',
          }),
        passed: z => z.boolean({ description: 'Whether every prompt passed' }),
        passRate: z =>
          z.number({ description: 'Share of prompts that passed, 0-1' }),
        p50LatencyMs: z =>
          z
            .number({ description: 'Median latency of the warm calls' })
            .optional(),
        p95LatencyMs: z =>
          z
            .number({
              description: '95th percentile latency of the warm calls',
            })
            .optional(),
        coldStarts: z =>
          z.number({
            description: 'Calls that met a cold start (not held against it)',
          }),
        runLink: z =>
          z.string({
            description:
              "Path of the run on the model's page in the portal (not set when skipped)",
          }),
        skippedReason: z =>
          z
            .string({ description: 'Why nothing was run (status skipped)' })
            .optional(),
      },
    },
    async handler(ctx) {
      // Failures reach the task log and error card in words, without the server's stack trace.
      return runWithoutStackFrames(async () => {
        const { modelName, version, region, compareWithAlias } = ctx.input;
        const failOnFailure = ctx.input.failOnFailure ?? false;
        const timeoutMs = (ctx.input.timeoutMinutes ?? 30) * 60_000;
        const label = `${modelName} v${version}`;
        const credentials = await ctx.getInitiatorCredentials();

        let calledBackend = false;
        let started: StartedRun;
        try {
          // A resumed task follows the run it started rather than starting a second one.
          started = await ctx.checkpoint<StartedRun>({
            key: `bedrock.model.evaluate.${modelName}.${version}.${region}`,
            fn: async () => {
              calledBackend = true;
              try {
                const { run, comparison } = await service.startEvaluation(
                  { modelName, version, region, compareWithAlias },
                  { credentials },
                );
                return comparison
                  ? { runId: run.id, comparisonRunId: comparison.id }
                  : { runId: run.id };
              } catch (error) {
                // A 409 is also "not ready"; the suite says whether it was the missing prompts.
                if (
                  error instanceof ResponseError &&
                  error.statusCode === 409 &&
                  (
                    await service
                      .getEvaluationSuite({ modelName }, { credentials })
                      .catch(() => undefined)
                  )?.prompts.length === 0
                ) {
                  throw new NoSuiteError(backendMessage(error));
                }
                throw explainBackendError(
                  error,
                  `The evaluation of ${label} in ${region} was not started`,
                );
              }
            },
          });
        } catch (error) {
          if (!(error instanceof NoSuiteError)) throw error;
          const reason = `${label} was not evaluated: ${error.message}`;
          if (failOnFailure) throw new ConflictError(reason);
          ctx.logger.warn(
            `${reason} The step goes on (failOnFailure is false).`,
          );
          ctx.output('status', 'skipped');
          ctx.output('passed', false);
          ctx.output('passRate', 0);
          ctx.output('coldStarts', 0);
          ctx.output('skippedReason', error.message);
          return;
        }

        const runLink = evaluationRunPath(modelName, started.runId);
        ctx.output('runId', started.runId);
        ctx.output('runLink', runLink);
        ctx.logger.info(
          calledBackend
            ? `Started evaluation run ${started.runId} of ${label} in ${region}`
            : `Resuming: this step already started evaluation run ${started.runId} of ${label}; following it`,
        );
        if (started.comparisonRunId) {
          ctx.logger.info(
            `The suite also runs on the version ${compareWithAlias} names in ${region} (run ${started.comparisonRunId}); the model page shows both side by side`,
          );
        }

        const run = await waitForRun({
          service,
          modelName,
          runId: started.runId,
          label,
          credentials,
          logger: ctx.logger,
          options: wait,
          timeoutMs,
          clock,
          signal: ctx.signal,
        });
        for (const line of promptLines(run)) ctx.logger.info(line);
        const summary = summaryLine(label, run);
        const passed = run.status === 'passed';
        ctx.output('status', run.status);
        ctx.output('passed', passed);
        ctx.output('passRate', run.passRate ?? 0);
        if (run.p50LatencyMs !== undefined) {
          ctx.output('p50LatencyMs', run.p50LatencyMs);
        }
        if (run.p95LatencyMs !== undefined) {
          ctx.output('p95LatencyMs', run.p95LatencyMs);
        }
        ctx.output('coldStarts', run.coldStarts ?? 0);
        if (passed) {
          ctx.logger.info(summary);
          return;
        }
        if (failOnFailure) {
          throw new Error(`${summary}. See the run: ${runLink}`);
        }
        ctx.logger.warn(
          `${summary}. The step goes on (failOnFailure is false); see the run: ${runLink}`,
        );
      });
    },
  });
}
