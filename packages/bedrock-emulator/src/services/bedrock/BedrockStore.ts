import { createHash } from 'node:crypto';
import { AwsError } from '../../core/AwsError';
import { scaledMs } from '../../core/EmulatorOptions';
import { EmulatorContext } from '../../core/EmulatorService';
import { S3Store } from '../s3/S3Store';
import { ArtifactFile, evaluateArtifacts } from './importRules';
import { bedrockArn, newResourceId, parseBedrockArn } from './ids';
import { MAX_TAGS, Tag } from './inputValidation';

/** An import job as the emulator keeps it. */
export type ImportJob = {
  id: string;
  jobArn: string;
  jobName: string;
  importedModelName: string;
  roleArn: string;
  s3Uri: string;
  status: 'InProgress' | 'Completed' | 'Failed';
  failureMessage?: string;
  creationTime: number;
  lastModifiedTime: number;
  endTime?: number;
  /** When the job finishes, in emulator time. */
  dueTime: number;
  importedModelArn?: string;
  vpcConfig?: { subnetIds: string[]; securityGroupIds: string[] };
  /** The key ARN of `importedModelKmsKeyId` (an alias resolved to its key). */
  importedModelKmsKeyArn?: string;
  importedModelTags: Tag[];
};

/** An imported model, created by a completed job; immutable (its copies are the runtime's). */
export type ImportedModel = {
  id: string;
  modelArn: string;
  modelName: string;
  jobName: string;
  jobArn: string;
  s3Uri: string;
  creationTime: number;
  modelArchitecture: string;
  instructSupported: boolean;
  hasChatTemplate: boolean;
  customModelUnitsPerModelCopy: number;
  modelKmsKeyArn?: string;
};

type BedrockData = {
  jobs: Record<string, ImportJob>;
  models: Record<string, ImportedModel>;
  tags: Record<string, Record<string, string>>;
  /** clientRequestToken -> the job it created and a fingerprint of the input that created it. */
  tokens: Record<string, { jobId: string; fingerprint: string }>;
  /** Ids of InProgress jobs, so finishing due jobs on every read does not walk every job. */
  pending?: string[];
};

/** Name of this state slot; the runtime reads models from it too. */
const SLOT = 'bedrock';

/** The Bedrock control plane's data in one account and Region, and the job lifecycle. */
export class BedrockStore {
  private readonly data: BedrockData;

  constructor(
    private readonly context: EmulatorContext,
    readonly accountId: string,
    readonly region: string,
  ) {
    this.data = context.state.regional<BedrockData>(
      SLOT,
      accountId,
      region,
      () => ({
        jobs: {},
        models: {},
        tags: {},
        tokens: {},
        pending: [],
      }),
    );
    // State saved before `pending` existed: rebuild it once.
    this.data.pending ??= Object.values(this.data.jobs)
      .filter(j => j.status === 'InProgress')
      .map(j => j.id);
  }

  /** The job or model an ARN of this account and Region names (ids are the ARN's last part). */
  private byArn<T extends { id: string }>(
    table: Record<string, T>,
    arnOf: (item: T) => string,
    arn: string,
  ): T | undefined {
    const item = table[arn.slice(arn.lastIndexOf('/') + 1)];
    return item && arnOf(item) === arn ? item : undefined;
  }

  /** Every account and Region with Bedrock data (for the demo seed and metrics). */
  static all(context: EmulatorContext): BedrockStore[] {
    return context.state
      .allRegional<BedrockData>(SLOT)
      .map(
        ({ accountId, region }) => new BedrockStore(context, accountId, region),
      );
  }

  jobs(): ImportJob[] {
    this.advance();
    return Object.values(this.data.jobs);
  }

  models(): ImportedModel[] {
    this.advance();
    return Object.values(this.data.models);
  }

  /** Finds a job by ARN or name. */
  findJob(identifier: string): ImportJob | undefined {
    const arn = parseBedrockArn(identifier);
    if (arn) {
      this.advance();
      return this.byArn(this.data.jobs, j => j.jobArn, identifier);
    }
    return this.jobs().find(j => j.jobName === identifier);
  }

