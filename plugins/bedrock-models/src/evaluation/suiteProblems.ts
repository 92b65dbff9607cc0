/** The fields of a prompt the suite editor can point a problem at. */
export type PromptField =
  | 'id'
  | 'prompt'
  | 'mustContain'
  | 'mustNotContain'
  | 'mustMatch'
  | 'maxLatencyMs'
  | 'maxOutputTokens'
  /** The prompt as a whole (its checks, its token limit, anything else). */
  | 'prompt-card';

const CHECK_FIELDS: PromptField[] = [
  'mustContain',
  'mustNotContain',
  'mustMatch',
  'maxLatencyMs',
  'maxOutputTokens',
];

/** Where the backend's 400 puts each problem: by prompt (its index in the suite sent) and field. */
export type SuiteProblems = {
  /** Problems that name no prompt (e.g. too many prompts). */
  general: string[];
  byField: Map<string, string[]>;
};

/** The key of a prompt's field in {@link SuiteProblems.byField}. */
export function problemKey(index: number, field: PromptField): string {
  return `${index}.${field}`;
}

// `prompts[0].checks`, `prompts.0.checks.maxLatencyMs`, `/prompts/0/id`: the shapes the backend's
// three validators (its own rules, the request schema and the OpenAPI document) name a field in.
const PATH =
  /prompts(?:\[(\d+)\]|[./](\d+))(?:[./]([A-Za-z]+))?(?:[./]([A-Za-z]+))?/g;

function fieldOf(
  first: string | undefined,
  second: string | undefined,
  text: string,
): PromptField {
  if (first === 'id' || first === 'prompt') return first;
  if (first === 'checks') {
    const named =
      CHECK_FIELDS.find(f => f === second) ??
      CHECK_FIELDS.find(f => text.startsWith(f));
    return named ?? 'prompt-card';
  }
  return 'prompt-card';
}

/**
 * Splits the backend's message refusing a suite into problems next to the fields they are about, so the
 * editor shows each where it is to be fixed; what names no field stays general.
 */
export function suiteProblems(message: string): SuiteProblems {
  const matches = [...message.matchAll(PATH)];
  const byField = new Map<string, string[]>();
  if (matches.length === 0) return { general: [message], byField };
  matches.forEach((match, i) => {
    const start = match.index! + match[0].length;
    const end = i + 1 < matches.length ? matches[i + 1].index! : undefined;
    const text = message
      .slice(start, end)
      // What separates one problem from the next, and the leftovers of an OpenAPI path.
      .replace(/^[\s:]+/, '')
      .replace(/[\s;,]*(request\/body\/?)?$/, '')
      .trim();
    const index = Number(match[1] ?? match[2]);
    const key = problemKey(index, fieldOf(match[3], match[4], text));
    byField.set(key, [...(byField.get(key) ?? []), text]);
  });
  return { general: [], byField };
}
