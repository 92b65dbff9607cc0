import { AwsError } from '../../core/AwsError';

/** 400 IllegalArgumentException, Service Quotas' answer to malformed input. */
export function illegalArgument(message: string): AwsError {
  return new AwsError('IllegalArgumentException', 400, message);
}

// The model's patterns for ServiceCode and QuotaCode.
const SERVICE_CODE_PATTERN = /^[a-zA-Z][a-zA-Z0-9-]{1,63}$/;
const QUOTA_CODE_PATTERN = /^[a-zA-Z][a-zA-Z0-9-]{1,128}$/;

/** A required string member; absent, empty or not a string is an IllegalArgumentException. */
export function requiredString(
  input: Record<string, unknown>,
  member: string,
): string {
  const value = input[member];
  if (value === undefined || value === null || value === '') {
    throw illegalArgument(`${member} is required.`);
  }
  if (typeof value !== 'string') {
    throw illegalArgument(`${member} must be a string.`);
  }
  return value;
}

/** An optional string member. */
export function optionalString(
  input: Record<string, unknown>,
  member: string,
): string | undefined {
  const value = input[member];
  if (value === undefined || value === null) {
    return undefined;
  }
  if (typeof value !== 'string') {
    throw illegalArgument(`${member} must be a string.`);
  }
  return value;
}

/** The ServiceCode member, checked against the model's length and pattern. */
export function readServiceCode(input: Record<string, unknown>): string {
  const code = requiredString(input, 'ServiceCode');
  if (code.length > 63 || !SERVICE_CODE_PATTERN.test(code)) {
    throw illegalArgument(
      `Value '${code}' at 'serviceCode' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z][a-zA-Z0-9-]{1,63}`,
    );
  }
  return code;
}

/** A QuotaCode member (required or an optional filter), checked against the model's pattern. */
export function readQuotaCode(
  input: Record<string, unknown>,
  required: boolean,
): string | undefined {
  const code = required
    ? requiredString(input, 'QuotaCode')
    : optionalString(input, 'QuotaCode');
  if (
    code !== undefined &&
    (code.length > 128 || !QUOTA_CODE_PATTERN.test(code))
  ) {
    throw illegalArgument(
      `Value '${code}' at 'quotaCode' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z][a-zA-Z0-9-]{1,128}`,
    );
  }
  return code;
}

/** MaxResults: an integer from 1 to 100; absent means 100. */
export function readMaxResults(input: Record<string, unknown>): number {
  const value = input.MaxResults;
  if (value === undefined || value === null) {
    return 100;
  }
  if (
    typeof value !== 'number' ||
    !Number.isInteger(value) ||
    value < 1 ||
    value > 100
  ) {
    throw illegalArgument(
      `Value '${String(
        value,
      )}' at 'maxResults' failed to satisfy constraint: Member must be an integer from 1 to 100.`,
    );
  }
  return value;
}

/** QuotaAppliedAtLevel filter: ACCOUNT, RESOURCE or ALL; absent means ACCOUNT, as in AWS. */
export function readAppliedLevel(
  input: Record<string, unknown>,
): 'ACCOUNT' | 'RESOURCE' | 'ALL' {
  const value = optionalString(input, 'QuotaAppliedAtLevel') ?? 'ACCOUNT';
  if (value !== 'ACCOUNT' && value !== 'RESOURCE' && value !== 'ALL') {
    throw illegalArgument(
      `Value '${value}' at 'quotaAppliedAtLevel' failed to satisfy constraint: Member must satisfy enum value set: [ACCOUNT, RESOURCE, ALL]`,
    );
  }
  return value;
}
