import { EmulatorResponse } from '../../core/EmulatorRequest';
import { contentEncodingWithoutAwsChunked } from './awsChunkedBody';
import { requireBucket } from './bucketAccess';
import { evaluateWriteConditions } from './objectConditions';
import { headerOf, S3Call } from './s3Call';
import { checksumHeaderName } from './s3Checksums';
import { notImplemented, S3Error } from './s3Errors';
import { readUploadedBody } from './uploadedBody';

const MAX_KEY_BYTES = 1024;
const MAX_METADATA_BYTES = 2048;
const META_PREFIX = 'x-amz-meta-';

/** Representation headers S3 stores with an object and returns on GET and HEAD. */
export const STORED_HEADERS = [
  'cache-control',
  'content-disposition',
  'content-language',
  'expires',
] as const;

/** Canned ACLs that S3 accepts while ACLs are disabled (BucketOwnerEnforced, the default). */
const ACCEPTED_ACLS = ['private', 'bucket-owner-full-control'];

/** Request headers for features the emulator does not implement; refusing beats ignoring them. */
function refuseUnsupportedHeaders(call: S3Call): void {
  const storageClass = headerOf(call, 'x-amz-storage-class');
  if (storageClass !== undefined && storageClass !== 'STANDARD') {
    throw notImplemented(`storage class ${storageClass}`, {
      Header: 'x-amz-storage-class',
    });
  }
  const encryption = headerOf(call, 'x-amz-server-side-encryption');
  if (encryption !== undefined && encryption !== 'AES256') {
    throw notImplemented(`server-side encryption ${encryption}`, {
      Header: 'x-amz-server-side-encryption',
    });
  }
  for (const name of [
    'x-amz-server-side-encryption-customer-algorithm',
    'x-amz-tagging',
    'x-amz-object-lock-mode',
    'x-amz-object-lock-legal-hold',
    'x-amz-website-redirect-location',
    'x-amz-write-offset-bytes',
  ]) {
    if (headerOf(call, name) !== undefined) {
      throw notImplemented(name, { Header: name });
    }
  }
  const acl = headerOf(call, 'x-amz-acl');
  const grants = Object.keys(call.request.headers).filter(h =>
    h.startsWith('x-amz-grant-'),
  );
  if (
    (acl !== undefined && !ACCEPTED_ACLS.includes(acl)) ||
    grants.length > 0
  ) {
    throw new S3Error(
      'AccessControlListNotSupported',
      400,
      'The bucket does not allow ACLs',
    );
  }
}

/** User metadata from `x-amz-meta-*` headers, keys in lower case as S3 stores them. */
function readMetadata(call: S3Call): Record<string, string> {
  const metadata: Record<string, string> = {};
  let size = 0;
  for (const [name, value] of Object.entries(call.request.headers)) {
    if (name.startsWith(META_PREFIX) && value !== undefined) {
      const key = name.slice(META_PREFIX.length);
      const text = Array.isArray(value) ? value.join(',') : value;
      metadata[key] = text;
      size += Buffer.byteLength(key) + Buffer.byteLength(text);
    }
  }
  if (size > MAX_METADATA_BYTES) {
    throw new S3Error(
      'MetadataTooLarge',
      400,
      'Your metadata headers exceed the maximum allowed metadata size',
      { Size: String(size), MaxSizeAllowed: String(MAX_METADATA_BYTES) },
    );
  }
  return metadata;
}

function readStoredHeaders(call: S3Call): Record<string, string> {
  const stored: Record<string, string> = {};
  for (const name of STORED_HEADERS) {
    const value = headerOf(call, name);
    if (value !== undefined) stored[name] = value;
  }
  const encoding = contentEncodingWithoutAwsChunked(
    headerOf(call, 'content-encoding'),
  );
  if (encoding) stored['content-encoding'] = encoding;
  return stored;
}

/** PutObject: `PUT /{bucket}/{key}`; stores the (unframed, verified) body and its headers. */
export function putObject(
  call: S3Call,
  bucketName: string,
  key: string,
): EmulatorResponse {
  const { request, store } = call;
  const bucket = requireBucket(store, request, bucketName);
  if (Buffer.byteLength(key) > MAX_KEY_BYTES) {
    throw new S3Error('KeyTooLongError', 400, 'Your key is too long', {
      Size: String(Buffer.byteLength(key)),
      MaxSizeAllowed: String(MAX_KEY_BYTES),
    });
  }
  refuseUnsupportedHeaders(call);
  const { data, checksum } = readUploadedBody(request.headers, request.body);
  evaluateWriteConditions(request.headers, key, bucket.objects[key]);
  const object = store.putObjectWithAttributes(
    bucket.name,
    key,
    data,
    call.clock.now(),
    {
      contentType: headerOf(call, 'content-type'),
      metadata: readMetadata(call),
      checksum,
      headers: readStoredHeaders(call),
    },
  );
  const headers: Record<string, string> = {
    etag: object.etag,
    'x-amz-server-side-encryption': 'AES256',
  };
  if (checksum) {
    headers[checksumHeaderName(checksum.algorithm)] = checksum.value;
    headers['x-amz-checksum-type'] = 'FULL_OBJECT';
  }
  return { status: 200, headers };
}
