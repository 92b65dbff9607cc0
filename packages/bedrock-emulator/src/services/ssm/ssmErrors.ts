import { AwsError, validationError } from '../../core/AwsError';

/**
 * A coral-style constraint violation, as AWS words them:
 * `1 validation error detected: Value 'x' at 'name' failed to satisfy constraint: Member must ...`.
 * Sensitive members (parameter values) are not echoed.
 */
export function constraintViolation(
  member: string,
  value: unknown,
  constraint: string,
  options: { sensitive?: boolean } = {},
): AwsError {
  let shown: string;
  if (options.sensitive) {
    shown = 'Value';
  } else if (value === undefined || value === null) {
    shown = 'Value null';
  } else if (Array.isArray(value)) {
    shown = `Value '[${value.join(', ')}]'`;
  } else {
    shown = `Value '${String(value)}'`;
  }
  return validationError(
    `1 validation error detected: ${shown} at '${member}' failed to satisfy constraint: ${constraint}`,
  );
}

/** 400 ParameterNotFound. */
export function parameterNotFound(name: string): AwsError {
  return new AwsError('ParameterNotFound', 400, `Parameter ${name} not found.`);
}

/** 400 ParameterVersionNotFound for a `name:version` or `name:label` selector. */
export function parameterVersionNotFound(
  name: string,
  selector: string,
): AwsError {
  const what = /^\d+$/.test(selector)
    ? `version ${selector}`
    : `label ${selector}`;
  return new AwsError(
    'ParameterVersionNotFound',
    400,
    `Systems Manager could not find ${what} of ${name}. Verify the version and try again.`,
  );
}

/** The message AWS gives for a name that breaks the character or prefix rules. */
export const INVALID_NAME_MESSAGE =
  'Parameter name: can\'t be prefixed with "aws" or "ssm" (case-insensitive). If formed as a ' +
  'path, it can consist of sub-paths divided by slash symbol; each sub-path can be formed as a ' +
  'mix of letters, numbers and the following 3 symbols .-_';
