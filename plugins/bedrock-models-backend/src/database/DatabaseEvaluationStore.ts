import {
  EvaluationPrompt,
  EvaluationResult,
  EvaluationRun,
  EvaluationSuite,
  RunSummary,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { Knex } from 'knex';
import {
  ClaimedRun,
  EvaluationStore,
  NewEvaluationRun,
} from './EvaluationStore';
import { iso, lockForUpdate } from './registryRows';

type RunRow = {
  id: string;
  model_name: string;
  version_number: number;
  account_id: string;
  region: string;
  status: EvaluationRun['status'];
  started_by: string;
  compared_run_id: string | null;
  prompts: number | null;
  passed: number | null;
  pass_rate: number | null;
  p50_latency_ms: number | null;
  p95_latency_ms: number | null;
  cold_starts: number | null;
  error: string | null;
  created_at: string | Date;
  started_at: string | Date | null;
  finished_at: string | Date | null;
};

type ResultRow = {
  run_id: string;
  position: number;
  prompt_id: string;
  prompt: string;
  output: string;
  latency_ms: number;
  input_tokens: number | null;
  output_tokens: number | null;
  cold_start: boolean | number;
  passed: boolean | number;
  failures: string;
};

const defined = <T>(key: string, value: T | null) =>
  value === null
    ? {}
    : { [key]: typeof value === 'string' ? value : Number(value) };

function toRun(row: RunRow, results?: ResultRow[]): EvaluationRun {
  return {
    id: row.id,
    modelName: row.model_name,
    version: row.version_number,
    region: row.region,
    status: row.status,
    startedBy: row.started_by,
    ...(row.compared_run_id ? { comparedRunId: row.compared_run_id } : {}),
    ...defined('prompts', row.prompts),
    ...defined('passed', row.passed),
    ...defined('passRate', row.pass_rate),
    ...defined('p50LatencyMs', row.p50_latency_ms),
    ...defined('p95LatencyMs', row.p95_latency_ms),
    ...defined('coldStarts', row.cold_starts),
    ...(row.error ? { error: row.error } : {}),
    createdAt: iso(row.created_at),
    ...(row.started_at ? { startedAt: iso(row.started_at) } : {}),
    ...(row.finished_at ? { finishedAt: iso(row.finished_at) } : {}),
    ...(results
      ? {
          results: results.map(r => ({
            promptId: r.prompt_id,
            prompt: r.prompt,
            output: r.output,
            latencyMs: Number(r.latency_ms),
            ...defined('inputTokens', r.input_tokens),
            ...defined('outputTokens', r.output_tokens),
            coldStart: Boolean(r.cold_start),
            passed: Boolean(r.passed),
            failures: JSON.parse(r.failures),
          })),
        }
      : {}),
  };
}

/** Evaluation suites and runs on PostgreSQL or SQLite. */
export class DatabaseEvaluationStore implements EvaluationStore {
  constructor(private readonly db: Knex) {}

  async getSuite(modelName: string): Promise<EvaluationSuite | undefined> {
    const row = await this.db('evaluation_suites')
      .where({ model_name: modelName })
      .first();
    return row
      ? {
          modelName,
          prompts: JSON.parse(row.prompts),
          updatedBy: row.updated_by,
          updatedAt: iso(row.updated_at),
        }
      : undefined;
  }

  async putSuite(
    modelName: string,
    prompts: EvaluationPrompt[],
    updatedBy: string,
  ): Promise<EvaluationSuite> {
    const now = new Date();
    await this.db('evaluation_suites')
      .insert({
        model_name: modelName,
        prompts: JSON.stringify(prompts),
        updated_by: updatedBy,
        updated_at: now,
      })
      .onConflict('model_name')
      .merge();
    return { modelName, prompts, updatedBy, updatedAt: now.toISOString() };
  }

  async queueRuns(
    runs: Array<NewEvaluationRun & { id: string }>,
  ): Promise<EvaluationRun[]> {
    const now = new Date();
    const rows: RunRow[] = runs.map(run => ({
      id: run.id,
      model_name: run.modelName,
      version_number: run.version,
      account_id: run.accountId,
      region: run.region,
      status: 'queued',
      started_by: run.startedBy,
      compared_run_id: run.comparedRunId ?? null,
      prompts: null,
      passed: null,
      pass_rate: null,
      p50_latency_ms: null,
      p95_latency_ms: null,
      cold_starts: null,
      error: null,
      created_at: now,
      started_at: null,
      finished_at: null,
    }));
    await this.db('evaluation_runs').insert(rows);
    return rows.map(row => toRun(row));
  }

  async claimNext(now: Date): Promise<ClaimedRun | undefined> {
    return this.db.transaction(async tx => {
      const row = await lockForUpdate(
        tx,
        tx<RunRow>('evaluation_runs')
          .where({ status: 'queued' })
          .orderBy('created_at')
          .orderBy('id'),
      ).first();
      if (!row) return undefined;
      await tx('evaluation_runs')
        .where({ id: row.id, status: 'queued' })
        .update({ status: 'running', started_at: now });
      const suite = await tx('evaluation_suites')
        .where({ model_name: row.model_name })
        .first();
      return {
        ...toRun({ ...row, status: 'running', started_at: now }),
        accountId: row.account_id,
        prompts: suite ? JSON.parse(suite.prompts) : [],
      };
    });
  }

  async finish(
    runId: string,
    outcome:
      | {
          status: 'passed' | 'failed';
          summary: RunSummary;
          results: EvaluationResult[];
        }
      | { status: 'error'; error: string; results: EvaluationResult[] },
    now: Date,
  ): Promise<void> {
    await this.db.transaction(async tx => {
      await tx('evaluation_results').where({ run_id: runId }).delete();
      if (outcome.results.length > 0) {
        await tx('evaluation_results').insert(
          outcome.results.map((r, position) => ({
            run_id: runId,
            position,
            prompt_id: r.promptId,
            prompt: r.prompt,
            output: r.output,
            latency_ms: r.latencyMs,
            input_tokens: r.inputTokens ?? null,
            output_tokens: r.outputTokens ?? null,
            cold_start: r.coldStart,
            passed: r.passed,
            failures: JSON.stringify(r.failures),
          })),
        );
      }
      const summary =
        outcome.status === 'error'
          ? { error: outcome.error }
          : {
              prompts: outcome.summary.prompts,
              passed: outcome.summary.passed,
              pass_rate: outcome.summary.passRate,
              p50_latency_ms: outcome.summary.p50LatencyMs ?? null,
              p95_latency_ms: outcome.summary.p95LatencyMs ?? null,
              cold_starts: outcome.summary.coldStarts,
            };
      await tx('evaluation_runs')
        .where({ id: runId })
        .update({ status: outcome.status, finished_at: now, ...summary });
    });
  }

  async requeueAbandoned(before: Date): Promise<number> {
    return this.db('evaluation_runs')
      .where({ status: 'running' })
      .andWhere('started_at', '<', before)
      .update({ status: 'queued', started_at: null });
  }

  async getRun(
    modelName: string,
    runId: string,
  ): Promise<EvaluationRun | undefined> {
    const row = await this.db<RunRow>('evaluation_runs')
      .where({ id: runId, model_name: modelName })
      .first();
    if (!row) return undefined;
    const results = await this.db<ResultRow>('evaluation_results')
      .where({ run_id: runId })
      .orderBy('position');
    return toRun(row, results);
  }

  async listRuns(
    modelName: string,
    version: number | undefined,
    limit: number,
  ): Promise<EvaluationRun[]> {
    const query = this.db<RunRow>('evaluation_runs')
      .where({ model_name: modelName })
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .limit(limit);
    if (version !== undefined) query.where({ version_number: version });
    return (await query).map(row => toRun(row));
  }

  async latestFinished(
    modelName: string,
    version: number,
    region: string,
  ): Promise<EvaluationRun | undefined> {
    const row = await this.db<RunRow>('evaluation_runs')
      .where({ model_name: modelName, version_number: version, region })
      .whereIn('status', ['passed', 'failed', 'error'])
      .orderBy('finished_at', 'desc')
      .first();
    return row ? toRun(row) : undefined;
  }
}
