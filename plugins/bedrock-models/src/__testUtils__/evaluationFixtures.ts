import type {
  EvaluationResult,
  EvaluationRun,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { MODEL } from './modelFixtures';

/** One prompt's result; passed, warm. */
export function aResult(
  overrides: Partial<EvaluationResult> = {},
): EvaluationResult {
  return {
    promptId: 'greeting',
    prompt: 'Say hello to a customer.',
    output: 'Hello! How can I help you today?',
    latencyMs: 850,
    inputTokens: 12,
    outputTokens: 9,
    coldStart: false,
    passed: true,
    failures: [],
    ...overrides,
  };
}

/** A finished run of version 3 in us-east-1 that passed both its prompts. */
export function aRun(overrides: Partial<EvaluationRun> = {}): EvaluationRun {
  return {
    id: '6a0c2b7e-1d3f-4e5a-8b9c-0d1e2f3a4b5c',
    modelName: MODEL,
    version: 3,
    region: 'us-east-1',
    status: 'passed',
    startedBy: 'user:default/ana',
    prompts: 2,
    passed: 2,
    passRate: 1,
    p50LatencyMs: 850,
    p95LatencyMs: 1400,
    coldStarts: 0,
    createdAt: '2026-11-20T10:00:00.000Z',
    startedAt: '2026-11-20T10:00:01.000Z',
    finishedAt: '2026-11-20T10:00:09.000Z',
    ...overrides,
  };
}
