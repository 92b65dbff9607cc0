/** An S3 location split into its bucket and key prefix. */
export type S3Location = { bucket: string; prefix: string };

// Bucket naming rules from S3: 3-63 chars, lower-case letters, digits, dots and hyphens,
// starting and ending with a letter or digit.
const BUCKET_PATTERN = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/**
 * Parses `s3://bucket/prefix/` as Bedrock's model import expects it.
 * Returns the location, or the problem to fix.
 */
export function parseS3Uri(
  uri: string,
): { location: S3Location } | { problem: string } {
  const match = /^s3:\/\/([^/]+)\/(.*)$/.exec(uri);
  if (!match) {
    return {
      problem: `"${uri}" is not an S3 URI: write it as s3://<bucket>/<prefix>/.`,
    };
  }
  const [, bucket, prefix] = match;
  if (!BUCKET_PATTERN.test(bucket)) {
    return {
      problem: `"${bucket}" is not a valid S3 bucket name: use 3-63 lower-case letters, digits, dots or hyphens.`,
    };
  }
  if (prefix.length > 0 && !prefix.endsWith('/')) {
    return {
      problem: `The S3 prefix "${prefix}" must end with "/" because Bedrock imports every file under a folder.`,
    };
  }
  return { location: { bucket, prefix } };
}
