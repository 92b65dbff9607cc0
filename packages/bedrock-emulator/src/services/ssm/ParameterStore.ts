import { AwsError, validationError } from '../../core/AwsError';
import { checkNewParameterName, ParameterReference } from './parameterName';
import { mergeTags, ParameterTag } from './parameterTags';
import {
  constraintViolation,
  parameterNotFound,
  parameterVersionNotFound,
} from './ssmErrors';

/** The parameter types of Parameter Store. */
export const PARAMETER_TYPES = [
  'String',
  'StringList',
  'SecureString',
] as const;
/** A parameter type. */
export type ParameterType = (typeof PARAMETER_TYPES)[number];

/** The tiers PutParameter takes; Intelligent-Tiering resolves to one of the other two. */
export const PARAMETER_TIERS = [
  'Standard',
  'Advanced',
  'Intelligent-Tiering',
] as const;
/** A requested tier. */
export type RequestedTier = (typeof PARAMETER_TIERS)[number];
/** The tier a parameter is stored in. */
export type ParameterTier = 'Standard' | 'Advanced';

/** Data types Parameter Store accepts. */
const DATA_TYPES = ['text', 'aws:ec2:image', 'aws:ssm:integration'];
/** The key SecureString parameters are encrypted with when no KeyId is given. */
export const DEFAULT_SECURE_STRING_KEY = 'alias/aws/ssm';
/** Parameter Store keeps the latest 100 versions of a parameter. */
const MAX_VERSIONS = 100;
const MAX_VALUE_LENGTH: Record<ParameterTier, number> = {
  Standard: 4096,
  Advanced: 8192,
};

/** One version of a parameter, with everything GetParameterHistory reports about it. */
export type ParameterVersionData = {
  version: number;
  value: string;
  type: ParameterType;
  tier: ParameterTier;
  dataType: string;
  description?: string;
  keyId?: string;
  allowedPattern?: string;
  /** Epoch milliseconds (emulator clock). */
  lastModified: number;
  /** ARN of the identity that wrote this version. */
  lastModifiedUser: string;
  labels: string[];
};

/** A parameter: its versions, oldest first, and its tags. */
export type ParameterData = {
  name: string;
  versions: ParameterVersionData[];
  tags: ParameterTag[];
};

/** Parameter Store's data in one account and Region (plain JSON). */
export type SsmData = { parameters: Record<string, ParameterData> };

/** A PutParameter call, already read from the wire. */
export type PutParameterRequest = {
  name: string;
  value: string;
  type?: ParameterType;
  description?: string;
  overwrite?: boolean;
  tags?: ParameterTag[];
  dataType?: string;
  tier?: RequestedTier;
  keyId?: string;
  allowedPattern?: string;
  /** ARN of the caller, recorded as the version's LastModifiedUser. */
  user: string;
};

/** A parameter version a reference resolved to. */
export type ResolvedParameter = {
  parameter: ParameterData;
  version: ParameterVersionData;
  selector?: string;
};

/** The latest version of a parameter. */
export function latestVersion(parameter: ParameterData): ParameterVersionData {
  return parameter.versions[parameter.versions.length - 1];
}

function compilePattern(pattern: string): RegExp {
  try {
    // AllowedPattern must match the whole value, as Java's String.matches does.
    return new RegExp(`^(?:${pattern})$`, 'u');
  } catch {
    throw new AwsError(
      'InvalidAllowedPatternException',
      400,
      `The AllowedPattern ${pattern} is not a valid regular expression.`,
    );
  }
}

function resolveTier(
  requested: RequestedTier | undefined,
  previous: ParameterTier | undefined,
  value: string,
): ParameterTier {
  const wanted = requested ?? previous ?? 'Standard';
  let tier: ParameterTier;
  if (wanted === 'Intelligent-Tiering') {
    // Intelligent-Tiering picks Advanced only when the value needs it, and never downgrades.
    const needsAdvanced =
      value.length > MAX_VALUE_LENGTH.Standard || previous === 'Advanced';
    tier = needsAdvanced ? 'Advanced' : 'Standard';
  } else {
    tier = wanted;
  }
  if (previous === 'Advanced' && tier === 'Standard') {
    throw validationError(
      "This parameter uses the advanced-parameter tier. You can't downgrade a parameter from the " +
        'advanced-parameter tier to the standard-parameter tier. If necessary, you can delete the ' +
        'advanced parameter and recreate it as a standard parameter.',
    );
  }
  return tier;
}

/**
 * Parameter Store's semantics over one account and Region: versioned parameters (a new version
 * per overwrite, the last 100 kept), names checked as AWS checks them, tags, and lookups by
 * `name`, `name:version` or `name:label`.
 */
export class ParameterStore {
  constructor(
    private readonly data: SsmData,
    private readonly now: () => number,
  ) {}

