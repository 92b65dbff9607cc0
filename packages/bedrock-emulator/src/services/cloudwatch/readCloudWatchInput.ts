import { invalidParameterValue, missingParameter } from './cloudWatchErrors';

/*
 * Readers for untrusted CloudWatch input. Parameter paths are written the way CloudWatch's
 * messages name them (query style, 1-based): `MetricDataQueries.member.2.MetricStat.Period`.
 */

/** The units CloudWatch accepts (the model's StandardUnit). */
export const STANDARD_UNITS: ReadonlySet<string> = new Set([
  'Seconds',
  'Microseconds',
  'Milliseconds',
  'Bytes',
  'Kilobytes',
  'Megabytes',
  'Gigabytes',
  'Terabytes',
  'Bits',
  'Kilobits',
  'Megabits',
  'Gigabits',
  'Terabits',
  'Percent',
  'Count',
  'Bytes/Second',
  'Kilobytes/Second',
  'Megabytes/Second',
  'Gigabytes/Second',
  'Terabytes/Second',
  'Bits/Second',
  'Kilobits/Second',
  'Megabits/Second',
  'Gigabits/Second',
  'Terabits/Second',
  'Count/Second',
  'None',
]);

/** A JSON object member, or undefined when absent. */
export function optionalObject(
  value: unknown,
  path: string,
): Record<string, unknown> | undefined {
  if (value === undefined || value === null) {
    return undefined;
  }
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw invalidParameterValue(`The parameter ${path} must be a structure.`);
  }
  return value as Record<string, unknown>;
}

/** A JSON array member, or undefined when absent. */
export function optionalList(
  value: unknown,
  path: string,
): unknown[] | undefined {
  if (value === undefined || value === null) {
    return undefined;
  }
  if (!Array.isArray(value)) {
    throw invalidParameterValue(`The parameter ${path} must be a list.`);
  }
  return value;
}

/** An optional string with a length limit. */
export function optionalString(
  value: unknown,
  path: string,
  limits: { min?: number; max?: number } = {},
): string | undefined {
  if (value === undefined || value === null) {
    return undefined;
  }
  if (typeof value !== 'string') {
    throw invalidParameterValue(`The parameter ${path} must be a string.`);
  }
  const { min = 0, max = Infinity } = limits;
  if (value.length < min || value.length > max) {
    throw invalidParameterValue(
      `The value ${value} for parameter ${path} is invalid: its length must be from ${min} to ${max} characters.`,
    );
  }
  return value;
}

/** A required string with a length limit (at least one character). */
export function requiredString(
  value: unknown,
  path: string,
  max: number,
): string {
  if (value === undefined || value === null || value === '') {
    throw missingParameter(path);
  }
  return optionalString(value, path, { min: 1, max }) as string;
}

/** An optional integer. */
export function optionalInteger(
  value: unknown,
  path: string,
): number | undefined {
  if (value === undefined || value === null) {
    return undefined;
  }
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw invalidParameterValue(
      `The value ${String(
        value,
      )} for parameter ${path} is not a valid integer.`,
    );
  }
  return value;
}

/**
 * A double as the SDK sends it: a JSON number, or the strings `NaN`, `Infinity` and `-Infinity`
 * for the values JSON cannot carry. CloudWatch refuses the latter and anything beyond ±2^360.
 */
export function readDatapointValue(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw invalidParameterValue(
      `The value ${String(
        value,
      )} for parameter ${path} is invalid: special values such as NaN and Infinity are not supported.`,
    );
  }
  if (Math.abs(value) > 2 ** 360) {
    throw invalidParameterValue(
      `The value ${value} for parameter ${path} is invalid: values must be in the range -2^360 to 2^360.`,
    );
  }
  return value;
}

/**
 * A timestamp in epoch milliseconds. awsJson sends timestamps as epoch seconds (a JSON number,
 * possibly fractional); an ISO 8601 string is accepted too, for hand-written requests.
 */
export function readTimestamp(value: unknown, path: string): number {
  if (typeof value === 'number' && Number.isFinite(value)) {
    return Math.round(value * 1000);
  }
  if (
    typeof value === 'string' &&
    /^\d{4}-\d{2}-\d{2}T/.test(value) &&
    !Number.isNaN(Date.parse(value))
  ) {
    return Date.parse(value);
  }
  throw invalidParameterValue(
    `The value ${String(
      value,
    )} for parameter ${path} is not a valid timestamp.`,
  );
}

/** An optional StandardUnit. */
export function readUnit(value: unknown, path: string): string | undefined {
  const unit = optionalString(value, path);
  if (unit !== undefined && !STANDARD_UNITS.has(unit)) {
    throw invalidParameterValue(
      `The value ${unit} for parameter ${path} is not a valid unit: use one of ${[
        ...STANDARD_UNITS,
      ].join(', ')}.`,
    );
  }
  return unit;
}

/** A metric's Dimensions list (at most 30, unique names) as a name-to-value record. */
export function readDimensions(
  value: unknown,
  path: string,
): Record<string, string> {
  const list = optionalList(value, path) ?? [];
  if (list.length > 30) {
    throw invalidParameterValue(
      `The collection ${path} must not have more than 30 members.`,
    );
  }
  const dimensions: Record<string, string> = {};
  list.forEach((item, index) => {
    const itemPath = `${path}.member.${index + 1}`;
    const dimension = optionalObject(item, itemPath) ?? {};
    const name = requiredString(dimension.Name, `${itemPath}.Name`, 255);
    const dimensionValue = requiredString(
      dimension.Value,
      `${itemPath}.Value`,
      1024,
    );
    if (name in dimensions) {
      throw invalidParameterValue(
        `The value ${name} for parameter ${itemPath}.Name is a duplicate: each dimension name may appear once.`,
      );
    }
    dimensions[name] = dimensionValue;
  });
  return dimensions;
}

/** A Namespace: 1 to 255 characters, not starting with a colon (the model's pattern). */
export function readNamespace(
  value: unknown,
  path: string,
  required: boolean,
): string | undefined {
  const namespace = required
    ? requiredString(value, path, 255)
    : optionalString(value, path, { min: 1, max: 255 });
  if (namespace !== undefined && namespace.startsWith(':')) {
    throw invalidParameterValue(
      `The value ${namespace} for parameter ${path} is invalid: it must not start with a colon.`,
    );
  }
  return namespace;
}
