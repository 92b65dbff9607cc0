import type { PromptChecks } from '../schema/openapi/generated';

/**
 * What one call of a prompt gave.
 *
 * @public
 */
export type PromptOutcome = {
  output: string;
  latencyMs: number;
  outputTokens?: number;
  /** The call met a cold start (the model was restoring): its latency says nothing about the model. */
  coldStart: boolean;
};

/**
 * Longest pattern accepted in a suite: patterns run against model output, keep them simple.
 *
 * @public
 */
export const MAX_PATTERN_LENGTH = 500;

/**
 * Problems of a prompt's checks, phrased as what to fix (empty when fine).
 *
 * @public
 */
export function checkPromptChecks(checks: PromptChecks): string[] {
  const problems: string[] = [];
  if (checks.mustMatch !== undefined) {
    if (checks.mustMatch.length > MAX_PATTERN_LENGTH) {
      problems.push(
        `mustMatch is ${checks.mustMatch.length} characters long: use at most ${MAX_PATTERN_LENGTH}.`,
      );
    } else if (/\([^()]*[+*{][^()]*\)[+*{]/.test(checks.mustMatch)) {
      // A quantified group that repeats a quantifier can take exponential time on some answers, and
      // the pattern runs against model output in the backend.
      problems.push(
        'mustMatch repeats a group that itself repeats (like (a+)+): simplify the pattern.',
      );
    } else {
      try {
        // eslint-disable-next-line no-new
        new RegExp(checks.mustMatch);
      } catch (error) {
        problems.push(
          `mustMatch is not a valid regular expression (${
            (error as Error).message
          }).`,
        );
      }
    }
  }
  return problems;
}

/**
 * Whether an answer passes its prompt's checks: the list of failures, each saying what was expected
 * (empty when it passes).
 *
 * @public
 */
export function evaluateOutcome(
  checks: PromptChecks,
  outcome: PromptOutcome,
): string[] {
  const failures: string[] = [];
  const text = outcome.output.toLowerCase();
  for (const needle of checks.mustContain ?? []) {
    if (!text.includes(needle.toLowerCase())) {
      failures.push(`does not contain "${needle}"`);
    }
  }
  for (const needle of checks.mustNotContain ?? []) {
    if (text.includes(needle.toLowerCase())) {
      failures.push(`contains "${needle}"`);
    }
  }
  if (checks.mustMatch !== undefined) {
    let pattern: RegExp | undefined;
    try {
      pattern = new RegExp(checks.mustMatch);
    } catch {
      failures.push(`mustMatch is not a valid pattern`);
    }
    if (pattern && !pattern.test(outcome.output)) {
      failures.push(`does not match /${checks.mustMatch}/`);
    }
  }
  if (
    checks.maxLatencyMs !== undefined &&
    !outcome.coldStart &&
    outcome.latencyMs > checks.maxLatencyMs
  ) {
    failures.push(
      `took ${Math.round(outcome.latencyMs)} ms (at most ${
        checks.maxLatencyMs
      })`,
    );
  }
  if (
    checks.maxOutputTokens !== undefined &&
    outcome.outputTokens !== undefined &&
    outcome.outputTokens > checks.maxOutputTokens
  ) {
    failures.push(
      `used ${outcome.outputTokens} output tokens (at most ${checks.maxOutputTokens})`,
    );
  }
  return failures;
}

/**
 * Summary figures of a run.
 *
 * @public
 */
export type RunSummary = {
  prompts: number;
  passed: number;
  passRate: number;
  /** Latency percentiles of the calls that met no cold start. */
  p50LatencyMs?: number;
  p95LatencyMs?: number;
  coldStarts: number;
};

/**
 * The percentile of a set of values (nearest rank).
 *
 * @public
 */
export function percentile(values: number[], p: number): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[
    Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)
  ];
}

/**
 * Pass rate and latencies of a run's results.
 *
 * @public
 */
export function summarizeRun(
  results: Array<{ passed: boolean; latencyMs: number; coldStart: boolean }>,
): RunSummary {
  const warm = results.filter(r => !r.coldStart).map(r => r.latencyMs);
  const passed = results.filter(r => r.passed).length;
  return {
    prompts: results.length,
    passed,
    passRate: results.length === 0 ? 0 : passed / results.length,
    p50LatencyMs: percentile(warm, 50),
    p95LatencyMs: percentile(warm, 95),
    coldStarts: results.filter(r => r.coldStart).length,
  };
}

/**
 * How an alias treats evaluations (config `bedrockModels.evaluationGates`).
 *
 * @public
 */
export type EvaluationGate = {
  alias: string;
  /** `block`: refuse a promote without a passing run; `warn`: promote, saying so; `ignore`. */
  mode: 'block' | 'warn' | 'ignore';
  /** Share of prompts that must pass, 0-1 (1: every prompt). */
  minPassRate: number;
};

/**
 * What the gate says about a candidate.
 *
 * @public
 */
export type GateVerdict =
  | { kind: 'pass' }
  | { kind: 'warn'; message: string }
  | { kind: 'block'; message: string };

/**
 * Applies an alias's gate to the candidate's latest finished run (undefined: never evaluated).
 *
 * @public
 */
export function evaluationVerdict(input: {
  gate?: EvaluationGate;
  version: number;
  alias: string;
  latest?: { passRate: number; finishedAt: string; status: string };
}): GateVerdict {
  const { gate, latest, version, alias } = input;
  if (!gate || gate.mode === 'ignore') return { kind: 'pass' };
  let problem: string | undefined;
  if (!latest) {
    problem = `Version ${version} has not been evaluated: run the model's evaluation suite on it before promoting it to ${alias}.`;
  } else if (latest.status === 'error') {
    problem = `The last evaluation of version ${version} (${latest.finishedAt}) could not run: run it again before promoting it to ${alias}.`;
  } else if (latest.passRate < gate.minPassRate) {
    problem = `The last evaluation of version ${version} (${
      latest.finishedAt
    }) passed ${Math.round(
      latest.passRate * 100,
    )}% of its prompts; ${alias} needs ${Math.round(gate.minPassRate * 100)}%.`;
  }
  if (!problem) return { kind: 'pass' };
  return gate.mode === 'block'
    ? { kind: 'block', message: problem }
    : { kind: 'warn', message: problem };
}
