import { S3Store } from '../services/s3/S3Store';
import type { RunningEmulator } from '../startEmulator';
import { ArtifactSet, stageArtifacts } from './artifactSets';

/**
 * Puts an artifact set under `s3://<bucket>/<prefix>` of a running emulator, creating the bucket
 * (in the emulator's default account and the given Region) when needed. Returns the S3 URI.
 *
 * @public
 */
export function stageArtifactSet(
  emulator: RunningEmulator,
  bucket: string,
  prefix: string,
  set: ArtifactSet,
  region = 'us-east-1',
): string {
  const s3 = new S3Store(emulator.context.state);
  const now = emulator.context.clock.now();
  if (!s3.getBucket(bucket)) {
    s3.createBucket(bucket, emulator.options.defaultAccountId, region, now);
  }
  stageArtifacts(s3, bucket, prefix, set, now);
  return `s3://${bucket}/${prefix}`;
}
