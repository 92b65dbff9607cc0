import { EmulatorResponse } from '../../core/EmulatorRequest';
import { canonicalUserId, requireBucket } from './bucketAccess';
import { bucketNameProblem } from './bucketName';
import { S3Call } from './s3Call';
import { invalidArgument, notImplemented, S3Error } from './s3Errors';
import {
  MalformedXmlError,
  readFlatXmlDocument,
  xmlDocument,
  xmlNode,
  xmlText,
  S3_XML_NAMESPACE,
} from './s3Xml';
import { isoTimestamp } from './s3Time';
import { compareKeys } from './listObjectsPage';
import {
  decodeContinuationToken,
  encodeContinuationToken,
} from './continuationToken';
import { readMaxCount } from './listParameters';

const XML_HEADERS = { 'content-type': 'application/xml' };

/** S3's legacy name for eu-west-1 in a LocationConstraint. */
const LEGACY_LOCATION_CONSTRAINTS: Record<string, string> = { EU: 'eu-west-1' };

function readLocationConstraint(call: S3Call): string | undefined {
  const body = call.request.body.toString('utf8').trim();
  if (body === '') {
    return undefined;
  }
  let settings: Record<string, string>;
  try {
    settings = readFlatXmlDocument(body, 'CreateBucketConfiguration');
  } catch (error) {
    if (error instanceof MalformedXmlError) {
      throw new S3Error(
        'MalformedXML',
        400,
        'The XML you provided was not well-formed or did not validate against our published schema',
      );
    }
    throw error;
  }
  const other = Object.keys(settings).find(
    name => name !== 'LocationConstraint',
  );
  if (other) {
    throw notImplemented(`CreateBucketConfiguration/${other}`);
  }
  return settings.LocationConstraint || undefined;
}

/** CreateBucket: `PUT /{bucket}` with an optional `CreateBucketConfiguration`. */
export function createBucket(call: S3Call, name: string): EmulatorResponse {
  const { request, store } = call;
  const problem = bucketNameProblem(name);
  if (problem) {
    throw new S3Error(
      'InvalidBucketName',
      400,
      `The specified bucket is not valid. A bucket name ${problem}.`,
      { BucketName: name },
    );
  }
  const constraint = readLocationConstraint(call);
  if (constraint === 'us-east-1') {
    // us-east-1 is the absence of a constraint; S3 refuses it spelled out.
    throw new S3Error(
      'InvalidLocationConstraint',
      400,
      'The specified location-constraint is not valid',
      {
        LocationConstraint: constraint,
      },
    );
  }
  const region = constraint
    ? LEGACY_LOCATION_CONSTRAINTS[constraint] ?? constraint
    : 'us-east-1';
  if (region !== request.region) {
    throw new S3Error(
      'IllegalLocationConstraintException',
      400,
      `The ${
        constraint ?? 'unspecified'
      } location constraint is incompatible for the region ` +
        `specific endpoint this request was sent to.`,
    );
  }
  const existing = store.getBucket(name);
  if (existing) {
    throw existing.accountId === request.accountId
      ? new S3Error(
          'BucketAlreadyOwnedByYou',
          409,
          'Your previous request to create the named bucket succeeded and you already own it.',
          { BucketName: name },
        )
      : new S3Error(
          'BucketAlreadyExists',
          409,
          'The requested bucket name is not available. The bucket namespace is shared by all ' +
            'users of the system. Please select a different name and try again.',
          { BucketName: name },
        );
  }
  store.createBucket(name, request.accountId, region, call.clock.now());
  return {
    status: 200,
    headers: {
      // S3 answers a path for us-east-1 buckets and the global endpoint URL for the others.
      location:
        region === 'us-east-1'
          ? `/${name}`
          : `http://${name}.s3.amazonaws.com/`,
    },
  };
}

