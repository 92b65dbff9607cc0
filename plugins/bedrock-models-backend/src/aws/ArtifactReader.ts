import {
  GetObjectCommand,
  ListObjectsV2Command,
  ListObjectsV2CommandOutput,
} from '@aws-sdk/client-s3';
import { ServiceUnavailableError } from '@backstage/errors';
import {
  ArtifactListing,
  ArtifactObject,
  S3Location,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { AwsClients } from './AwsClients';

/** Stop listing after this many objects: a model folder has tens of files, not tens of thousands. */
const MAX_OBJECTS = 10_000;
/** config.json and tokenizer_config.json are small; refuse to buffer anything bigger. */
const MAX_CONFIG_BYTES = 5_000_000;

type AwsErrorLike = {
  name?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
};

const unreadable = (where: string, accountId: string) =>
  `The portal cannot read ${where}: there is no such bucket in account ${accountId}, or the portal's role may not read it. Check the URI, or grant the portal's role s3:ListBucket and s3:GetObject on it.`;

/**
 * S3 errors that mean "the user pointed at something the portal cannot read", not an outage. A missing
 * bucket and one the portal may not read get the same answer, so the portal cannot be used to learn
 * which buckets exist.
 */
function describeUserError(
  error: AwsErrorLike,
  location: S3Location,
  accountId: string,
  region: string,
): string | undefined {
  const where = `s3://${location.bucket}/${location.prefix}`;
  switch (error.name) {
    case 'PermanentRedirect':
    case 'AuthorizationHeaderMalformed':
      return `The bucket ${location.bucket} is not in ${region}. Copy the artifacts to a bucket in ${region}, or import into the bucket's Region.`;
    case 'NoSuchBucket':
    case 'AccessDenied':
    case 'Forbidden':
      return unreadable(where, accountId);
    default:
      return error.$metadata?.httpStatusCode === 403
        ? unreadable(where, accountId)
        : undefined;
  }
}

/** Reads what validation needs from an artifact prefix in S3: the listing and the small JSON files. */
export class ArtifactReader {
  constructor(private readonly clients: AwsClients) {}

  async read(
    location: S3Location,
    accountId: string,
    region: string,
  ): Promise<ArtifactListing> {
    const s3 = await this.clients.s3(accountId, region);
    const objects: ArtifactObject[] = [];
    try {
      let token: string | undefined;
      do {
        const page: ListObjectsV2CommandOutput = await s3.send(
          new ListObjectsV2Command({
            Bucket: location.bucket,
            Prefix: location.prefix,
            ContinuationToken: token,
            // A bucket of another account is refused by S3, not read.
            ExpectedBucketOwner: accountId,
          }),
        );
        for (const object of page.Contents ?? []) {
          const name = (object.Key ?? '').slice(location.prefix.length);
          if (name && !name.endsWith('/')) {
            objects.push({ name, sizeBytes: object.Size ?? 0 });
          }
        }
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token && objects.length < MAX_OBJECTS);
    } catch (error) {
      const problem = describeUserError(
        error as AwsErrorLike,
        location,
        accountId,
        region,
      );
      if (problem) return { objects: [], listError: problem };
      throw new ServiceUnavailableError(
        `S3 could not list s3://${location.bucket}/${location.prefix}: ${String(
          (error as AwsErrorLike).message ?? error,
        )}. Try again.`,
      );
    }

    const listing: ArtifactListing = { objects };
    const names = new Set(objects.map(o => o.name));
    if (names.has('config.json')) {
      const config = await this.readJson(s3Location(location, 'config.json'), {
        accountId,
        region,
      });
      if ('value' in config) listing.config = config.value;
      else listing.configError = config.problem;
    }
    if (names.has('tokenizer_config.json')) {
      const tokenizer = await this.readJson(
        s3Location(location, 'tokenizer_config.json'),
        { accountId, region },
      );
      if ('value' in tokenizer) listing.tokenizerConfig = tokenizer.value;
    }
    return listing;
  }

  private async readJson(
    location: S3Location,
    target: { accountId: string; region: string },
  ): Promise<{ value: Record<string, unknown> } | { problem: string }> {
    const s3 = await this.clients.s3(target.accountId, target.region);
    let text: string;
    try {
      const object = await s3.send(
        new GetObjectCommand({
          Bucket: location.bucket,
          Key: location.prefix,
          ExpectedBucketOwner: target.accountId,
        }),
      );
      if ((object.ContentLength ?? 0) > MAX_CONFIG_BYTES) {
        // Not read: let go of the connection instead of leaving the body pending.
        (object.Body as { destroy?: () => void } | undefined)?.destroy?.();
        return {
          problem: `it is ${object.ContentLength} bytes, more than a config file should be`,
        };
      }
      text = (await object.Body?.transformToString('utf-8')) ?? '';
    } catch (error) {
      const problem = describeUserError(
        error as AwsErrorLike,
        location,
        target.accountId,
        target.region,
      );
      if (problem) return { problem };
      throw new ServiceUnavailableError(
        `S3 could not read s3://${location.bucket}/${location.prefix}: ${String(
          (error as AwsErrorLike).message ?? error,
        )}. Try again.`,
      );
    }
    try {
      const value = JSON.parse(text);
      if (!value || typeof value !== 'object' || Array.isArray(value)) {
        return { problem: 'it is not a JSON object' };
      }
      return { value };
    } catch (error) {
      return { problem: `it is not valid JSON (${(error as Error).message})` };
    }
  }
}

/** The location of one file under an artifact prefix (the key travels in `prefix`). */
function s3Location(folder: S3Location, name: string): S3Location {
  return { bucket: folder.bucket, prefix: `${folder.prefix}${name}` };
}
