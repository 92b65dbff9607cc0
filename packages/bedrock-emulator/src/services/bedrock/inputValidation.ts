import { validationError } from '../../core/AwsError';

// AWS reports constraint failures as "1 validation error detected: Value 'x' at 'member' failed to
// satisfy constraint: ..."; these checks keep that wording so callers can match on it.
function constraint(value: unknown, member: string, rule: string) {
  const shown = typeof value === 'string' ? value : JSON.stringify(value);
  return validationError(
    `1 validation error detected: Value '${shown}' at '${member}' failed to satisfy constraint: ${rule}`,
  );
}

/** Requires a string member matching a pattern and length range. */
export function requireString(
  input: Record<string, unknown>,
  member: string,
  options: {
    min?: number;
    max?: number;
    pattern?: RegExp;
    required?: boolean;
  } = {},
): string | undefined {
  const value = input[member];
  if (value === undefined || value === null) {
    if (options.required === false) return undefined;
    throw constraint(null, member, 'Member must not be null');
  }
  if (typeof value !== 'string') {
    throw constraint(value, member, 'Member must be a string');
  }
  const { min = 0, max, pattern } = options;
  if (value.length < min || (max !== undefined && value.length > max)) {
    throw constraint(
      value,
      member,
      `Member must have length between ${min} and ${max ?? 'unbounded'}`,
    );
  }
  if (pattern && !pattern.test(value)) {
    throw constraint(
      value,
      member,
      `Member must satisfy regular expression pattern: ${pattern.source.replace(
        /^\^|\$$/g,
        '',
      )}`,
    );
  }
  return value;
}

/** A Bedrock tag: key 1-128 characters, value 0-256. */
export type Tag = { key: string; value: string };

const TAG_PATTERN = /^[a-zA-Z0-9\s._:/=+@-]*$/;

/** Reads a `[{key, value}]` tag list, at most 200 entries. */
export function readTags(
  input: Record<string, unknown>,
  member: string,
): Tag[] {
  const tags = input[member];
  if (tags === undefined || tags === null) return [];
  if (!Array.isArray(tags)) {
    throw constraint(tags, member, 'Member must be a list');
  }
  if (tags.length > 200) {
    throw constraint(
      `${tags.length} tags`,
      member,
      'Member must have length less than or equal to 200',
    );
  }
  return tags.map((tag, i) => {
    const t = (tag ?? {}) as Record<string, unknown>;
    const key = requireString(t, 'key', {
      min: 1,
      max: 128,
      pattern: TAG_PATTERN,
    });
    const value = requireString(t, 'value', {
      min: 0,
      max: 256,
      pattern: TAG_PATTERN,
    });
    if (key === undefined || value === undefined) {
      throw constraint(
        tag,
        `${member}.${i + 1}`,
        'Member must have a key and a value',
      );
    }
    return { key, value };
  });
}

/** Patterns of CreateModelImportJob's members, from the service model. */
export const PATTERNS = {
  jobName: /^[a-zA-Z0-9](-*[a-zA-Z0-9+\-.])*$/,
  importedModelName: /^([0-9a-zA-Z][_-]?)+$/,
  roleArn: /^arn:aws(-[^:]+)?:iam::([0-9]{12})?:role\/.+$/,
  s3Uri: /^s3:\/\/[a-z0-9][.\-a-z0-9]{1,61}[a-z0-9](\/.*)?$/,
  clientRequestToken: /^[a-zA-Z0-9](-*[a-zA-Z0-9])*$/,
  kmsKeyId:
    /^(arn:aws(-[^:]+)?:kms:[a-zA-Z0-9-]*:[0-9]{12}:((key\/[a-zA-Z0-9-]{36})|(alias\/[a-zA-Z0-9-_/]+)))|([a-zA-Z0-9-]{36})|(alias\/[a-zA-Z0-9-_/]+)$/,
};
