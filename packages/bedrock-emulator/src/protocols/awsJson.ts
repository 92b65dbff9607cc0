import { AwsError } from '../core/AwsError';
import { EmulatorRequest, EmulatorResponse } from '../core/EmulatorRequest';
import { ResolvedOperation } from '../core/EmulatorService';

/** An operation handler of an awsJson service: the parsed input in, the output object out. */
export type AwsJsonHandler = (
  input: Record<string, unknown>,
  request: EmulatorRequest,
) => unknown | Promise<unknown>;

/**
 * Resolves an awsJson request (`POST /`, `X-Amz-Target: <prefix>.<Operation>`) to its handler.
 * Answers undefined when the target names another service, so routing can go on.
 */
export function resolveAwsJson(options: {
  request: EmulatorRequest;
  targetPrefix: string;
  contentType: string;
  operations: Record<string, AwsJsonHandler>;
}): ResolvedOperation | undefined {
  const { request, targetPrefix, contentType, operations } = options;
  const target = String(request.headers['x-amz-target'] ?? '');
  if (request.method !== 'POST' || !target.startsWith(`${targetPrefix}.`)) {
    return undefined;
  }
  const operation = target.slice(targetPrefix.length + 1);
  const handler = operations[operation];
  if (!handler) {
    return {
      operation,
      run: () => {
        throw new AwsError(
          'UnknownOperationException',
          400,
          `The bedrock-emulator does not implement ${operation}.`,
        );
      },
    };
  }
  return {
    operation,
    run: async () => {
      let input: Record<string, unknown> = {};
      if (request.body.length > 0) {
        try {
          input = JSON.parse(request.body.toString('utf8'));
        } catch {
          throw new AwsError(
            'SerializationException',
            400,
            'The request body is not valid JSON.',
          );
        }
      }
      const output = await handler(input, request);
      return {
        status: 200,
        headers: { 'content-type': contentType },
        body: JSON.stringify(output ?? {}),
      };
    },
  };
}

/** Renders an awsJson error: `x-amzn-errortype` header and `{__type, message}` body. */
export function renderAwsJsonError(
  error: AwsError,
  contentType: string,
  extraHeaders: Record<string, string> = {},
): EmulatorResponse {
  return {
    status: error.status,
    headers: {
      'content-type': contentType,
      'x-amzn-errortype': error.type,
      ...extraHeaders,
    },
    body: JSON.stringify({
      __type: error.type,
      message: error.message,
      ...error.fields,
    }),
  };
}
