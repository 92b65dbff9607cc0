import {
  checkPromptChecks,
  evaluateOutcome,
  evaluationVerdict,
  summarizeRun,
} from './evaluationChecks';

describe('evaluation checks', () => {
  const outcome = {
    output: 'The refund was issued on 2026-11-02.',
    latencyMs: 800,
    outputTokens: 9,
    coldStart: false,
  };

  it('passes an answer that meets every check, and names each one it misses', () => {
    expect(
      evaluateOutcome(
        {
          mustContain: ['REFUND'],
          mustMatch: '\\d{4}-\\d{2}-\\d{2}',
          mustNotContain: ['sorry'],
          maxLatencyMs: 1000,
          maxOutputTokens: 20,
        },
        outcome,
      ),
    ).toEqual([]);
    expect(
      evaluateOutcome(
        {
          mustContain: ['ticket'],
          mustNotContain: ['refund'],
          mustMatch: '^Yes',
          maxLatencyMs: 500,
          maxOutputTokens: 5,
        },
        outcome,
      ),
    ).toEqual([
      'does not contain "ticket"',
      'contains "refund"',
      'does not match /^Yes/',
      'took 800 ms (at most 500)',
      'used 9 output tokens (at most 5)',
    ]);
  });

  it('does not hold a cold start against the latency limit', () => {
    expect(
      evaluateOutcome(
        { maxLatencyMs: 500 },
        { ...outcome, latencyMs: 90_000, coldStart: true },
      ),
    ).toEqual([]);
  });

  it('refuses patterns that are invalid, too long or can take exponential time', () => {
    expect(checkPromptChecks({ mustMatch: '(' })[0]).toMatch(
      /^mustMatch is not a valid regular expression/,
    );
    expect(checkPromptChecks({ mustMatch: '(a+)+$' })).toEqual([
      'mustMatch repeats a group that itself repeats (like (a+)+): simplify the pattern.',
    ]);
    expect(checkPromptChecks({ mustMatch: 'x'.repeat(501) })).toHaveLength(1);
    expect(checkPromptChecks({ mustMatch: 'refund|credit' })).toEqual([]);
  });

  it('summarizes a run: pass rate, and latencies of the calls without a cold start', () => {
    expect(
      summarizeRun([
        { passed: true, latencyMs: 100, coldStart: false },
        { passed: false, latencyMs: 300, coldStart: false },
        { passed: true, latencyMs: 60_000, coldStart: true },
        { passed: true, latencyMs: 200, coldStart: false },
      ]),
    ).toEqual({
      prompts: 4,
      passed: 3,
      passRate: 0.75,
      p50LatencyMs: 200,
      p95LatencyMs: 300,
      coldStarts: 1,
    });
  });

  it('blocks, warns or lets a promote through by the alias gate', () => {
    const gate = {
      alias: 'production',
      mode: 'block' as const,
      minPassRate: 1,
    };
    const latest = {
      passRate: 0.5,
      finishedAt: '2026-11-20T10:00:00.000Z',
      status: 'failed',
    };
    expect(
      evaluationVerdict({ gate, version: 3, alias: 'production', latest }),
    ).toEqual({
      kind: 'block',
      message:
        'The last evaluation of version 3 (2026-11-20T10:00:00.000Z) passed 50% of its prompts; production needs 100%.',
    });
    expect(
      evaluationVerdict({
        gate: { ...gate, mode: 'warn' },
        version: 3,
        alias: 'production',
      }).kind,
    ).toBe('warn');
    expect(
      evaluationVerdict({
        gate,
        version: 3,
        alias: 'production',
        latest: { ...latest, passRate: 1, status: 'passed' },
      }),
    ).toEqual({ kind: 'pass' });
    expect(evaluationVerdict({ version: 3, alias: 'staging' })).toEqual({
      kind: 'pass',
    });
  });
});
