import { gunzipSync } from 'node:zlib';
import { iamDenialMessage } from '../../core/accessDenied';
import { AwsError } from '../../core/AwsError';
import { EmulatorRequest } from '../../core/EmulatorRequest';
import { EmulatorService } from '../../core/EmulatorService';
import { resolveAwsJson } from '../../protocols/awsJson';
import {
  CLOUDWATCH_CONTENT_TYPE,
  invalidParameterValue,
  renderCloudWatchError,
} from './cloudWatchErrors';
import { getMetricData } from './getMetricData';
import { listMetrics } from './listMetrics';
import { putMetricData } from './putMetricData';
import { settleModelCopies } from '../bedrockRuntime/modelCopyMetrics';

/** The request body as sent before compression: the SDK gzips PutMetricData bodies over 10 KiB. */
function decodedBody(request: EmulatorRequest): Buffer {
  const encoding = String(request.headers['content-encoding'] ?? '')
    .trim()
    .toLowerCase();
  if (encoding === '' || encoding === 'identity') {
    return request.body;
  }
  if (encoding !== 'gzip') {
    throw invalidParameterValue(
      `The Content-Encoding ${encoding} is not supported: send gzip or an uncompressed body.`,
    );
  }
  try {
    return gunzipSync(request.body);
  } catch {
    throw invalidParameterValue(
      'The request body is not valid gzip data, although Content-Encoding says gzip.',
    );
  }
}

/**
 * CloudWatch metrics (awsJson1_0, `GraniteServiceVersion20100801`, query-compatible errors): serves
 * the per-minute metric data the Bedrock runtime and the demo seed record, and takes more through
 * PutMetricData.
 */
export function createCloudWatchService(): EmulatorService {
  return {
    name: 'cloudwatch',
    signingName: 'monitoring',
    resolve: (request, context) => {
      // The handlers read the decompressed copy; decompression waits for run() so its errors render.
      const decoded: EmulatorRequest = { ...request };
      const resolved = resolveAwsJson({
        request: decoded,
        targetPrefix: 'GraniteServiceVersion20100801',
        contentType: CLOUDWATCH_CONTENT_TYPE,
        operations: {
          // Model copies are billed per window while loaded, called or not: bring them up to now
          // first, so idle windows are there to read.
          GetMetricData: (input, req) => {
            settleModelCopies(context, req.accountId, req.region);
            return getMetricData(context, input, req);
          },
          ListMetrics: (input, req) => {
            settleModelCopies(context, req.accountId, req.region);
            return listMetrics(context, input, req);
          },
          PutMetricData: (input, req) => putMetricData(context, input, req),
        },
      });
      return (
        resolved && {
          operation: resolved.operation,
          run: () => {
            decoded.body = decodedBody(request);
            return resolved.run();
          },
        }
      );
    },
    renderError: error => renderCloudWatchError(error),
    throttlingError: () => new AwsError('Throttling', 400, 'Rate exceeded'),
    accessDeniedError: (request, operation) =>
      new AwsError(
        'AccessDenied',
        403,
        iamDenialMessage(request, `cloudwatch:${operation}`),
      ),
    serverError: status =>
      status === 503
        ? new AwsError(
            'ServiceUnavailable',
            503,
            'The service is unavailable. Please try again later.',
          )
        : new AwsError(
            'InternalServiceError',
            500,
            'The request processing has failed because of an unknown error, exception or failure.',
          ),
  };
}
