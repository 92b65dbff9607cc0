/**
 * An S3 location split into its bucket and key prefix.
 *
 * @public
 */
export type S3Location = { bucket: string; prefix: string };

// Bucket naming rules from S3: 3-63 chars, lower-case letters, digits, dots and hyphens,
// starting and ending with a letter or digit.
const BUCKET_PATTERN = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

// Bedrock's S3Uri pattern (CreateModelImportJob's modelDataSource) allows only these characters in
// each path segment: `s3://bucket(/[-!_*'().a-zA-Z0-9]+)*/?`, and at most 1024 characters in all.
const SEGMENT_CHARACTER = /[-!_*'().a-zA-Z0-9]/;
const ALLOWED_CHARACTERS = "letters, digits and - ! _ * ' ( ) .";
const MAX_URI_LENGTH = 1024;

/**
 * The rule of {@link parseS3Uri} as one JSON-schema `pattern` (with `maxLength: 1024`), for forms that
 * can only say yes or no, such as a template's text field. The form's pattern must equal this (a test
 * checks the template); `parseS3Uri`, which the backend runs, says what to fix.
 *
 * @public
 */
export const S3_URI_FORM_PATTERN =
  "^s3://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]/([-!_*'().a-zA-Z0-9]+/)*$";

/** How a character appears in a message: quoted, with a name for the invisible ones. */
function shown(character: string): string {
  if (character === ' ') return '" " (a space)';
  if (/\s/.test(character)) {
    return `"\\u${character
      .charCodeAt(0)
      .toString(16)
      .padStart(4, '0')}" (white space)`;
  }
  return JSON.stringify(character);
}

/** The problem with the prefix's path segments, if Bedrock's S3Uri pattern refuses one. */
function segmentProblem(uri: string, prefix: string): string | undefined {
  // The prefix ends with "/" (or is empty), so the last piece is empty by construction.
  const segments = prefix.split('/').slice(0, -1);
  for (const segment of segments) {
    if (segment === '') {
      return `"${uri}" has an empty path segment ("//"), which Bedrock does not accept in an import source; remove the extra "/".`;
    }
    const bad = [...segment].find(c => !SEGMENT_CHARACTER.test(c));
    if (bad !== undefined) {
      return `${shown(
        bad,
      )} is not allowed in S3 path segments of an import source (AWS allows ${ALLOWED_CHARACTERS}); rename the folder "${segment}" in ${uri}.`;
    }
  }
  return undefined;
}

/**
 * Parses `s3://bucket/prefix/` as Bedrock's model import expects it: the bucket name rules, path
 * segments within Bedrock's S3Uri pattern, and a folder (trailing "/").
 * Returns the location, or the problem to fix.
 *
 * @public
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
  if (uri.length > MAX_URI_LENGTH) {
    return {
      problem: `The S3 URI is ${uri.length} characters long; Bedrock accepts at most ${MAX_URI_LENGTH}.`,
    };
  }
  const folders = prefix.endsWith('/') || prefix === '' ? prefix : `${prefix}/`;
  const problem = segmentProblem(uri, folders);
  if (problem) {
    return { problem };
  }
  if (prefix.length > 0 && !prefix.endsWith('/')) {
    return {
      problem: `The S3 prefix "${prefix}" must end with "/" because Bedrock imports every file under a folder.`,
    };
  }
  return { location: { bucket, prefix } };
}
