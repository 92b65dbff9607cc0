import { MODEL_NAME_MAX_LENGTH } from '../constants';

const MODEL_NAME_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/**
 * Checks a model name against the portal's naming rule and returns every problem,
 * each phrased as what to fix; an empty list means the name is valid.
 *
 * @public
 */
export function checkModelName(name: string): string[] {
  const problems: string[] = [];
  if (name.length === 0) {
    return ['Model name is empty: give a name such as "support-summarizer".'];
  }
  if (name.length > MODEL_NAME_MAX_LENGTH) {
    problems.push(
      `Model name is ${name.length} characters long: use at most ${MODEL_NAME_MAX_LENGTH}.`,
    );
  }
  if (!MODEL_NAME_PATTERN.test(name)) {
    problems.push(
      'Model name may only hold lower-case letters and digits in words joined by single hyphens ' +
        '(for example "support-summarizer-2"), with no hyphen at the start or end.',
    );
  }
  if (/-v\d+$/.test(name)) {
    // Version entities are named <model>-v<N>: a model named like one would clash with another's version.
    problems.push(
      `Model name may not end in "-v" and a number ("${name}"): that suffix names versions (support-summarizer-v2 is version 2 of support-summarizer).`,
    );
  }
  return problems;
}
