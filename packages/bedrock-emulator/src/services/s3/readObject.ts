import { EmulatorResponse } from '../../core/EmulatorRequest';
import { requireBucket } from './bucketAccess';
import { evaluateReadConditions } from './objectConditions';
import { parseByteRange, UnsatisfiableRangeError } from './objectRange';
import { headerOf, S3Call } from './s3Call';
import { checksumHeaderName } from './s3Checksums';
import { noSuchKey, S3Error } from './s3Errors';
import { httpDate } from './s3Time';

/** Query parameters that override a response header of GetObject and HeadObject. */
const RESPONSE_OVERRIDES: Record<string, string> = {
  'response-cache-control': 'cache-control',
  'response-content-disposition': 'content-disposition',
  'response-content-encoding': 'content-encoding',
  'response-content-language': 'content-language',
  'response-content-type': 'content-type',
  'response-expires': 'expires',
};

/**
 * GetObject (`GET /{bucket}/{key}`) and HeadObject (`HEAD`): the object with its headers, honouring
 * conditional headers, a single byte range and `x-amz-checksum-mode: ENABLED`.
 *
 * HEAD answers carry the object as body too: the server derives Content-Length from the body, and
 * Node's HTTP server sends no body for HEAD, so the client sees the object's real length.
 */
export function readObject(
  call: S3Call,
  bucketName: string,
  key: string,
): EmulatorResponse {
  const { request, store } = call;
  const bucket = requireBucket(store, request, bucketName);
  const object = bucket.objects[key];
  if (!object) {
    throw noSuchKey(key);
  }
  const validators = {
    etag: object.etag,
    'last-modified': httpDate(object.lastModified),
  };
  if (evaluateReadConditions(request.headers, object) === 'not-modified') {
    return { status: 304, headers: validators };
  }

  const body = store.body(object);
  let range;
  try {
    range = parseByteRange(headerOf(call, 'range'), body.length);
  } catch (error) {
    if (error instanceof UnsatisfiableRangeError) {
      throw new S3Error(
        'InvalidRange',
        416,
        'The requested range is not satisfiable',
        {
          RangeRequested: headerOf(call, 'range') ?? '',
          ActualObjectSize: String(body.length),
        },
        { 'content-range': `bytes */${body.length}` },
      );
    }
    throw error;
  }

  const headers: Record<string, string> = {
    'content-type': object.contentType,
    ...validators,
    'accept-ranges': 'bytes',
    'x-amz-server-side-encryption': 'AES256',
    ...object.headers,
  };
  for (const [name, value] of Object.entries(object.metadata)) {
    headers[`x-amz-meta-${name}`] = value;
  }
  for (const [parameter, name] of Object.entries(RESPONSE_OVERRIDES)) {
    const value = request.query.get(parameter);
    if (value !== null) headers[name] = value;
  }
  // A checksum describes the whole object, so S3 sends none with a part of it.
  if (
    object.checksum &&
    !range &&
    headerOf(call, 'x-amz-checksum-mode') === 'ENABLED'
  ) {
    headers[checksumHeaderName(object.checksum.algorithm)] =
      object.checksum.value;
    headers['x-amz-checksum-type'] = 'FULL_OBJECT';
  }
  if (range) {
    headers[
      'content-range'
    ] = `bytes ${range.start}-${range.end}/${body.length}`;
    return {
      status: 206,
      headers,
      body: body.subarray(range.start, range.end + 1),
    };
  }
  return { status: 200, headers, body };
}
