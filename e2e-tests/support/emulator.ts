import {
  DeleteObjectCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import {
  CloudWatchClient,
  GetMetricDataCommand,
} from '@aws-sdk/client-cloudwatch';

/**
 * The Bedrock emulator started by scripts/e2e.sh. It speaks the real AWS wire protocols, so the
 * journeys read it with the real SDK clients: whatever the portal wrote there, AWS would hold.
 */
const endpoint = process.env.BEDROCK_AWS_ENDPOINT ?? 'http://127.0.0.1:4599';
// The emulator accepts any signed request; these keys name no real account.
const credentials = { accessKeyId: 'e2e-tests', secretAccessKey: 'e2e-tests' };

function s3(region: string) {
  return new S3Client({ endpoint, region, credentials, forcePathStyle: true });
}

function parseS3Uri(uri: string) {
  const match = /^s3:\/\/([^/]+)\/(.*)$/.exec(uri);
  if (!match) throw new Error(`Not an s3:// URI: ${uri}`);
  return { bucket: match[1], prefix: match[2] };
}

/** The value of an SSM parameter, or undefined when it does not exist. */
export async function ssmParameter(
  region: string,
  name: string,
): Promise<string | undefined> {
  const client = new SSMClient({ endpoint, region, credentials });
  try {
    const { Parameter } = await client.send(
      new GetParameterCommand({ Name: name }),
    );
    return Parameter?.Value;
  } catch (error) {
    if ((error as Error).name === 'ParameterNotFound') return undefined;
    throw error;
  } finally {
    client.destroy();
  }
}

/**
 * Copies every object under one S3 folder to another in the same bucket (the emulator has no
 * CopyObject, so it is get and put), keeping user metadata: the demo's tiny weight files declare the
 * size they stand for in it.
 */
export async function copyArtifactSet(
  region: string,
  fromUri: string,
  toUri: string,
) {
  const from = parseS3Uri(fromUri);
  const to = parseS3Uri(toUri);
  const client = s3(region);
  try {
    const listed = await client.send(
      new ListObjectsV2Command({ Bucket: from.bucket, Prefix: from.prefix }),
    );
    const keys = (listed.Contents ?? []).map(o => o.Key!);
    if (keys.length === 0) throw new Error(`Nothing under ${fromUri}`);
    for (const key of keys) {
      const object = await client.send(
        new GetObjectCommand({ Bucket: from.bucket, Key: key }),
      );
      await client.send(
        new PutObjectCommand({
          Bucket: to.bucket,
          Key: `${to.prefix}${key.slice(from.prefix.length)}`,
          Body: await object.Body!.transformToByteArray(),
          ContentType: object.ContentType,
          Metadata: object.Metadata,
        }),
      );
    }
    return keys.length;
  } finally {
    client.destroy();
  }
}

/** Deletes one file of an artifact set, e.g. `config.json`. */
export async function deleteArtifact(
  region: string,
  uri: string,
  file: string,
) {
  const { bucket, prefix } = parseS3Uri(uri);
  const client = s3(region);
  try {
    await client.send(
      new DeleteObjectCommand({ Bucket: bucket, Key: `${prefix}${file}` }),
    );
  } finally {
    client.destroy();
  }
}

/**
 * How many calls an imported model served from `from` on, as CloudWatch counts them (`AWS/Bedrock`
 * `Invocations`, per minute): what reached the emulator's runtime, whoever sent it.
 */
export async function invocationsSince(
  region: string,
  modelArn: string,
  from: Date,
): Promise<number> {
  const client = new CloudWatchClient({ endpoint, region, credentials });
  try {
    const { MetricDataResults } = await client.send(
      new GetMetricDataCommand({
        StartTime: from,
        // CloudWatch's end is exclusive; the emulator's clock may run ahead of this machine's.
        EndTime: new Date(Date.now() + 24 * 60 * 60_000),
        MetricDataQueries: [
          {
            Id: 'invocations',
            MetricStat: {
              Metric: {
                Namespace: 'AWS/Bedrock',
                MetricName: 'Invocations',
                Dimensions: [{ Name: 'ModelId', Value: modelArn }],
              },
              Period: 60,
              Stat: 'Sum',
            },
          },
        ],
      }),
    );
    return (MetricDataResults?.[0]?.Values ?? []).reduce((n, v) => n + v, 0);
  } finally {
    client.destroy();
  }
}
