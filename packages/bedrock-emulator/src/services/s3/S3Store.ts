import { createHash } from 'node:crypto';
import { EmulatorState } from '../../core/EmulatorState';
import { ObjectChecksum } from './s3Checksums';

/** One stored object; the body is kept as base64 so the state stays JSON. */
export type S3ObjectData = {
  key: string;
  bodyBase64: string;
  size: number;
  /** Quoted MD5 hex, as S3 sends it for single-part uploads. */
  etag: string;
  contentType: string;
  lastModified: number;
  metadata: Record<string, string>;
  /** The full-object checksum the uploader sent (and S3 verified), if any. */
  checksum?: ObjectChecksum;
  /** Stored representation headers, e.g. `cache-control`, `content-disposition`, `content-encoding`. */
  headers?: Record<string, string>;
};

/** What PutObject stores besides the body. */
export type S3ObjectAttributes = {
  contentType?: string;
  metadata?: Record<string, string>;
  checksum?: ObjectChecksum;
  headers?: Record<string, string>;
};

/** A bucket, in the global bucket namespace, owned by one account and placed in one Region. */
export type S3BucketData = {
  name: string;
  accountId: string;
  region: string;
  creationTime: number;
  objects: Record<string, S3ObjectData>;
};

type S3Data = { buckets: Record<string, S3BucketData> };

/**
 * S3's data: buckets and objects. The S3 service handlers serve it on the wire; the Bedrock import
 * reads artifacts from it and the demo seed stages them.
 */
export class S3Store {
  constructor(private readonly state: EmulatorState) {}

  private get data(): S3Data {
    return this.state.global<S3Data>('s3', () => ({ buckets: {} }));
  }

  getBucket(name: string): S3BucketData | undefined {
    return this.data.buckets[name];
  }

  listBuckets(accountId: string): S3BucketData[] {
    return Object.values(this.data.buckets)
      .filter(b => b.accountId === accountId)
      .sort((a, b) => Buffer.compare(Buffer.from(a.name), Buffer.from(b.name)));
  }

  /** Creates a bucket; returns false when the name is taken (by anyone). */
  createBucket(
    name: string,
    accountId: string,
    region: string,
    now: number,
  ): boolean {
    if (this.data.buckets[name]) {
      return false;
    }
    this.data.buckets[name] = {
      name,
      accountId,
      region,
      creationTime: now,
      objects: {},
    };
    return true;
  }

  deleteBucket(name: string): void {
    delete this.data.buckets[name];
  }

  putObject(
    bucketName: string,
    key: string,
    body: Buffer,
    now: number,
    options: { contentType?: string; metadata?: Record<string, string> } = {},
  ): S3ObjectData {
    const bucket = this.requireBucket(bucketName);
    const object: S3ObjectData = {
      key,
      bodyBase64: body.toString('base64'),
      size: body.length,
      etag: `"${createHash('md5').update(body).digest('hex')}"`,
      contentType: options.contentType ?? 'binary/octet-stream',
      lastModified: now,
      metadata: options.metadata ?? {},
    };
    bucket.objects[key] = object;
    return object;
  }

  /** Stores an object with what PutObject records beyond `putObject`: its checksum and headers. */
  putObjectWithAttributes(
    bucketName: string,
    key: string,
    body: Buffer,
    now: number,
    attributes: S3ObjectAttributes,
  ): S3ObjectData {
    const object = this.putObject(bucketName, key, body, now, attributes);
    if (attributes.checksum) {
      object.checksum = attributes.checksum;
    }
    if (attributes.headers && Object.keys(attributes.headers).length > 0) {
      object.headers = attributes.headers;
    }
    return object;
  }

  getObject(bucketName: string, key: string): S3ObjectData | undefined {
    return this.getBucket(bucketName)?.objects[key];
  }

  /** Deletes an object; deleting a missing key succeeds, as in S3. */
  deleteObject(bucketName: string, key: string): void {
    delete this.requireBucket(bucketName).objects[key];
  }

  /** Every object under a prefix, in key order (UTF-8 binary order, as S3 lists). */
  listObjects(bucketName: string, prefix = ''): S3ObjectData[] {
    const bucket = this.requireBucket(bucketName);
    return Object.values(bucket.objects)
      .filter(o => o.key.startsWith(prefix))
      .sort((a, b) => Buffer.compare(Buffer.from(a.key), Buffer.from(b.key)));
  }

  body(object: S3ObjectData): Buffer {
    return Buffer.from(object.bodyBase64, 'base64');
  }

  private requireBucket(name: string): S3BucketData {
    const bucket = this.getBucket(name);
    if (!bucket) {
      throw new Error(`No bucket ${name}`);
    }
    return bucket;
  }
}
