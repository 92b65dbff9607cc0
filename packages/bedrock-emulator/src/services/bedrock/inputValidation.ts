import { validationError } from '../../core/AwsError';
import { ModelPattern, TAG_TEXT } from './bedrockPatterns';

// AWS reports constraint failures as "1 validation error detected: Value 'x' at 'member' failed to
// satisfy constraint: ..."; these checks keep that wording so callers can match on it.
export function constraintError(value: unknown, member: string, rule: string) {
  const shown = typeof value === 'string' ? value : JSON.stringify(value);
  return validationError(
    `1 validation error detected: Value '${shown}' at '${member}' failed to satisfy constraint: ${rule}`,
  );
}

/** Checks a string against a service-model pattern and length range, throwing AWS's wording. */
export function checkString(
  value: string,
  member: string,
  options: { min?: number; max?: number; pattern?: ModelPattern },
): string {
  const { min = 0, max, pattern } = options;
  if (value.length < min || (max !== undefined && value.length > max)) {
    throw constraintError(
      value,
      member,
      `Member must have length between ${min} and ${max ?? 'unbounded'}`,
    );
  }
  if (pattern && !pattern.matches(value)) {
    throw constraintError(
      value,
      member,
      `Member must satisfy regular expression pattern: ${pattern.source}`,
    );
  }
  return value;
}

/** Requires a string member matching a pattern and length range. */
export function requireString(
  input: Record<string, unknown>,
  member: string,
  options: {
    min?: number;
    max?: number;
    pattern?: ModelPattern;
    required?: boolean;
    /** The member's path in messages, e.g. `modelDataSource.s3DataSource.s3Uri`; `member` when absent. */
    path?: string;
  } = {},
): string | undefined {
  const value = input[member];
  const path = options.path ?? member;
  if (value === undefined || value === null) {
    if (options.required === false) return undefined;
    throw constraintError(null, path, 'Member must not be null');
  }
  if (typeof value !== 'string') {
    throw constraintError(value, path, 'Member must be a string');
  }
  return checkString(value, path, options);
}

/** A Bedrock tag: key 1-128 characters, value 0-256. */
export type Tag = { key: string; value: string };

/** The most tags a TagList (and so a resource) can have. */
export const MAX_TAGS = 200;

/** Reads a `[{key, value}]` tag list, at most 200 entries. */
export function readTags(
  input: Record<string, unknown>,
  member: string,
): Tag[] {
  const tags = input[member];
  if (tags === undefined || tags === null) return [];
  if (!Array.isArray(tags)) {
    throw constraintError(tags, member, 'Member must be a list');
  }
  if (tags.length > MAX_TAGS) {
    throw constraintError(
      `${tags.length} tags`,
      member,
      `Member must have length less than or equal to ${MAX_TAGS}`,
    );
  }
  return tags.map((tag, i) => {
    const t = (tag ?? {}) as Record<string, unknown>;
    const key = requireString(t, 'key', {
      min: 1,
      max: 128,
      pattern: TAG_TEXT,
    });
    const value = requireString(t, 'value', {
      min: 0,
      max: 256,
      pattern: TAG_TEXT,
    });
    if (key === undefined || value === undefined) {
      throw constraintError(
        tag,
        `${member}.${i + 1}`,
        'Member must have a key and a value',
      );
    }
    return { key, value };
  });
}
