import { AwsError } from '../../core/AwsError';
import { constraintViolation } from './ssmErrors';
import { SsmInput } from './ssmInput';

/** A tag, in AWS's wire shape (also how it is stored). */
export type ParameterTag = { Key: string; Value: string };

const MAX_TAGS_PER_RESOURCE = 50;
const TAG_PATTERN = /^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$/u;
const TAG_PATTERN_TEXT = '^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)$';

function wrongType(member: string): AwsError {
  return new AwsError(
    'SerializationException',
    400,
    `Expected a list of {Key, Value} string pairs for ${member}.`,
  );
}

function checkTagText(
  path: string,
  text: string,
  max: number,
  min: number,
): void {
  if (text.length < min || text.length > max) {
    throw constraintViolation(
      path,
      text,
      text.length < min
        ? `Member must have length greater than or equal to ${min}`
        : `Member must have length less than or equal to ${max}`,
    );
  }
  if (!TAG_PATTERN.test(text)) {
    throw constraintViolation(
      path,
      text,
      `Member must satisfy regular expression pattern: ${TAG_PATTERN_TEXT}`,
    );
  }
}

/** Reads and checks a tag list member (`Tags`), with AWS's limits on keys and values. */
export function readTags(
  input: SsmInput,
  member: string,
): ParameterTag[] | undefined {
  const value = input[member];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw wrongType(member);
  return value.map((tag: unknown, index) => {
    const { Key, Value } = (tag ?? {}) as Record<string, unknown>;
    const path = `${member.toLowerCase()}.${index + 1}.member`;
    if (typeof Key !== 'string' || typeof Value !== 'string') {
      if (Key === undefined || Value === undefined) {
        throw constraintViolation(
          `${path}.${Key === undefined ? 'key' : 'value'}`,
          null,
          'Member must not be null',
        );
      }
      throw wrongType(member);
    }
    checkTagText(`${path}.key`, Key, 128, 1);
    checkTagText(`${path}.value`, Value, 256, 0);
    return { Key, Value };
  });
}

/** Adds tags to a resource's tags, a new value replacing an old one for the same key. */
export function mergeTags(
  existing: ParameterTag[],
  added: ParameterTag[],
): ParameterTag[] {
  const merged = new Map(existing.map(t => [t.Key, t.Value]));
  for (const tag of added) merged.set(tag.Key, tag.Value);
  if (merged.size > MAX_TAGS_PER_RESOURCE) {
    throw new AwsError(
      'TooManyTagsError',
      400,
      `The Targets parameter includes too many tags: a resource can have at most ${MAX_TAGS_PER_RESOURCE}. Remove one or more tags and try the command again.`,
    );
  }
  return [...merged].map(([Key, Value]) => ({ Key, Value }));
}
