import { AwsError } from '../../core/AwsError';

/**
 * An S3 error: an `AwsError` whose fields become elements of the `<Error>` document, plus
 * response headers some errors carry (e.g. `x-amz-bucket-region` on a redirect).
 */
export class S3Error extends AwsError {
  constructor(
    type: string,
    status: number,
    message: string,
    fields: Record<string, string> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(type, status, message, fields);
  }
}

/** 404 NoSuchBucket. */
export function noSuchBucket(bucket: string): S3Error {
  return new S3Error(
    'NoSuchBucket',
    404,
    'The specified bucket does not exist',
    {
      BucketName: bucket,
    },
  );
}

/** 404 NoSuchKey. */
export function noSuchKey(key: string): S3Error {
  return new S3Error('NoSuchKey', 404, 'The specified key does not exist.', {
    Key: key,
  });
}

/** 403 AccessDenied: the bucket belongs to another account and the emulator has no bucket policies. */
export function accessDenied(): S3Error {
  return new S3Error('AccessDenied', 403, 'Access Denied');
}

/** 301 PermanentRedirect: the request was signed for a Region other than the bucket's. */
export function permanentRedirect(
  bucket: string,
  bucketRegion: string,
): S3Error {
  return new S3Error(
    'PermanentRedirect',
    301,
    'The bucket you are attempting to access must be addressed using the specified endpoint. ' +
      'Please send all future requests to this endpoint.',
    { Endpoint: `s3.${bucketRegion}.amazonaws.com`, Bucket: bucket },
    { 'x-amz-bucket-region': bucketRegion },
  );
}

/** 400 InvalidArgument naming the offending argument. */
export function invalidArgument(
  message: string,
  argumentName: string,
  argumentValue: string,
): S3Error {
  return new S3Error('InvalidArgument', 400, message, {
    ArgumentName: argumentName,
    ArgumentValue: argumentValue,
  });
}

/** 501 NotImplemented: an S3 feature the emulator does not have. */
export function notImplemented(
  what: string,
  fields: Record<string, string> = {},
): S3Error {
  return new S3Error(
    'NotImplemented',
    501,
    `A header or query you provided implies functionality that is not implemented: ${what} ` +
      'is not supported by the bedrock-emulator.',
    fields,
  );
}

/** 412 PreconditionFailed for the failing conditional header. */
export function preconditionFailed(condition: string): S3Error {
  return new S3Error(
    'PreconditionFailed',
    412,
    'At least one of the pre-conditions you specified did not hold',
    { Condition: condition },
  );
}
