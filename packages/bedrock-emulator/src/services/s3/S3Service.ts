import { createHash } from 'node:crypto';
import { AwsError } from '../../core/AwsError';
import { EmulatorRequest, EmulatorResponse } from '../../core/EmulatorRequest';
import { EmulatorService } from '../../core/EmulatorService';
import {
  createBucket,
  deleteBucket,
  getBucketLocation,
  headBucket,
  listBuckets,
} from './bucketOperations';
import { deleteObject } from './deleteObject';
import { listObjectsV2 } from './listObjectsV2';
import { putObject } from './putObject';
import { readObject } from './readObject';
import { S3Call } from './s3Call';
import { accessDenied, notImplemented, S3Error } from './s3Errors';
import { resolveS3Route, S3Route } from './s3Routes';
import { S3Store } from './S3Store';
import { xmlErrorDocument, xmlText } from './s3Xml';

function runRoute(call: S3Call, route: S3Route): EmulatorResponse {
  switch (route.operation) {
    case 'ListBuckets':
      return listBuckets(call);
    case 'CreateBucket':
      return createBucket(call, route.bucket);
    case 'HeadBucket':
      return headBucket(call, route.bucket);
    case 'DeleteBucket':
      return deleteBucket(call, route.bucket);
    case 'GetBucketLocation':
      return getBucketLocation(call, route.bucket);
    case 'ListObjectsV2':
      return listObjectsV2(call, route.bucket);
    case 'PutObject':
      return putObject(call, route.bucket, route.key);
    case 'GetObject':
    case 'HeadObject':
      return readObject(call, route.bucket, route.key);
    case 'DeleteObject':
      return deleteObject(call, route.bucket, route.key);
    case 'Unsupported':
      throw notImplemented(route.what);
    default:
      throw new Error(
        `Unrouted S3 operation ${route satisfies never as string}`,
      );
  }
}

/** S3's second request id, `x-amz-id-2`: opaque, derived from the request id. */
function extendedRequestId(request: EmulatorRequest): string {
  return createHash('sha256').update(request.requestId).digest('base64');
}

/** How S3 names errors the framework raises in other protocols' terms. */
const ERROR_CODES: Record<string, string> = {
  InternalServerException: 'InternalError',
  UnknownOperationException: 'NotImplemented',
};

/**
 * The S3 service (restXml, path-style addressing): buckets and objects over `S3Store`. Routes
 * every request signed for `s3`; operations it does not implement answer 501 NotImplemented.
 */
export function createS3Service(): EmulatorService {
  return {
    name: 's3',
    signingName: 's3',

    resolve(request, context) {
      const route = resolveS3Route(request);
      const call: S3Call = {
        request,
        store: new S3Store(context.state),
        clock: context.clock,
      };
      return {
        operation: route.operation,
        run: () => {
          const response = runRoute(call, route);
          return {
            ...response,
            headers: {
              ...response.headers,
              'x-amz-id-2': extendedRequestId(request),
            },
          };
        },
      };
    },

    renderError(error: AwsError, request: EmulatorRequest): EmulatorResponse {
      const code = ERROR_CODES[error.type] ?? error.type;
      const status =
        error.type === 'UnknownOperationException' ? 501 : error.status;
      const hostId = extendedRequestId(request);
      const headers: Record<string, string> = {
        'x-amz-id-2': hostId,
        ...(error instanceof S3Error ? error.headers : {}),
      };
      // HEAD answers have no body: the SDK then names the error by status (404 is NotFound).
      if (request.method === 'HEAD') {
        return { status, headers };
      }
      const fields = Object.entries(error.fields).map(([name, value]) =>
        xmlText(name, String(value)),
      );
      return {
        status,
        headers: { ...headers, 'content-type': 'application/xml' },
        body: xmlErrorDocument([
          xmlText('Code', code),
          xmlText('Message', error.message),
          ...fields,
          xmlText('RequestId', request.requestId),
          xmlText('HostId', hostId),
        ]),
      };
    },

    accessDeniedError() {
      // S3 words every denial the same way, whatever the policy.
      return accessDenied();
    },

    throttlingError() {
      return new S3Error('SlowDown', 503, 'Please reduce your request rate.');
    },

    serverError(status: 500 | 503) {
      return status === 503
        ? new S3Error(
            'ServiceUnavailable',
            503,
            'Service is unable to handle request.',
          )
        : new S3Error(
            'InternalError',
            500,
            'We encountered an internal error. Please try again.',
          );
    },
  };
}
