import { AwsError, validationError } from '../../core/AwsError';
import { EmulatorRequest } from '../../core/EmulatorRequest';
import { decodeHistoryToken, encodeHistoryToken } from './historyToken';
import { parameterArn, parseParameterReference } from './parameterName';
import {
  PARAMETER_TIERS,
  PARAMETER_TYPES,
  ParameterStore,
  ParameterVersionData,
  ResolvedParameter,
} from './ParameterStore';
import { readTags } from './parameterTags';
import { secureStringCiphertext } from './secureStringCiphertext';
import {
  checkLength,
  optionalBoolean,
  optionalEnum,
  optionalInteger,
  optionalString,
  requiredString,
  requiredStringList,
  SsmInput,
} from './ssmInput';

/** What an SSM operation works with: the caller's request and its account's Parameter Store. */
export type SsmCall = { request: EmulatorRequest; store: ParameterStore };

/** awsJson timestamps are epoch seconds; fractions keep the milliseconds. */
function epochSeconds(ms: number): number {
  return ms / 1000;
}

/**
 * The identity recorded as LastModifiedUser. The emulator does not know IAM users, so it derives
 * one from the access key of the request: `arn:aws:iam::<account>:user/<access key id>`.
 */
function callerArn(request: EmulatorRequest): string {
  return `arn:aws:iam::${request.accountId}:user/${request.scope.accessKeyId}`;
}

function shownValue(
  request: EmulatorRequest,
  name: string,
  version: ParameterVersionData,
  withDecryption: boolean,
): string {
  if (version.type !== 'SecureString' || withDecryption) {
    return version.value;
  }
  return secureStringCiphertext(
    {
      accountId: request.accountId,
      region: request.region,
      keyId: version.keyId ?? '',
    },
    name,
    version.version,
    version.value,
  );
}

function renderParameter(
  request: EmulatorRequest,
  resolved: ResolvedParameter,
  withDecryption: boolean,
) {
  const { parameter, version, selector } = resolved;
  return {
    Name: parameter.name,
    Type: version.type,
    Value: shownValue(request, parameter.name, version, withDecryption),
    Version: version.version,
    ...(selector !== undefined ? { Selector: `:${selector}` } : {}),
    LastModifiedDate: epochSeconds(version.lastModified),
    ARN: parameterArn(request.region, request.accountId, parameter.name),
    DataType: version.dataType,
  };
}

/** PutParameter. */
export function putParameter(input: SsmInput, { request, store }: SsmCall) {
  const name = requiredString(input, 'Name');
  const value = requiredString(input, 'Value');
  const keyId = optionalString(input, 'KeyId');
  if (keyId !== undefined) checkLength('KeyId', keyId, 1, 256);
  const allowedPattern = optionalString(input, 'AllowedPattern');
  if (allowedPattern !== undefined)
    checkLength('AllowedPattern', allowedPattern, 0, 1024);
  const dataType = optionalString(input, 'DataType');
  if (dataType !== undefined) checkLength('DataType', dataType, 0, 128);
  if (optionalString(input, 'Policies') !== undefined) {
    throw validationError(
      'The bedrock-emulator does not implement parameter policies (Policies).',
    );
  }
  const result = store.put({
    name,
    value,
    type: optionalEnum(input, 'Type', PARAMETER_TYPES),
    description: optionalString(input, 'Description'),
    overwrite: optionalBoolean(input, 'Overwrite'),
    tags: readTags(input, 'Tags'),
    dataType,
    tier: optionalEnum(input, 'Tier', PARAMETER_TIERS),
    keyId,
    allowedPattern,
    user: callerArn(request),
  });
  return { Version: result.version, Tier: result.tier };
}

/** GetParameter: `name`, `name:version` or `name:label`. */
export function getParameter(input: SsmInput, { request, store }: SsmCall) {
  const reference = parseParameterReference(requiredString(input, 'Name'));
  const withDecryption = optionalBoolean(input, 'WithDecryption') ?? false;
  return {
    Parameter: renderParameter(request, store.get(reference), withDecryption),
  };
}

/** GetParameters: up to 10 names; the ones not found come back in InvalidParameters. */
export function getParameters(input: SsmInput, { request, store }: SsmCall) {
  const names = [...new Set(requiredStringList(input, 'Names', 1, 10))];
  const withDecryption = optionalBoolean(input, 'WithDecryption') ?? false;
  const parameters = [];
  const invalid = [];
  for (const name of names) {
    const resolved = store.find(parseParameterReference(name));
    if (resolved) {
      parameters.push(renderParameter(request, resolved, withDecryption));
    } else {
      invalid.push(name);
    }
  }
  return { Parameters: parameters, InvalidParameters: invalid };
}

