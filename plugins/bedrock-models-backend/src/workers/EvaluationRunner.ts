import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import {
  evaluateOutcome,
  EvaluationResult,
  summarizeRun,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { awsErrorAdvice } from '../aws/awsErrorKinds';
import { ModelInvoker } from '../aws/ModelInvoker';
import { EvaluationStore } from '../database/EvaluationStore';
import { ModelStore } from '../database/ModelStore';
import { ColdStartRecorder } from '../service/ColdStartRecorder';
import { ErrorReporter } from '../service/ErrorReporter';

/** The scheduled task that carries out queued evaluation runs. */
export const EVALUATION_RUNNER_TASK_ID = 'bedrock-models:evaluation-runner';

/** Tokens a prompt may answer with when its suite does not say. */
const DEFAULT_MAX_TOKENS = 256;
/** A run still "running" this long after it started lost its runner (a restart): it is queued again. */
const ABANDONED_AFTER_MS = 30 * 60_000;

/**
 * Runs queued evaluations: each prompt through the runtime (Converse, or InvokeModel for models without
 * it), each answer checked, the run summarised. A cold start met on the way is recorded as such, not as
 * a slow or failed answer. One runner across replicas.
 */
export class EvaluationRunner {
  constructor(
    private readonly deps: {
      evaluations: EvaluationStore;
      models: ModelStore;
      invoker: ModelInvoker;
      logger: LoggerService;
      errors: ErrorReporter;
      /** Where cold starts the run met are recorded. */
      coldStarts?: ColdStartRecorder;
      now?: () => Date;
    },
  ) {}

  static async schedule(options: {
    runner: EvaluationRunner;
    scheduler: SchedulerService;
  }): Promise<void> {
    await options.scheduler.scheduleTask({
      id: EVALUATION_RUNNER_TASK_ID,
      frequency: { seconds: 15 },
      // A run can wait minutes on a cold start (AWS holds a call up to 5 minutes, three times).
      timeout: { minutes: 30 },
      scope: 'global',
      fn: signal => options.runner.runQueued(signal).then(() => undefined),
    });
  }

  private now() {
    return this.deps.now?.() ?? new Date();
  }

  /** Runs queued runs one after another until none is left or `signal` aborts; answers how many. */
  async runQueued(signal?: AbortSignal): Promise<number> {
    const { evaluations } = this.deps;
    await evaluations.requeueAbandoned(
      new Date(this.now().getTime() - ABANDONED_AFTER_MS),
    );
    let ran = 0;
    while (!signal?.aborted) {
      const run = await evaluations.claimNext(this.now());
      if (!run) break;
      ran += 1;
      const version = await this.deps.models.getVersion(
        run.modelName,
        run.version,
      );
      if (!version?.importedModelArn || run.prompts.length === 0) {
        await evaluations.finish(
          run.id,
          {
            status: 'error',
            error: !version?.importedModelArn
              ? `Version ${run.version} has no imported model to call.`
              : 'The suite has no prompts.',
            results: [],
          },
          this.now(),
        );
        continue;
      }
      const results: EvaluationResult[] = [];
      let error: string | undefined;
      const call = {
        modelName: run.modelName,
        version: run.version,
        accountId: run.accountId,
        region: run.region,
        source: 'evaluation' as const,
      };
      for (const prompt of run.prompts) {
        const startedAt = new Date();
        const first = results.length === 0;
        try {
          const answer = await this.deps.invoker.ask(
            { accountId: run.accountId, region: run.region },
            version.importedModelArn,
            {
              prompt: prompt.prompt,
              maxTokens: prompt.maxTokens ?? DEFAULT_MAX_TOKENS,
              converse: version.instructSupported === true,
            },
          );
          // A run's first call may find the copy evicted: held that long, it met a cold start. Later
          // calls are cold only when AWS said so (a long answer is not a cold start).
          const cold =
            (answer.coldStart || first) &&
            (await this.deps.coldStarts?.recordIfCold({
              ...call,
              startedAt,
              waitedMs: answer.latencyMs,
              metNotReady: answer.coldStart,
              served: true,
            }));
          const failures = evaluateOutcome(prompt.checks, answer);
          results.push({
            promptId: prompt.id,
            prompt: prompt.prompt,
            output: answer.output,
            latencyMs: answer.latencyMs,
            inputTokens: answer.inputTokens,
            outputTokens: answer.outputTokens,
            coldStart: answer.coldStart || Boolean(cold),
            passed: failures.length === 0,
            failures,
          });
        } catch (e) {
          // The model failing on a prompt (timeout, error) is a failed answer; AWS refusing us is not.
          const name = (e as Error).name;
          if (name === 'ModelNotReadyException') {
            await this.deps.coldStarts?.recordIfCold({
              ...call,
              startedAt,
              waitedMs: Date.now() - startedAt.getTime(),
              metNotReady: true,
              served: false,
            });
          }
          if (
            name === 'ModelTimeoutException' ||
            name === 'ModelErrorException'
          ) {
            results.push({
              promptId: prompt.id,
              prompt: prompt.prompt,
              output: '',
              latencyMs: 0,
              coldStart: false,
              passed: false,
              failures: [
                `${awsErrorAdvice(
                  e,
                  'InvokeModel',
                )} (${this.deps.errors.summarize(
                  e,
                  `Evaluating ${run.modelName} v${run.version}`,
                )})`,
              ],
            });
            continue;
          }
          error = `The run stopped at prompt ${prompt.id}: ${awsErrorAdvice(
            e,
            'InvokeModel',
          )} (${this.deps.errors.summarize(
            e,
            `Evaluating ${run.modelName} v${run.version}`,
          )}).`;
          break;
        }
      }
      if (error) {
        await evaluations.finish(
          run.id,
          { status: 'error', error, results },
          this.now(),
        );
        continue;
      }
      const summary = summarizeRun(results);
      await evaluations.finish(
        run.id,
        {
          status: summary.passed === summary.prompts ? 'passed' : 'failed',
          summary,
          results,
        },
        this.now(),
      );
    }
    return ran;
  }
}
