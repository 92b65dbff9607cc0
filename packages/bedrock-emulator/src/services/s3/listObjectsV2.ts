import { EmulatorResponse } from '../../core/EmulatorRequest';
import { canonicalUserId, requireBucket } from './bucketAccess';
import {
  decodeContinuationToken,
  encodeContinuationToken,
} from './continuationToken';
import { listObjectsPage } from './listObjectsPage';
import { readMaxCount, urlEncodeKey } from './listParameters';
import { S3Call } from './s3Call';
import { invalidArgument } from './s3Errors';
import { isoTimestamp } from './s3Time';
import { xmlDocument, xmlNode, xmlText } from './s3Xml';

const DEFAULT_MAX_KEYS = 1000;

/**
 * ListObjectsV2: `GET /{bucket}?list-type=2` with prefix, delimiter, max-keys, continuation-token,
 * start-after, fetch-owner and encoding-type.
 */
export function listObjectsV2(
  call: S3Call,
  bucketName: string,
): EmulatorResponse {
  const { request, store } = call;
  const bucket = requireBucket(store, request, bucketName);
  const { query } = request;

  const prefix = query.get('prefix') ?? '';
  const delimiter = query.get('delimiter') || undefined;
  const startAfter = query.get('start-after') ?? undefined;
  const fetchOwner = query.get('fetch-owner') === 'true';
  const encodingType = query.get('encoding-type');
  if (encodingType !== null && encodingType !== 'url') {
    throw invalidArgument(
      'Invalid Encoding Method specified in Request',
      'encoding-type',
      encodingType,
    );
  }
  const encode = encodingType === 'url' ? urlEncodeKey : (text: string) => text;
  const requestedMaxKeys = readMaxCount(
    query,
    'max-keys',
    DEFAULT_MAX_KEYS,
    Infinity,
  );
  const maxKeys = Math.min(requestedMaxKeys, DEFAULT_MAX_KEYS);

  const token = query.get('continuation-token');
  // An empty token starts from the beginning, as S3 treats it.
  const resumeAfter = token
    ? decodeContinuationToken(token, `bucket:${bucket.name}`)
    : undefined;
  if (token && !resumeAfter) {
    throw invalidArgument(
      'The continuation token provided is incorrect',
      'continuation-token',
      token,
    );
  }

  const page = listObjectsPage(store.listObjects(bucket.name, prefix), {
    prefix,
    delimiter,
    maxKeys,
    startAfter,
    resumeAfter,
  });

  const children = [
    xmlText('Name', bucket.name),
    xmlText('Prefix', encode(prefix)),
  ];
  if (token !== null) {
    children.push(xmlText('ContinuationToken', token));
  }
  if (page.next) {
    children.push(
      xmlText(
        'NextContinuationToken',
        encodeContinuationToken({
          scope: `bucket:${bucket.name}`,
          ...page.next,
        }),
      ),
    );
  }
  children.push(
    xmlText('KeyCount', page.contents.length + page.commonPrefixes.length),
    xmlText('MaxKeys', requestedMaxKeys),
  );
  if (delimiter !== undefined) {
    children.push(xmlText('Delimiter', encode(delimiter)));
  }
  if (encodingType !== null) {
    children.push(xmlText('EncodingType', encodingType));
  }
  children.push(xmlText('IsTruncated', page.isTruncated));
  if (startAfter !== undefined) {
    children.push(xmlText('StartAfter', encode(startAfter)));
  }
  for (const object of page.contents) {
    children.push(
      xmlNode('Contents', [
        xmlText('Key', encode(object.key)),
        xmlText('LastModified', isoTimestamp(object.lastModified)),
        xmlText('ETag', object.etag),
        ...(object.checksum
          ? [
              xmlText('ChecksumAlgorithm', object.checksum.algorithm),
              xmlText('ChecksumType', 'FULL_OBJECT'),
            ]
          : []),
        // Tiny test weights stand for big ones: listings report the size they declare, as import does.
        xmlText(
          'Size',
          Number(object.metadata['emulated-size'] ?? object.size) ||
            object.size,
        ),
        ...(fetchOwner
          ? [
              xmlNode('Owner', [
                xmlText('ID', canonicalUserId(bucket.accountId)),
              ]),
            ]
          : []),
        xmlText('StorageClass', 'STANDARD'),
      ]),
    );
  }
  for (const commonPrefix of page.commonPrefixes) {
    children.push(
      xmlNode('CommonPrefixes', [xmlText('Prefix', encode(commonPrefix))]),
    );
  }
  return {
    status: 200,
    headers: {
      'content-type': 'application/xml',
      'x-amz-bucket-region': bucket.region,
    },
    body: xmlDocument('ListBucketResult', children),
  };
}
