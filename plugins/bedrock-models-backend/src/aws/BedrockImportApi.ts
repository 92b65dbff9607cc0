import {
  CreateModelImportJobCommand,
  DeleteImportedModelCommand,
  GetImportedModelCommand,
  GetModelImportJobCommand,
  ImportedModelSummary,
  ListTagsForResourceCommand,
  ModelImportJobSummary,
  paginateListImportedModels,
  paginateListModelImportJobs,
} from '@aws-sdk/client-bedrock';
import {
  ConverseCommand,
  InvokeModelCommand,
} from '@aws-sdk/client-bedrock-runtime';
import { AwsClients } from './AwsClients';

/** Where a call goes. */
export type AwsTarget = { accountId: string; region: string };

/** What CreateModelImportJob needs. */
export type ImportJobSpec = {
  jobName: string;
  importedModelName: string;
  roleArn: string;
  s3Uri: string;
  tags: Record<string, string>;
  /** Idempotency token: the same token answers with the same job. */
  clientRequestToken: string;
};

/** What GetModelImportJob says about a job. */
export type ImportJobState = {
  jobArn?: string;
  status: 'InProgress' | 'Completed' | 'Failed';
  failureMessage?: string;
  importedModelArn?: string;
  importedModelName?: string;
};

/** The immutable facts of an imported model (read once per ARN). */
export type ImportedModelFacts = {
  modelArn: string;
  modelName: string;
  architecture?: string;
  instructSupported?: boolean;
  cmusPerCopy?: number;
  jobArn?: string;
  jobName?: string;
  s3Uri?: string;
  creationTime?: Date;
};

const toTags = (tags: Record<string, string>) =>
  Object.entries(tags).map(([key, value]) => ({ key, value }));

/** Bedrock's Custom Model Import and runtime calls the registry makes, through the one AWS layer. */
export class BedrockImportApi {
  constructor(private readonly clients: AwsClients) {}

  /** Starts an import job; returns its ARN. Safe to repeat with the same token and name. */
  async createImportJob(target: AwsTarget, spec: ImportJobSpec) {
    const bedrock = await this.clients.bedrock(target.accountId, target.region);
    const { jobArn } = await bedrock.send(
      new CreateModelImportJobCommand({
        jobName: spec.jobName,
        importedModelName: spec.importedModelName,
        roleArn: spec.roleArn,
        modelDataSource: { s3DataSource: { s3Uri: spec.s3Uri } },
        jobTags: toTags(spec.tags),
        importedModelTags: toTags(spec.tags),
        clientRequestToken: spec.clientRequestToken,
      }),
    );
    if (!jobArn)
      throw new Error('CreateModelImportJob answered without a jobArn');
    return jobArn;
  }

  async getImportJob(
    target: AwsTarget,
    jobIdentifier: string,
  ): Promise<ImportJobState> {
    const bedrock = await this.clients.bedrock(target.accountId, target.region);
    const job = await bedrock.send(
      new GetModelImportJobCommand({ jobIdentifier }),
    );
    return {
      jobArn: job.jobArn,
      status: (job.status ?? 'InProgress') as ImportJobState['status'],
      failureMessage: job.failureMessage,
      importedModelArn: job.importedModelArn,
      importedModelName: job.importedModelName,
    };
  }

  async getImportedModel(
    target: AwsTarget,
    modelIdentifier: string,
  ): Promise<ImportedModelFacts> {
    const bedrock = await this.clients.bedrock(target.accountId, target.region);
    const model = await bedrock.send(
      new GetImportedModelCommand({ modelIdentifier }),
    );
    return {
      modelArn: model.modelArn ?? modelIdentifier,
      modelName: model.modelName ?? '',
      architecture: model.modelArchitecture,
      instructSupported: model.instructSupported,
      cmusPerCopy: model.customModelUnits?.customModelUnitsPerModelCopy,
      jobArn: model.jobArn,
      jobName: model.jobName,
      s3Uri: model.modelDataSource?.s3DataSource?.s3Uri,
      creationTime: model.creationTime,
    };
  }

  /** Deletes an imported model; answers false when it was already gone. */
  async deleteImportedModel(
    target: AwsTarget,
    modelArn: string,
  ): Promise<boolean> {
    const bedrock = await this.clients.bedrock(target.accountId, target.region);
    try {
      await bedrock.send(
        new DeleteImportedModelCommand({ modelIdentifier: modelArn }),
      );
      return true;
    } catch (error) {
      if ((error as Error).name === 'ResourceNotFoundException') return false;
      throw error;
    }
  }

  /** Every imported model in the account and Region (all pages). */
  async listImportedModels(target: AwsTarget): Promise<ImportedModelSummary[]> {
    const bedrock = await this.clients.bedrock(target.accountId, target.region);
    const summaries: ImportedModelSummary[] = [];
    for await (const page of paginateListImportedModels(
      { client: bedrock, pageSize: 1000 },
      {},
    )) {
      summaries.push(...(page.modelSummaries ?? []));
    }
    return summaries;
  }

  /** Import jobs in the account and Region (all pages), optionally only those in one status. */
  async listImportJobs(
    target: AwsTarget,
    statusEquals?: 'InProgress' | 'Completed' | 'Failed',
  ): Promise<ModelImportJobSummary[]> {
    const bedrock = await this.clients.bedrock(target.accountId, target.region);
    const summaries: ModelImportJobSummary[] = [];
    for await (const page of paginateListModelImportJobs(
      { client: bedrock, pageSize: 1000 },
      { statusEquals },
    )) {
      summaries.push(...(page.modelImportJobSummaries ?? []));
    }
    return summaries;
  }

  async listTags(
    target: AwsTarget,
    resourceArn: string,
  ): Promise<Record<string, string>> {
    const bedrock = await this.clients.bedrock(target.accountId, target.region);
    const { tags } = await bedrock.send(
      new ListTagsForResourceCommand({ resourceARN: resourceArn }),
    );
    return Object.fromEntries(
      (tags ?? []).map(tag => [tag.key ?? '', tag.value ?? '']),
    );
  }

  /**
   * Calls a new model once so its first real caller does not pay the cold start; returns how long
   * the call took (the runtime client retries ModelNotReadyException while the model loads).
   */
  async warmUp(
    target: AwsTarget,
    modelArn: string,
    converse: boolean,
  ): Promise<number> {
    const runtime = await this.clients.bedrockRuntime(
      target.accountId,
      target.region,
    );
    const started = Date.now();
    if (converse) {
      await runtime.send(
        new ConverseCommand({
          modelId: modelArn,
          messages: [{ role: 'user', content: [{ text: 'ping' }] }],
          inferenceConfig: { maxTokens: 1 },
        }),
      );
    } else {
      await runtime.send(
        new InvokeModelCommand({
          modelId: modelArn,
          contentType: 'application/json',
          accept: 'application/json',
          body: JSON.stringify({ prompt: 'ping', max_gen_len: 1 }),
        }),
      );
    }
    return Date.now() - started;
  }
}
