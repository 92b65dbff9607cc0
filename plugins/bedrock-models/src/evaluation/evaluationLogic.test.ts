import { aResult, aRun } from '../__testUtils__/evaluationFixtures';
import {
  compareResults,
  formatLatency,
  runLatency,
  runScore,
} from './runSummary';
import { emptyPrompt, fromDraft, toDraft } from './suiteDraft';
import { problemKey, suiteProblems } from './suiteProblems';

describe('suiteProblems', () => {
  it("puts the backend's own problems next to the prompt field they name", () => {
    const problems = suiteProblems(
      'Invalid evaluation suite: prompts[0].checks: mustMatch repeats a group that itself repeats (like (a+)+): simplify the pattern. prompts[1].id: "greeting" is used twice; give each prompt its own id.',
    );
    expect(problems.general).toEqual([]);
    expect(problems.byField.get(problemKey(0, 'mustMatch'))).toEqual([
      'mustMatch repeats a group that itself repeats (like (a+)+): simplify the pattern.',
    ]);
    expect(problems.byField.get(problemKey(1, 'id'))).toEqual([
      '"greeting" is used twice; give each prompt its own id.',
    ]);
  });

  it("reads the request schema's paths (dotted, or slashed as the OpenAPI check writes them)", () => {
    const zod = suiteProblems(
      'Invalid body: prompts.2.checks.maxLatencyMs: Too small: expected number to be >0; prompts.2.prompt: give the prompt text',
    );
    expect(zod.byField.get(problemKey(2, 'maxLatencyMs'))).toEqual([
      'Too small: expected number to be >0',
    ]);
    expect(zod.byField.get(problemKey(2, 'prompt'))).toEqual([
      'give the prompt text',
    ]);
    const openApi = suiteProblems(
      'request/body/prompts/0/id must match pattern "^[A-Za-z0-9][A-Za-z0-9_.-]*$"',
    );
    expect(openApi.byField.get(problemKey(0, 'id'))).toEqual([
      'must match pattern "^[A-Za-z0-9][A-Za-z0-9_.-]*$"',
    ]);
  });

  it('keeps what names no prompt general, and other fields on the prompt as a whole', () => {
    expect(
      suiteProblems('Invalid body: prompts: use at most 50 prompts'),
    ).toEqual({
      general: ['Invalid body: prompts: use at most 50 prompts'],
      byField: new Map(),
    });
    expect(
      suiteProblems('Invalid body: prompts.0.maxTokens: Too big').byField.get(
        problemKey(0, 'prompt-card'),
      ),
    ).toEqual(['Too big']);
  });
});

describe('suite drafts', () => {
  it('round-trips a prompt, leaving out empty checks and sending numbers as numbers', () => {
    const prompt = {
      id: 'policy',
      prompt: 'Quote the refund policy.',
      checks: {
        mustContain: ['refund', '30 days'],
        mustMatch: '^Our',
        maxLatencyMs: 3000,
      },
    };
    expect(fromDraft(toDraft(prompt))).toEqual(prompt);
    const draft = {
      ...emptyPrompt(['prompt-1']),
      prompt: 'Hi',
      maxOutputTokens: ' 40 ',
    };
    expect(draft.id).toBe('prompt-2');
    expect(fromDraft(draft)).toEqual({
      id: 'prompt-2',
      prompt: 'Hi',
      checks: { maxOutputTokens: 40 },
    });
  });
});

describe('run summaries', () => {
  it('scores and times a run, and says what state an open one is in', () => {
    const run = aRun({ passed: 1, passRate: 0.5, coldStarts: 2 });
    expect(runScore(run)).toBe('1 of 2 prompts passed (50%)');
    expect(runLatency(run)).toBe('p50 850 ms · p95 1.4 s · 2 cold starts');
    expect(runScore(aRun({ status: 'queued' }))).toBe('queued');
    expect(runScore(aRun({ status: 'error', error: 'no suite' }))).toBe(
      'error: no suite',
    );
    expect(formatLatency(undefined)).toBe('—');
  });

  it('lines up each prompt with the compared run, by id', () => {
    const rows = compareResults(
      [aResult({ promptId: 'a' }), aResult({ promptId: 'b' })],
      [aResult({ promptId: 'b', passed: false }), aResult({ promptId: 'c' })],
    );
    expect(
      rows.map(r => [r.promptId, !!r.candidate, r.compared?.passed]),
    ).toEqual([
      ['a', true, undefined],
      ['b', true, false],
      ['c', false, true],
    ]);
  });
});