  /** Finds an imported model by ARN or name. */
  findModel(identifier: string): ImportedModel | undefined {
    const arn = parseBedrockArn(identifier);
    if (arn) {
      this.advance();
      return this.byArn(this.data.models, m => m.modelArn, identifier);
    }
    return this.models().find(m => m.modelName === identifier);
  }

  tokenRecord(token: string) {
    return this.data.tokens[token];
  }

  /** Creates an InProgress job; the caller has checked input, conflicts and quotas. */
  createJob(input: {
    jobName: string;
    importedModelName: string;
    roleArn: string;
    s3Uri: string;
    jobTags: Tag[];
    importedModelTags: Tag[];
    clientRequestToken?: string;
    fingerprint: string;
    vpcConfig?: ImportJob['vpcConfig'];
    importedModelKmsKeyArn?: string;
  }): ImportJob {
    const now = this.context.clock.now();
    const id = newResourceId();
    const job: ImportJob = {
      id,
      jobArn: bedrockArn(this.region, this.accountId, 'model-import-job', id),
      jobName: input.jobName,
      importedModelName: input.importedModelName,
      roleArn: input.roleArn,
      s3Uri: input.s3Uri,
      status: 'InProgress',
      creationTime: now,
      lastModifiedTime: now,
      dueTime:
        now +
        scaledMs(this.context.options, this.context.options.importJobSeconds),
      vpcConfig: input.vpcConfig,
      importedModelKmsKeyArn: input.importedModelKmsKeyArn,
      importedModelTags: input.importedModelTags,
    };
    this.data.jobs[id] = job;
    this.data.pending!.push(id);
    this.setTags(job.jobArn, input.jobTags);
    if (input.clientRequestToken) {
      this.data.tokens[input.clientRequestToken] = {
        jobId: id,
        fingerprint: input.fingerprint,
      };
    }
    return job;
  }

  deleteModel(model: ImportedModel): void {
    delete this.data.models[model.id];
    delete this.data.tags[model.modelArn];
  }

  /** Tags of a job or model ARN in this account and Region, or undefined when there is none. */
  tagsOf(arn: string): Record<string, string> | undefined {
    this.advance();
    const exists =
      this.byArn(this.data.jobs, j => j.jobArn, arn) !== undefined ||
      this.byArn(this.data.models, m => m.modelArn, arn) !== undefined;
    return exists ? (this.data.tags[arn] ??= {}) : undefined;
  }

  /**
   * Adds tags to a job or model ARN (a key already there takes the new value). The whole request is
   * refused, and nothing stored, when the resource would end with more than 200 tags.
   */
  setTags(arn: string, tags: Tag[]): void {
    const current = this.data.tags[arn] ?? {};
    const merged = { ...current };
    for (const tag of tags) merged[tag.key] = tag.value;
    if (Object.keys(merged).length > MAX_TAGS) {
      throw new AwsError(
        'TooManyTagsException',
        400,
        `The resource ${arn} would have ${
          Object.keys(merged).length
        } tags; a resource can have at most ${MAX_TAGS}. Remove tags before adding more.`,
        { resourceName: arn },
      );
    }
    this.data.tags[arn] = merged;
  }

  /** Records an import that ran in the past (demo seed): it finishes 15 minutes after `creationTime`. */
  addPastImport(input: {
    jobName: string;
    modelName: string;
    s3Uri: string;
    roleArn: string;
    creationTime: number;
    tags: Tag[];
  }): ImportJob {
    const job = this.createJob({
      jobName: input.jobName,
      importedModelName: input.modelName,
      roleArn: input.roleArn,
      s3Uri: input.s3Uri,
      jobTags: input.tags,
      importedModelTags: input.tags,
      fingerprint: '',
    });
    job.creationTime = input.creationTime;
    job.lastModifiedTime = input.creationTime;
    job.dueTime = input.creationTime + 15 * 60_000;
    this.advance();
    return job;
  }

