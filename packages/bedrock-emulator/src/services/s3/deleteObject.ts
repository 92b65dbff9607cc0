import { EmulatorResponse } from '../../core/EmulatorRequest';
import { requireBucket } from './bucketAccess';
import { S3Call } from './s3Call';

/** DeleteObject: `DELETE /{bucket}/{key}`; deleting a missing key succeeds, as in S3. */
export function deleteObject(
  call: S3Call,
  bucketName: string,
  key: string,
): EmulatorResponse {
  const bucket = requireBucket(call.store, call.request, bucketName);
  call.store.deleteObject(bucket.name, key);
  return { status: 204 };
}
