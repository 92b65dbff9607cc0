import { AwsError } from '../../core/AwsError';
import { constraintViolation } from './ssmErrors';

/** A request's JSON input, as awsJson hands it over: untrusted until read through these helpers. */
export type SsmInput = Record<string, unknown>;

/** The member name AWS uses in validation messages: `MaxResults` is `maxResults`. */
function wireName(member: string): string {
  return member.charAt(0).toLowerCase() + member.slice(1);
}

function wrongType(member: string, expected: string): AwsError {
  return new AwsError(
    'SerializationException',
    400,
    `Expected ${expected} for ${member}, but the request has another type.`,
  );
}

/** An optional string member. */
export function optionalString(
  input: SsmInput,
  member: string,
): string | undefined {
  const value = input[member];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw wrongType(member, 'a string');
  return value;
}

/** A required string member: absent is AWS's "Member must not be null". */
export function requiredString(input: SsmInput, member: string): string {
  const value = optionalString(input, member);
  if (value === undefined) {
    throw constraintViolation(
      wireName(member),
      null,
      'Member must not be null',
    );
  }
  return value;
}

/** An optional boolean member. */
export function optionalBoolean(
  input: SsmInput,
  member: string,
): boolean | undefined {
  const value = input[member];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw wrongType(member, 'a boolean');
  return value;
}

/** An optional integer member within bounds. */
export function optionalInteger(
  input: SsmInput,
  member: string,
  min: number,
  max: number,
): number | undefined {
  const value = input[member];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw wrongType(member, 'an integer');
  }
  if (value < min) {
    throw constraintViolation(
      wireName(member),
      value,
      `Member must have value greater than or equal to ${min}`,
    );
  }
  if (value > max) {
    throw constraintViolation(
      wireName(member),
      value,
      `Member must have value less than or equal to ${max}`,
    );
  }
  return value;
}

/** A required list of strings with AWS's length bounds. */
export function requiredStringList(
  input: SsmInput,
  member: string,
  min: number,
  max: number,
): string[] {
  const value = input[member];
  if (value === undefined || value === null) {
    throw constraintViolation(
      wireName(member),
      null,
      'Member must not be null',
    );
  }
  if (!Array.isArray(value) || value.some(v => typeof v !== 'string')) {
    throw wrongType(member, 'a list of strings');
  }
  if (value.length < min) {
    throw constraintViolation(
      wireName(member),
      value,
      `Member must have length greater than or equal to ${min}`,
    );
  }
  if (value.length > max) {
    throw constraintViolation(
      wireName(member),
      value,
      `Member must have length less than or equal to ${max}`,
    );
  }
  return value as string[];
}

/** An optional string member limited to a set of values (an AWS enum). */
export function optionalEnum<T extends string>(
  input: SsmInput,
  member: string,
  values: readonly T[],
): T | undefined {
  const value = optionalString(input, member);
  if (value !== undefined && !values.includes(value as T)) {
    throw constraintViolation(
      wireName(member),
      value,
      `Member must satisfy enum value set: [${values.join(', ')}]`,
    );
  }
  return value as T | undefined;
}

/** A string's length bounds, checked with AWS's wording. */
export function checkLength(
  member: string,
  value: string,
  min: number,
  max: number,
  options: { sensitive?: boolean } = {},
): void {
  if (value.length < min) {
    throw constraintViolation(
      wireName(member),
      value,
      `Member must have length greater than or equal to ${min}`,
      options,
    );
  }
  if (value.length > max) {
    throw constraintViolation(
      wireName(member),
      value,
      `Member must have length less than or equal to ${max}`,
      options,
    );
  }
}