  /** Finishes every job whose time has come, reading its artifacts from the emulated S3. */
  advance(): void {
    const now = this.context.clock.now();
    const pending = this.data.pending!;
    if (pending.length === 0) return;
    const stillRunning: string[] = [];
    for (const id of pending) {
      const job = this.data.jobs[id];
      if (job?.status === 'InProgress' && job.dueTime <= now) {
        this.finish(job);
      }
      if (job?.status === 'InProgress') stillRunning.push(id);
    }
    this.data.pending = stillRunning;
  }

  private finish(job: ImportJob): void {
    const verdict = this.evaluate(job);
    job.lastModifiedTime = job.dueTime;
    job.endTime = job.dueTime;
    if (!verdict.ok) {
      job.status = 'Failed';
      job.failureMessage = verdict.failureMessage;
      return;
    }
    const id = newResourceId();
    const model: ImportedModel = {
      id,
      modelArn: bedrockArn(this.region, this.accountId, 'imported-model', id),
      modelName: job.importedModelName,
      jobName: job.jobName,
      jobArn: job.jobArn,
      s3Uri: job.s3Uri,
      creationTime: job.dueTime,
      modelArchitecture: verdict.traits.modelArchitecture,
      instructSupported: verdict.traits.instructSupported,
      hasChatTemplate: verdict.traits.hasChatTemplate,
      customModelUnitsPerModelCopy: verdict.traits.customModelUnitsPerModelCopy,
      modelKmsKeyArn: job.importedModelKmsKeyArn,
    };
    this.data.models[id] = model;
    this.setTags(model.modelArn, job.importedModelTags);
    job.status = 'Completed';
    job.importedModelArn = model.modelArn;
  }

  private evaluate(job: ImportJob) {
    const s3 = new S3Store(this.context.state);
    const match = /^s3:\/\/([^/]+)\/?(.*)$/.exec(job.s3Uri);
    const bucketName = match?.[1] ?? '';
    let prefix = match?.[2] ?? '';
    if (prefix && !prefix.endsWith('/')) prefix += '/';
    const bucket = s3.getBucket(bucketName);
    if (!bucket) {
      return {
        ok: false as const,
        failureMessage: `Could not read the model artifacts at ${job.s3Uri}: the S3 bucket ${bucketName} does not exist or ${job.roleArn} cannot access it.`,
      };
    }
    const objects = s3.listObjects(bucketName, prefix);
    const files: ArtifactFile[] = objects.map(o => ({
      name: o.key.slice(prefix.length),
      // Tiny demo weights can declare the size they stand for (x-amz-meta-emulated-size).
      size: Number(o.metadata['emulated-size'] ?? o.size) || o.size,
    }));
    const readJson = (
      name: string,
    ): { value?: Record<string, unknown>; error?: string } => {
      const object = s3.getObject(bucketName, `${prefix}${name}`);
      if (!object) return {};
      try {
        const value = JSON.parse(s3.body(object).toString('utf8'));
        return typeof value === 'object' && value && !Array.isArray(value)
          ? { value }
          : { error: 'it is not a JSON object' };
      } catch (error) {
        return { error: `it is not valid JSON (${(error as Error).message})` };
      }
    };
    const config = readJson('config.json');
    return evaluateArtifacts({
      s3Uri: job.s3Uri,
      region: this.region,
      files,
      config: config.value,
      configError: config.error,
      tokenizerConfig: readJson('tokenizer_config.json').value,
    });
  }
}

/** A stable fingerprint of a CreateModelImportJob input, for idempotency checks. */
export function fingerprintOf(input: Record<string, unknown>): string {
  const { clientRequestToken: _ignored, ...rest } = input;
  return createHash('sha256').update(canonicalJson(rest)).digest('hex');
}

// JSON with object keys sorted at every depth, so key order never changes the fingerprint.
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map(canonicalJson).join(',')}]`;
  }
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => a.localeCompare(b));
    return `{${entries
      .map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}