/** HeadBucket: `HEAD /{bucket}`; errors carry no body, so the SDK reports 404 as NotFound. */
export function headBucket(call: S3Call, name: string): EmulatorResponse {
  const bucket = requireBucket(call.store, call.request, name);
  return {
    status: 200,
    headers: {
      'x-amz-bucket-region': bucket.region,
      'x-amz-access-point-alias': 'false',
    },
  };
}

/** DeleteBucket: `DELETE /{bucket}`, refused while the bucket holds objects. */
export function deleteBucket(call: S3Call, name: string): EmulatorResponse {
  const bucket = requireBucket(call.store, call.request, name);
  if (Object.keys(bucket.objects).length > 0) {
    throw new S3Error(
      'BucketNotEmpty',
      409,
      'The bucket you tried to delete is not empty',
      {
        BucketName: name,
      },
    );
  }
  call.store.deleteBucket(name);
  return { status: 204 };
}

/** GetBucketLocation: `GET /{bucket}?location`; answers from any Region, like S3. */
export function getBucketLocation(
  call: S3Call,
  name: string,
): EmulatorResponse {
  const bucket = requireBucket(call.store, call.request, name, {
    anyRegion: true,
  });
  const constraint = bucket.region === 'us-east-1' ? '' : bucket.region;
  return {
    status: 200,
    headers: XML_HEADERS,
    body:
      '<?xml version="1.0" encoding="UTF-8"?>\n' +
      `<LocationConstraint xmlns="${S3_XML_NAMESPACE}">${constraint}</LocationConstraint>`,
  };
}

/** ListBuckets: `GET /`, the caller's buckets in every Region, with optional filters and paging. */
export function listBuckets(call: S3Call): EmulatorResponse {
  const { request, store } = call;
  const { query } = request;
  const prefix = query.get('prefix') ?? '';
  const bucketRegion = query.get('bucket-region') ?? undefined;
  const paged = [
    'max-buckets',
    'continuation-token',
    'prefix',
    'bucket-region',
  ].some(p => query.has(p));
  // S3 pages by 10,000 when any paging or filter parameter is present and max-buckets is not.
  const maxBuckets = readMaxCount(query, 'max-buckets', 10000, 10000, 1);
  const scope = `buckets:${request.accountId}`;
  const token = query.get('continuation-token');
  const resumeAfter =
    token !== null && token !== ''
      ? decodeContinuationToken(token, scope)
      : undefined;
  if (token !== null && token !== '' && !resumeAfter) {
    throw invalidArgument(
      'The continuation token provided is incorrect',
      'continuation-token',
      token,
    );
  }
  const buckets = store
    .listBuckets(request.accountId)
    .filter(b => b.name.startsWith(prefix))
    .filter(b => bucketRegion === undefined || b.region === bucketRegion)
    .filter(b => !resumeAfter || compareKeys(b.name, resumeAfter.marker) > 0)
    .sort((a, b) => compareKeys(a.name, b.name));
  const page = buckets.slice(0, maxBuckets);
  const truncated = buckets.length > page.length;
  const children = [
    xmlNode('Owner', [xmlText('ID', canonicalUserId(request.accountId))]),
    xmlNode(
      'Buckets',
      page.map(b =>
        xmlNode('Bucket', [
          xmlText('Name', b.name),
          xmlText('CreationDate', isoTimestamp(b.creationTime)),
          ...(paged ? [xmlText('BucketRegion', b.region)] : []),
        ]),
      ),
    ),
  ];
  if (truncated) {
    const last = page[page.length - 1].name;
    children.push(
      xmlText(
        'ContinuationToken',
        encodeContinuationToken({ scope, marker: last, markerIsPrefix: false }),
      ),
    );
  }
  if (query.has('prefix')) {
    children.push(xmlText('Prefix', prefix));
  }
  return {
    status: 200,
    headers: XML_HEADERS,
    body: xmlDocument('ListAllMyBucketsResult', children),
  };
}
