import {
  EvaluationPrompt,
  EvaluationResult,
  EvaluationRun,
  EvaluationSuite,
  RunSummary,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';

/** A run to queue. */
export type NewEvaluationRun = {
  modelName: string;
  version: number;
  accountId: string;
  region: string;
  startedBy: string;
  comparedRunId?: string;
};

/** A queued run a worker took, with what it needs to run it. */
export type ClaimedRun = EvaluationRun & {
  accountId: string;
  prompts: EvaluationPrompt[];
};

/** Evaluation suites (prompts and checks per model) and their runs on versions. */
export interface EvaluationStore {
  getSuite(modelName: string): Promise<EvaluationSuite | undefined>;
  putSuite(
    modelName: string,
    prompts: EvaluationPrompt[],
    updatedBy: string,
  ): Promise<EvaluationSuite>;
  /** Queues runs (a candidate and, side by side, the version an alias names) in one transaction. */
  queueRuns(
    runs: Array<NewEvaluationRun & { id: string }>,
  ): Promise<EvaluationRun[]>;
  /** Takes the oldest queued run (no other worker gets it), with the suite's prompts as they are now. */
  claimNext(now: Date): Promise<ClaimedRun | undefined>;
  /** Records a run's results and summary. */
  finish(
    runId: string,
    outcome:
      | {
          status: 'passed' | 'failed';
          summary: RunSummary;
          results: EvaluationResult[];
        }
      | { status: 'error'; error: string; results: EvaluationResult[] },
    now: Date,
  ): Promise<void>;
  /** Runs still marked running since before `before` (their worker died): back to queued. */
  requeueAbandoned(before: Date): Promise<number>;
  getRun(modelName: string, runId: string): Promise<EvaluationRun | undefined>;
  listRuns(
    modelName: string,
    version: number | undefined,
    limit: number,
  ): Promise<EvaluationRun[]>;
  /** The latest finished run of a version in a Region, if any. */
  latestFinished(
    modelName: string,
    version: number,
    region: string,
  ): Promise<EvaluationRun | undefined>;
}
