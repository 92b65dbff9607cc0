import { EmulatorRequest } from '../../core/EmulatorRequest';

/** The operations the emulator implements, with the bucket and key they address. */
export type S3Route =
  | { operation: 'ListBuckets' }
  | {
      operation:
        | 'CreateBucket'
        | 'HeadBucket'
        | 'DeleteBucket'
        | 'ListObjectsV2'
        | 'GetBucketLocation';
      bucket: string;
    }
  | {
      operation: 'PutObject' | 'GetObject' | 'HeadObject' | 'DeleteObject';
      bucket: string;
      key: string;
    }
  /** A request for an S3 feature the emulator does not implement; `what` says which. */
  | { operation: 'Unsupported'; what: string };

/**
 * Query parameters that select another S3 operation ("subresources"). S3 ignores other unknown
 * parameters, and so does the emulator; these it must not ignore, or e.g. `PUT ?tagging` would
 * overwrite an object with a tagging document.
 */
const SUBRESOURCES = new Set([
  'abac',
  'accelerate',
  'acl',
  'analytics',
  'annotation',
  'attributes',
  'cors',
  'delete',
  'encryption',
  'intelligent-tiering',
  'inventory',
  'legal-hold',
  'lifecycle',
  'list-type',
  'location',
  'logging',
  'metadataConfiguration',
  'metadataInventoryTable',
  'metadataJournalTable',
  'metadataTable',
  'metrics',
  'notification',
  'object-lock',
  'ownershipControls',
  'partNumber',
  'policy',
  'policyStatus',
  'publicAccessBlock',
  'renameObject',
  'replication',
  'requestPayment',
  'restore',
  'retention',
  'select',
  'session',
  'tagging',
  'torrent',
  'uploadId',
  'uploads',
  'versionId',
  'versioning',
  'versions',
  'website',
]);

function subresourcesOf(query: URLSearchParams): string[] {
  return [...new Set(query.keys())].filter(name => SUBRESOURCES.has(name));
}

function unsupported(what: string): S3Route {
  return { operation: 'Unsupported', what };
}

/**
 * Splits a path-style request path into bucket and key. The key is taken from the raw path rather
 * than the decoded segments, because keys may contain empty segments (`a//b`) or a trailing slash.
 */
export function splitS3Path(rawPath: string): {
  bucket?: string;
  key?: string;
} {
  const path = rawPath.replace(/^\/+/, '');
  if (path === '') {
    return {};
  }
  const slash = path.indexOf('/');
  if (slash === -1) {
    return { bucket: decodeURIComponent(path) };
  }
  const key = decodeURIComponent(path.slice(slash + 1));
  return {
    bucket: decodeURIComponent(path.slice(0, slash)),
    key: key === '' ? undefined : key,
  };
}

/** Which S3 operation a path-style request calls. */
export function resolveS3Route(request: EmulatorRequest): S3Route {
  const { method, query, headers } = request;
  const { bucket, key } = splitS3Path(request.rawPath);
  const subresources = subresourcesOf(query);
  const describe = (target: string) =>
    `${method} ${target}${subresources.map(s => `?${s}`).join('')}`;

  if (bucket === undefined) {
    return method === 'GET'
      ? { operation: 'ListBuckets' }
      : unsupported(describe('/'));
  }

  if (key === undefined) {
    const only = subresources.length === 1 ? subresources[0] : undefined;
    if (method === 'GET' && only === 'list-type') {
      return query.get('list-type') === '2'
        ? { operation: 'ListObjectsV2', bucket }
        : unsupported(`ListObjects with list-type=${query.get('list-type')}`);
    }
    if (method === 'GET' && only === 'location') {
      return { operation: 'GetBucketLocation', bucket };
    }
    if (subresources.length > 0) {
      return unsupported(describe('a bucket'));
    }
    switch (method) {
      case 'PUT':
        return { operation: 'CreateBucket', bucket };
      case 'HEAD':
        return { operation: 'HeadBucket', bucket };
      case 'DELETE':
        return { operation: 'DeleteBucket', bucket };
      case 'GET':
        return unsupported('ListObjects (version 1); use ListObjectsV2');
      default:
        return unsupported(describe('a bucket'));
    }
  }

  if (subresources.length > 0) {
    return unsupported(describe('an object'));
  }
  switch (method) {
    case 'PUT':
      return headers['x-amz-copy-source'] !== undefined
        ? unsupported('CopyObject (x-amz-copy-source)')
        : { operation: 'PutObject', bucket, key };
    case 'GET':
      return { operation: 'GetObject', bucket, key };
    case 'HEAD':
      return { operation: 'HeadObject', bucket, key };
    case 'DELETE':
      return { operation: 'DeleteObject', bucket, key };
    default:
      return unsupported(describe('an object'));
  }
}
