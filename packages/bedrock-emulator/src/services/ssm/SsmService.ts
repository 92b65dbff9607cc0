import { iamDenialMessage } from '../../core/accessDenied';
import { AwsError } from '../../core/AwsError';
import { EmulatorRequest } from '../../core/EmulatorRequest';
import { EmulatorService } from '../../core/EmulatorService';
import {
  AwsJsonHandler,
  renderAwsJsonError,
  resolveAwsJson,
} from '../../protocols/awsJson';
import {
  addTagsToResource,
  deleteParameter,
  deleteParameters,
  getParameter,
  getParameterHistory,
  getParameters,
  listTagsForResource,
  putParameter,
  removeTagsFromResource,
  SsmCall,
} from './parameterOperations';
import { ParameterStore, SsmData } from './ParameterStore';
import { SsmInput } from './ssmInput';

const CONTENT_TYPE = 'application/x-amz-json-1.1';
const TARGET_PREFIX = 'AmazonSSM';

type SsmOperation = (input: SsmInput, call: SsmCall) => unknown;

const OPERATIONS: Record<string, SsmOperation> = {
  PutParameter: putParameter,
  GetParameter: getParameter,
  GetParameters: getParameters,
  GetParameterHistory: getParameterHistory,
  DeleteParameter: deleteParameter,
  DeleteParameters: deleteParameters,
  ListTagsForResource: listTagsForResource,
  AddTagsToResource: addTagsToResource,
  RemoveTagsFromResource: removeTagsFromResource,
};

/**
 * Systems Manager Parameter Store (awsJson1_1, `X-Amz-Target: AmazonSSM.<Operation>`), with its
 * data kept per account and Region.
 */
export function createSsmService(): EmulatorService {
  return {
    name: 'ssm',
    signingName: 'ssm',

    resolve(request, context) {
      const operations: Record<string, AwsJsonHandler> = {};
      for (const [name, operation] of Object.entries(OPERATIONS)) {
        operations[name] = input => {
          // awsJson parses any JSON; an operation's input must be an object.
          if (
            typeof input !== 'object' ||
            input === null ||
            Array.isArray(input)
          ) {
            throw new AwsError(
              'SerializationException',
              400,
              `The body of ${name} must be a JSON object.`,
            );
          }
          const data = context.state.regional<SsmData>(
            'ssm',
            request.accountId,
            request.region,
            () => ({ parameters: {} }),
          );
          const store = new ParameterStore(data, () => context.clock.now());
          return operation(input, { request, store });
        };
      }
      return resolveAwsJson({
        request,
        targetPrefix: TARGET_PREFIX,
        contentType: CONTENT_TYPE,
        operations,
      });
    },

    renderError(error: AwsError) {
      return renderAwsJsonError(error, CONTENT_TYPE);
    },

    accessDeniedError(request: EmulatorRequest, operation: string) {
      return new AwsError(
        'AccessDeniedException',
        403,
        iamDenialMessage(request, `ssm:${operation}`),
      );
    },

    throttlingError() {
      return new AwsError('ThrottlingException', 400, 'Rate exceeded');
    },

    serverError(status: 500 | 503) {
      return status === 503
        ? new AwsError('ServiceUnavailable', 503, 'Service Unavailable')
        : new AwsError(
            'InternalServerError',
            500,
            'An internal error occurred. Try again.',
          );
    },
  };
}
