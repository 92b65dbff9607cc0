import type { EvaluationPrompt } from '@bedrock-portal/backstage-plugin-bedrock-models-common';

/**
 * One prompt as the suite editor holds it: every field as typed, so a half-written number or an empty
 * line is kept until the owner saves; the backend checks the saved suite.
 */
export type PromptDraft = {
  /** Stable while editing (React key), not sent. */
  key: string;
  id: string;
  prompt: string;
  /** One phrase a line. */
  mustContain: string;
  mustNotContain: string;
  mustMatch: string;
  maxLatencyMs: string;
  maxOutputTokens: string;
};

let drafts = 0;

/** A new, empty prompt, with an id the suite does not use yet. */
export function emptyPrompt(taken: string[]): PromptDraft {
  let n = taken.length + 1;
  while (taken.includes(`prompt-${n}`)) n += 1;
  drafts += 1;
  return {
    key: `draft-${drafts}`,
    id: `prompt-${n}`,
    prompt: '',
    mustContain: '',
    mustNotContain: '',
    mustMatch: '',
    maxLatencyMs: '',
    maxOutputTokens: '',
  };
}

/** A saved prompt, for editing. */
export function toDraft(prompt: EvaluationPrompt): PromptDraft {
  drafts += 1;
  return {
    key: `saved-${drafts}`,
    id: prompt.id,
    prompt: prompt.prompt,
    mustContain: (prompt.checks.mustContain ?? []).join('\n'),
    mustNotContain: (prompt.checks.mustNotContain ?? []).join('\n'),
    mustMatch: prompt.checks.mustMatch ?? '',
    maxLatencyMs:
      prompt.checks.maxLatencyMs === undefined
        ? ''
        : String(prompt.checks.maxLatencyMs),
    maxOutputTokens:
      prompt.checks.maxOutputTokens === undefined
        ? ''
        : String(prompt.checks.maxOutputTokens),
  };
}

const lines = (text: string) =>
  text
    .split('\n')
    .map(line => line.trim())
    .filter(line => line.length > 0);

/**
 * A number as typed: a blank field is no limit; anything else goes as a number (or as typed, when it
 * is not one), so the backend's message says what is wrong with it.
 */
function limit(text: string): number | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  return Number(trimmed);
}

/** The prompt to send: empty checks are left out. */
export function fromDraft(draft: PromptDraft): EvaluationPrompt {
  const mustContain = lines(draft.mustContain);
  const mustNotContain = lines(draft.mustNotContain);
  const maxLatencyMs = limit(draft.maxLatencyMs);
  const maxOutputTokens = limit(draft.maxOutputTokens);
  return {
    id: draft.id.trim(),
    prompt: draft.prompt,
    checks: {
      ...(mustContain.length > 0 ? { mustContain } : {}),
      ...(mustNotContain.length > 0 ? { mustNotContain } : {}),
      ...(draft.mustMatch !== '' ? { mustMatch: draft.mustMatch } : {}),
      ...(maxLatencyMs !== undefined ? { maxLatencyMs } : {}),
      ...(maxOutputTokens !== undefined ? { maxOutputTokens } : {}),
    },
  };
}
