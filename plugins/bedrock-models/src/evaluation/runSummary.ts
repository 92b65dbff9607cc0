import type {
  EvaluationResult,
  EvaluationRun,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';

/** Milliseconds as `850 ms` or `1.2 s`. */
export function formatLatency(ms: number | undefined): string {
  if (ms === undefined) return '—';
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** Whether a run is still going. */
export function isRunOpen(run: Pick<EvaluationRun, 'status'>): boolean {
  return run.status === 'queued' || run.status === 'running';
}

/** "2 of 3 prompts passed (67%)", or the run's state while it has no figures. */
export function runScore(run: EvaluationRun): string {
  if (run.status === 'queued') return 'queued';
  if (run.status === 'running') return 'running';
  if (run.status === 'error') return `error: ${run.error ?? 'no result'}`;
  const passed = run.passed ?? 0;
  const prompts = run.prompts ?? 0;
  const rate = Math.round((run.passRate ?? 0) * 100);
  return `${passed} of ${prompts} prompts passed (${rate}%)`;
}

/** "p50 1.2 s · p95 3.4 s · 1 cold start", whatever of it the run has. */
export function runLatency(run: EvaluationRun): string {
  const parts: string[] = [];
  if (run.p50LatencyMs !== undefined)
    parts.push(`p50 ${formatLatency(run.p50LatencyMs)}`);
  if (run.p95LatencyMs !== undefined)
    parts.push(`p95 ${formatLatency(run.p95LatencyMs)}`);
  if (run.coldStarts)
    parts.push(
      `${run.coldStarts} cold ${run.coldStarts === 1 ? 'start' : 'starts'}`,
    );
  return parts.join(' · ');
}

/** One prompt of a run next to the same prompt of the run it is compared with. */
export type ComparedResult = {
  promptId: string;
  prompt: string;
  candidate?: EvaluationResult;
  compared?: EvaluationResult;
};

/**
 * The results of a run side by side with those of its comparison, by prompt id, in the candidate's
 * order (prompts only the compared run has come last: the suite changed between the two).
 */
export function compareResults(
  candidate: EvaluationResult[],
  compared: EvaluationResult[] = [],
): ComparedResult[] {
  const byId = new Map(compared.map(r => [r.promptId, r]));
  const rows: ComparedResult[] = candidate.map(r => ({
    promptId: r.promptId,
    prompt: r.prompt,
    candidate: r,
    compared: byId.get(r.promptId),
  }));
  const seen = new Set(candidate.map(r => r.promptId));
  for (const r of compared) {
    if (!seen.has(r.promptId)) {
      rows.push({ promptId: r.promptId, prompt: r.prompt, compared: r });
    }
  }
  return rows;
}
