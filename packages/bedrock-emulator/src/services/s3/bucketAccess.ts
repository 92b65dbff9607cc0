import { createHash } from 'node:crypto';
import { EmulatorRequest } from '../../core/EmulatorRequest';
import { S3BucketData, S3Store } from './S3Store';
import { accessDenied, noSuchBucket, permanentRedirect } from './s3Errors';

/**
 * The bucket a request addresses, checked as S3 checks it: it exists, the request was signed for
 * the bucket's Region (else a redirect naming it), and the caller's account owns it. The emulator
 * has no bucket policies or ACLs, so another account is always denied.
 */
export function requireBucket(
  store: S3Store,
  request: EmulatorRequest,
  name: string,
  options: { anyRegion?: boolean } = {},
): S3BucketData {
  const bucket = store.getBucket(name);
  if (!bucket) {
    throw noSuchBucket(name);
  }
  if (!options.anyRegion && bucket.region !== request.region) {
    throw permanentRedirect(name, bucket.region);
  }
  if (bucket.accountId !== request.accountId) {
    throw accessDenied();
  }
  // ExpectedBucketOwner: S3 refuses with 403 when the bucket belongs to another account.
  const expectedOwner = request.headers['x-amz-expected-bucket-owner'];
  if (expectedOwner !== undefined && expectedOwner !== bucket.accountId) {
    throw accessDenied();
  }
  return bucket;
}

/** The canonical user ID S3 shows for an account (64 hex digits, stable per account). */
export function canonicalUserId(accountId: string): string {
  return createHash('sha256')
    .update(`canonical-user:${accountId}`)
    .digest('hex');
}