/** GetParameterHistory: every kept version, oldest first, in pages of up to 50. */
export function getParameterHistory(
  input: SsmInput,
  { request, store }: SsmCall,
) {
  const name = requiredString(input, 'Name');
  const withDecryption = optionalBoolean(input, 'WithDecryption') ?? false;
  const maxResults = optionalInteger(input, 'MaxResults', 1, 50) ?? 50;
  const token = optionalString(input, 'NextToken');
  const versions = store.history(name);
  let after = 0;
  if (token !== undefined) {
    const decoded = decodeHistoryToken(token, name);
    if (decoded === undefined) {
      throw new AwsError(
        'InvalidNextToken',
        400,
        'The specified token is not valid.',
      );
    }
    after = decoded;
  }
  const remaining = versions.filter(v => v.version > after);
  const page = remaining.slice(0, maxResults);
  const parameters = page.map(v => ({
    Name: name,
    Type: v.type,
    ...(v.keyId !== undefined ? { KeyId: v.keyId } : {}),
    LastModifiedDate: epochSeconds(v.lastModified),
    LastModifiedUser: v.lastModifiedUser,
    ...(v.description !== undefined ? { Description: v.description } : {}),
    Value: shownValue(request, name, v, withDecryption),
    ...(v.allowedPattern !== undefined
      ? { AllowedPattern: v.allowedPattern }
      : {}),
    Version: v.version,
    Labels: v.labels,
    Tier: v.tier,
    Policies: [],
    DataType: v.dataType,
  }));
  return remaining.length > page.length
    ? {
        Parameters: parameters,
        NextToken: encodeHistoryToken(name, page[page.length - 1].version),
      }
    : { Parameters: parameters };
}

/** DeleteParameter. */
export function deleteParameter(input: SsmInput, { store }: SsmCall) {
  store.delete(requiredString(input, 'Name'));
  return {};
}

/** DeleteParameters: up to 10 names; the ones not found come back in InvalidParameters. */
export function deleteParameters(input: SsmInput, { store }: SsmCall) {
  const names = [...new Set(requiredStringList(input, 'Names', 1, 10))];
  const deleted = names.filter(name => store.has(name));
  for (const name of deleted) store.delete(name);
  return {
    DeletedParameters: deleted,
    InvalidParameters: names.filter(name => !deleted.includes(name)),
  };
}

/** The parameter a tagging call addresses; other resource types are not emulated. */
function taggedParameter(input: SsmInput): {
  name: string;
  missing: () => AwsError;
} {
  const resourceType = requiredString(input, 'ResourceType');
  const resourceId = requiredString(input, 'ResourceId');
  if (resourceType !== 'Parameter') {
    throw new AwsError(
      'InvalidResourceType',
      400,
      `The bedrock-emulator tags only resources of type Parameter, not ${resourceType}.`,
    );
  }
  return {
    name: resourceId,
    missing: () =>
      new AwsError(
        'InvalidResourceId',
        400,
        `The resource ID ${resourceId} is not valid. Verify that you entered the correct ID and try again.`,
      ),
  };
}

/** ListTagsForResource (parameters). */
export function listTagsForResource(input: SsmInput, { store }: SsmCall) {
  const { name, missing } = taggedParameter(input);
  return { TagList: store.tags(name, missing) };
}

/** AddTagsToResource (parameters): adds tags or replaces their values. */
export function addTagsToResource(input: SsmInput, { store }: SsmCall) {
  const { name, missing } = taggedParameter(input);
  const tags = readTags(input, 'Tags');
  if (!tags) {
    throw validationError(
      "1 validation error detected: Value null at 'tags' failed to satisfy constraint: Member must not be null",
    );
  }
  store.addTags(name, tags, missing);
  return {};
}

/** RemoveTagsFromResource (parameters). */
export function removeTagsFromResource(input: SsmInput, { store }: SsmCall) {
  const { name, missing } = taggedParameter(input);
  const keys = requiredStringList(input, 'TagKeys', 0, Number.MAX_SAFE_INTEGER);
  store.removeTags(name, keys, missing);
  return {};
}
