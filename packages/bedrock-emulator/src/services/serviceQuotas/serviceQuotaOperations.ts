import { AwsError } from '../../core/AwsError';
import {
  appliedQuotaValue,
  BEDROCK_QUOTAS,
  BedrockQuota,
} from '../../core/bedrockQuotas';
import { EmulatorRequest } from '../../core/EmulatorRequest';
import { EmulatorContext } from '../../core/EmulatorService';
import { AwsJsonHandler } from '../../protocols/awsJson';
import {
  decodePaginationToken,
  encodePaginationToken,
} from './paginationToken';
import {
  optionalString,
  readAppliedLevel,
  readMaxResults,
  readQuotaCode,
  readServiceCode,
} from './readServiceQuotasInput';
import { BEDROCK_SERVICE, toServiceQuotaShape } from './serviceQuotaShape';

function noSuchResource(message: string): AwsError {
  return new AwsError('NoSuchResourceException', 400, message);
}

/** Checks the service code names a service the emulator has quotas for (only `bedrock`). */
function requireKnownService(serviceCode: string): void {
  // Service codes are case-sensitive in AWS: `Bedrock` is as unknown as `ec2`.
  if (serviceCode !== BEDROCK_SERVICE.ServiceCode) {
    throw noSuchResource(
      `The request failed because the specified service does not exist: no service has the code '${serviceCode}' ` +
        `(service codes are case-sensitive; the bedrock-emulator serves only 'bedrock').`,
    );
  }
}

function findQuota(serviceCode: string, quotaCode: string): BedrockQuota {
  const quota = BEDROCK_QUOTAS.find(q => q.code === quotaCode);
  if (!quota) {
    throw noSuchResource(
      `The request failed because the specified quota does not exist: service '${serviceCode}' has no quota '${quotaCode}'.`,
    );
  }
  return quota;
}

/** One page of `items` after the request's NextToken, with the token of the next page if any. */
function pageOf<T>(
  items: T[],
  input: Record<string, unknown>,
  operation: string,
  scope: unknown,
): { page: T[]; nextToken?: string } {
  const maxResults = readMaxResults(input);
  const token = optionalString(input, 'NextToken');
  const offset =
    token === undefined
      ? 0
      : decodePaginationToken(token, operation, scope).offset;
  if (offset > items.length) {
    // A token of ours never points past the end; one that does was not issued for this list.
    throw new AwsError(
      'InvalidPaginationTokenException',
      400,
      'Invalid pagination token: it points past the end of the list.',
    );
  }
  const end = offset + maxResults;
  return {
    page: items.slice(offset, end),
    nextToken:
      end < items.length
        ? encodePaginationToken(operation, scope, { offset: end })
        : undefined,
  };
}

/**
 * The Service Quotas operations the emulator serves. Values come from the same catalog and
 * applied values the Bedrock import enforces, per account and Region.
 */
export function serviceQuotaOperations(
  context: EmulatorContext,
): Record<string, AwsJsonHandler> {
  const applied = (quota: BedrockQuota, request: EmulatorRequest) =>
    toServiceQuotaShape(
      quota,
      appliedQuotaValue(context, request.accountId, request.region, quota.code),
      request.region,
      request.accountId,
    );
  const awsDefault = (quota: BedrockQuota, request: EmulatorRequest) =>
    toServiceQuotaShape(quota, quota.defaultValue, request.region, undefined);
  const sortedQuotas = () =>
    [...BEDROCK_QUOTAS].sort((a, b) => a.code.localeCompare(b.code));

  return {
    GetServiceQuota: (input, request) => {
      const serviceCode = readServiceCode(input);
      const quotaCode = readQuotaCode(input, true) as string;
      const contextId = optionalString(input, 'ContextId');
      requireKnownService(serviceCode);
      const quota = findQuota(serviceCode, quotaCode);
      if (contextId !== undefined) {
        // Bedrock's import quotas are account-level: no resource has a value of its own.
        throw noSuchResource(
          `The request failed because applied value for the specified context Id do not exist: ` +
            `${quotaCode} is applied at the ACCOUNT level, not to '${contextId}'.`,
        );
      }
      return { Quota: applied(quota, request) };
    },

    GetAWSDefaultServiceQuota: (input, request) => {
      const serviceCode = readServiceCode(input);
      const quotaCode = readQuotaCode(input, true) as string;
      requireKnownService(serviceCode);
      return { Quota: awsDefault(findQuota(serviceCode, quotaCode), request) };
    },

    ListServiceQuotas: (input, request) => {
      const serviceCode = readServiceCode(input);
      const quotaCode = readQuotaCode(input, false);
      const level = readAppliedLevel(input);
      requireKnownService(serviceCode);
      const quotas = sortedQuotas().filter(
        q =>
          (quotaCode === undefined || q.code === quotaCode) &&
          level !== 'RESOURCE',
      );
      const { page, nextToken } = pageOf(quotas, input, 'ListServiceQuotas', {
        serviceCode,
        quotaCode,
        level,
      });
      return {
        Quotas: page.map(q => applied(q, request)),
        NextToken: nextToken,
      };
    },

    ListAWSDefaultServiceQuotas: (input, request) => {
      const serviceCode = readServiceCode(input);
      requireKnownService(serviceCode);
      const { page, nextToken } = pageOf(
        sortedQuotas(),
        input,
        'ListAWSDefaultServiceQuotas',
        {
          serviceCode,
        },
      );
      return {
        Quotas: page.map(q => awsDefault(q, request)),
        NextToken: nextToken,
      };
    },

    ListServices: input => {
      const { page, nextToken } = pageOf(
        [BEDROCK_SERVICE],
        input,
        'ListServices',
        {},
      );
      return { Services: page.map(s => ({ ...s })), NextToken: nextToken };
    },
  };
}