  /** PutParameter: creates version 1 or, with `overwrite`, the next version. */
  put(request: PutParameterRequest): { version: number; tier: ParameterTier } {
    const { name, value } = request;
    checkNewParameterName(name);
    if (
      request.description !== undefined &&
      request.description.length > 1024
    ) {
      throw constraintViolation(
        'description',
        request.description,
        'Member must have length less than or equal to 1024',
      );
    }
    if (request.overwrite && request.tags && request.tags.length > 0) {
      throw validationError(
        "Invalid request: tags and overwrite can't be used together. To create a parameter with " +
          'tags, please remove overwrite flag. To update tags for an existing parameter, please ' +
          'use AddTagsToResource or RemoveTagsFromResource.',
      );
    }
    const existing = this.data.parameters[name];
    if (existing && !request.overwrite) {
      throw new AwsError(
        'ParameterAlreadyExists',
        400,
        'The parameter already exists. To overwrite this value, set the overwrite option in the ' +
          'request to true.',
      );
    }
    const previous = existing ? latestVersion(existing) : undefined;
    if (!previous && !request.type) {
      throw validationError(
        'A parameter type is required when you create a parameter.',
      );
    }
    const type = request.type ?? previous!.type;
    if (previous && type !== previous.type && name.startsWith('/')) {
      throw new AwsError(
        'HierarchyTypeMismatchException',
        400,
        `Parameter Store does not support changing a parameter type in a hierarchy: ${name} is a ` +
          `${previous.type}, not a ${type}. You must create a new, unique parameter.`,
      );
    }
    if (request.keyId !== undefined && type !== 'SecureString') {
      throw validationError(
        `KeyId is only used with SecureString parameters; ${name} is a ${type}.`,
      );
    }
    const tier = resolveTier(request.tier, previous?.tier, value);
    if (value.length < 1 || value.length > MAX_VALUE_LENGTH[tier]) {
      throw constraintViolation(
        'value',
        value,
        value.length < 1
          ? 'Member must have length greater than or equal to 1'
          : `Member must have length less than or equal to ${MAX_VALUE_LENGTH[tier]}`,
        { sensitive: true },
      );
    }
    const dataType = request.dataType ?? previous?.dataType ?? 'text';
    if (!DATA_TYPES.includes(dataType)) {
      throw validationError(
        `The following data type is not supported: ${dataType} (Data type names are all lowercase.)`,
      );
    }
    if (dataType === 'aws:ec2:image' && !/^ami-[0-9a-f]{8,17}$/.test(value)) {
      throw validationError(
        `The value of a parameter with data type aws:ec2:image must be an AMI ID (ami-<8 to 17 hex digits>).`,
      );
    }
    const allowedPattern = request.allowedPattern ?? previous?.allowedPattern;
    if (
      allowedPattern !== undefined &&
      !compilePattern(allowedPattern).test(value)
    ) {
      throw new AwsError(
        'ParameterPatternMismatchException',
        400,
        `Parameter value failed to satisfy constraint specified by AllowedPattern: ${allowedPattern}.`,
      );
    }

    const parameter: ParameterData = existing ?? {
      name,
      versions: [],
      tags: mergeTags([], request.tags ?? []),
    };
    const version: ParameterVersionData = {
      version: previous ? previous.version + 1 : 1,
      value,
      type,
      tier,
      dataType,
      description: request.description ?? previous?.description,
      keyId:
        type === 'SecureString'
          ? request.keyId ?? previous?.keyId ?? DEFAULT_SECURE_STRING_KEY
          : undefined,
      allowedPattern,
      lastModified: this.now(),
      lastModifiedUser: request.user,
      labels: [],
    };
    parameter.versions.push(version);
    // The oldest version goes once there are more than 100. (AWS refuses instead when that version
    // carries a label; the emulator has no labels.)
    if (parameter.versions.length > MAX_VERSIONS) {
      parameter.versions.shift();
    }
    this.data.parameters[name] = parameter;
    return { version: version.version, tier };
  }

  /** The parameter version a reference names, or undefined when there is none. */
  find(reference: ParameterReference): ResolvedParameter | undefined {
    try {
      return this.get(reference);
    } catch (error) {
      if (error instanceof AwsError) return undefined;
      throw error;
    }
  }

  /** The parameter version a reference names; ParameterNotFound or ParameterVersionNotFound else. */
  get(reference: ParameterReference): ResolvedParameter {
    const parameter = this.require(reference.name);
    const { selector } = reference;
    if (selector === undefined) {
      return { parameter, version: latestVersion(parameter) };
    }
    const version = /^\d+$/.test(selector)
      ? parameter.versions.find(v => v.version === Number(selector))
      : parameter.versions.find(v => v.labels.includes(selector));
    if (!version) {
      throw parameterVersionNotFound(reference.name, selector);
    }
    return { parameter, version, selector };
  }

  /** Every kept version of a parameter, oldest first. */
  history(name: string): ParameterVersionData[] {
    return this.require(name).versions;
  }

  /** DeleteParameter: removes every version; a new parameter of that name starts at version 1. */
  delete(name: string): void {
    this.require(name);
    delete this.data.parameters[name];
  }

  /** Whether a parameter of this name exists. */
  has(name: string): boolean {
    return this.data.parameters[name] !== undefined;
  }

  /** The parameter's tags; `missing` builds the error for an unknown name. */
  tags(name: string, missing: () => AwsError): ParameterTag[] {
    const parameter = this.data.parameters[name];
    if (!parameter) throw missing();
    return parameter.tags;
  }

  /** Adds or replaces tags. */
  addTags(name: string, tags: ParameterTag[], missing: () => AwsError): void {
    const parameter = this.data.parameters[name];
    if (!parameter) throw missing();
    parameter.tags = mergeTags(parameter.tags, tags);
  }

  /** Removes the tags with these keys; absent keys are ignored, as AWS does. */
  removeTags(name: string, keys: string[], missing: () => AwsError): void {
    const parameter = this.data.parameters[name];
    if (!parameter) throw missing();
    parameter.tags = parameter.tags.filter(t => !keys.includes(t.Key));
  }

  private require(name: string): ParameterData {
    const parameter = this.data.parameters[name];
    if (!parameter) throw parameterNotFound(name);
    return parameter;
  }
}
