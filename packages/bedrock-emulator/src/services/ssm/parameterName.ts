import { AwsError, validationError } from '../../core/AwsError';
import { constraintViolation, INVALID_NAME_MESSAGE } from './ssmErrors';

const MAX_NAME_LENGTH = 2048;
const MAX_HIERARCHY_LEVELS = 15;

/**
 * Checks a name PutParameter is about to create, with AWS's rules and messages: 1-2048 characters
 * of `a-zA-Z0-9_.-/`; a hierarchy starts with `/`, has non-empty levels and at most 15 of them;
 * no name may start with `aws` or `ssm` (case-insensitive), with or without the leading slash.
 */
export function checkNewParameterName(name: string): void {
  if (name.length < 1 || name.length > MAX_NAME_LENGTH) {
    throw constraintViolation(
      'name',
      name,
      name.length < 1
        ? 'Member must have length greater than or equal to 1'
        : `Member must have length less than or equal to ${MAX_NAME_LENGTH}`,
    );
  }
  if (!/^[a-zA-Z0-9_.\-/]+$/.test(name)) {
    throw validationError(INVALID_NAME_MESSAGE);
  }
  if (name.includes('/') && !name.startsWith('/')) {
    throw validationError('Parameter name must be a fully qualified name.');
  }
  const levels = name.startsWith('/') ? name.slice(1).split('/') : [name];
  if (levels.some(level => level === '')) {
    throw validationError(INVALID_NAME_MESSAGE);
  }
  if (/^(aws|ssm)/i.test(levels[0])) {
    throw validationError(INVALID_NAME_MESSAGE);
  }
  if (levels.length > MAX_HIERARCHY_LEVELS) {
    throw new AwsError(
      'HierarchyLevelLimitExceededException',
      400,
      `A hierarchy can have a maximum of ${MAX_HIERARCHY_LEVELS} levels. ${name} has ${levels.length}.`,
    );
  }
}

/** A name as GetParameter takes it: `name`, `name:version` or `name:label`. */
export type ParameterReference = { name: string; selector?: string };

/**
 * Splits `name:selector`. Parameter names cannot contain `:`, so the first colon starts the
 * selector. ARNs are refused with a clear message: the emulator looks parameters up by name only.
 */
export function parseParameterReference(reference: string): ParameterReference {
  if (reference.startsWith('arn:')) {
    throw validationError(
      'The bedrock-emulator looks parameters up by name; pass the parameter name instead of its ARN.',
    );
  }
  const colon = reference.indexOf(':');
  if (colon === -1) {
    return { name: reference };
  }
  const selector = reference.slice(colon + 1);
  if (selector === '' || selector.includes(':')) {
    throw validationError(
      `Invalid parameter selector in ${reference}: use name:version or name:label.`,
    );
  }
  return { name: reference.slice(0, colon), selector };
}

/** The AWS partition a Region belongs to. */
function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

/** A parameter's ARN; a hierarchy's leading slash is not repeated after `parameter/`. */
export function parameterArn(
  region: string,
  accountId: string,
  name: string,
): string {
  return `arn:${partitionOf(
    region,
  )}:ssm:${region}:${accountId}:parameter/${name.replace(/^\//, '')}`;
}
