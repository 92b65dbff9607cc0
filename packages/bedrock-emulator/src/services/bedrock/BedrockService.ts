import { AwsError, validationError } from '../../core/AwsError';
import { appliedQuotaValue } from '../../core/bedrockQuotas';
import { rfc3339 } from '../../core/EmulatorClock';
import {
  EmulatorRequest,
  jsonResponse,
  EmulatorResponse,
} from '../../core/EmulatorRequest';
import { EmulatorContext, EmulatorService } from '../../core/EmulatorService';
import {
  matchRestRoute,
  readJsonBody,
  renderRestJsonError,
  RestRoute,
} from '../../protocols/restJson';
import {
  BedrockStore,
  fingerprintOf,
  ImportJob,
  ImportedModel,
} from './BedrockStore';
import { IMPORT_REGIONS } from './importRules';
import { PATTERNS, readTags, requireString } from './inputValidation';
import {
  decodeBedrockPageToken,
  encodeBedrockPageToken,
  readMaxResults,
} from './pageToken';
import { bedrockServerError, bedrockThrottlingError } from './bedrockErrors';

type Handler = (
  request: EmulatorRequest,
  store: BedrockStore,
  params: Record<string, string>,
  context: EmulatorContext,
) => EmulatorResponse;

const QUOTA_IMPORTED_MODELS = 'L-45B04988';
const QUOTA_CONCURRENT_JOBS = 'L-5F098EFA';

function jobOutput(job: ImportJob) {
  return {
    jobArn: job.jobArn,
    jobName: job.jobName,
    importedModelName: job.importedModelName,
    importedModelArn: job.importedModelArn,
    roleArn: job.roleArn,
    modelDataSource: { s3DataSource: { s3Uri: job.s3Uri } },
    status: job.status,
    failureMessage: job.failureMessage,
    creationTime: rfc3339(job.creationTime),
    lastModifiedTime: rfc3339(job.lastModifiedTime),
    endTime: job.endTime === undefined ? undefined : rfc3339(job.endTime),
    vpcConfig: job.vpcConfig,
    importedModelKmsKeyArn: job.importedModelKmsKeyId,
  };
}

function jobSummary(job: ImportJob) {
  return {
    jobArn: job.jobArn,
    jobName: job.jobName,
    status: job.status,
    creationTime: rfc3339(job.creationTime),
    lastModifiedTime: rfc3339(job.lastModifiedTime),
    endTime: job.endTime === undefined ? undefined : rfc3339(job.endTime),
    importedModelArn: job.importedModelArn,
    importedModelName: job.importedModelName,
  };
}

function modelOutput(model: ImportedModel) {
  return {
    modelArn: model.modelArn,
    modelName: model.modelName,
    jobName: model.jobName,
    jobArn: model.jobArn,
    modelDataSource: { s3DataSource: { s3Uri: model.s3Uri } },
    creationTime: rfc3339(model.creationTime),
    modelArchitecture: model.modelArchitecture,
    modelKmsKeyArn: model.modelKmsKeyArn,
    instructSupported: model.instructSupported,
    customModelUnits: {
      customModelUnitsPerModelCopy: model.customModelUnitsPerModelCopy,
      customModelUnitsVersion: '1.0',
    },
  };
}

function modelSummary(model: ImportedModel) {
  return {
    modelArn: model.modelArn,
    modelName: model.modelName,
    creationTime: rfc3339(model.creationTime),
    instructSupported: model.instructSupported,
    modelArchitecture: model.modelArchitecture,
  };
}

function readDateParam(
  query: URLSearchParams,
  name: string,
): number | undefined {
  const raw = query.get(name);
  if (raw === null) return undefined;
  const ms = Date.parse(raw);
  if (Number.isNaN(ms)) {
    throw validationError(
      `The value '${raw}' for ${name} is not a valid timestamp.`,
    );
  }
  return ms;
}

/** Filters, sorts and pages a list the way Bedrock's List* operations do. */
function listPage<T extends { creationTime: number }>(
  request: EmulatorRequest,
  items: T[],
  filter: (item: T) => boolean,
): { page: T[]; nextToken?: string } {
  const { query } = request;
  const after = readDateParam(query, 'creationTimeAfter');
  const before = readDateParam(query, 'creationTimeBefore');
  const sortBy = query.get('sortBy') ?? 'CreationTime';
  if (sortBy !== 'CreationTime') {
    throw validationError(
      `1 validation error detected: Value '${sortBy}' at 'sortBy' failed to satisfy constraint: Member must satisfy enum value set: [CreationTime]`,
    );
  }
  const sortOrder = query.get('sortOrder') ?? 'Descending';
  if (sortOrder !== 'Ascending' && sortOrder !== 'Descending') {
    throw validationError(
      `1 validation error detected: Value '${sortOrder}' at 'sortOrder' failed to satisfy constraint: Member must satisfy enum value set: [Ascending, Descending]`,
    );
  }
  const maxResults = readMaxResults(query);
  const fingerprint = [
    after,
    before,
    sortOrder,
    query.get('nameContains'),
    query.get('statusEquals'),
  ].join('|');
  const offset = decodeBedrockPageToken(query.get('nextToken'), fingerprint);
  const sorted = items
    .filter(
      i =>
        (after === undefined || i.creationTime > after) &&
        (before === undefined || i.creationTime < before),
    )
    .filter(filter)
    .sort((a, b) =>
      sortOrder === 'Ascending'
        ? a.creationTime - b.creationTime
        : b.creationTime - a.creationTime,
    );
  const page = sorted.slice(offset, offset + maxResults);
  const next = offset + maxResults;
  return {
    page,
    nextToken:
      next < sorted.length
        ? encodeBedrockPageToken(next, fingerprint)
        : undefined,
  };
}

const createModelImportJob: Handler = (request, store, _params, context) => {
  if (!IMPORT_REGIONS.includes(store.region)) {
    throw validationError(
      `Custom Model Import is not available in ${
        store.region
      }. Use one of ${IMPORT_REGIONS.join(', ')}.`,
    );
  }
  const input = readJsonBody(request);
  const jobName = requireString(input, 'jobName', {
    min: 1,
    max: 63,
    pattern: PATTERNS.jobName,
  })!;
  const importedModelName = requireString(input, 'importedModelName', {
    min: 1,
    max: 63,
    pattern: PATTERNS.importedModelName,
  })!;
  const roleArn = requireString(input, 'roleArn', {
    min: 0,
    max: 2048,
    pattern: PATTERNS.roleArn,
  })!;
  const source = (input.modelDataSource ?? {}) as Record<string, unknown>;
  const s3 = (source.s3DataSource ?? {}) as Record<string, unknown>;
  if (!input.modelDataSource || !source.s3DataSource) {
    throw validationError(
      "1 validation error detected: Value null at 'modelDataSource.s3DataSource' failed to satisfy constraint: Member must not be null",
    );
  }
  const s3Uri = requireString(s3, 's3Uri', {
    min: 1,
    max: 1024,
    pattern: PATTERNS.s3Uri,
  })!;
  const jobTags = readTags(input, 'jobTags');
  const importedModelTags = readTags(input, 'importedModelTags');
  const clientRequestToken = requireString(input, 'clientRequestToken', {
    min: 1,
    max: 256,
    pattern: PATTERNS.clientRequestToken,
    required: false,
  });
  const importedModelKmsKeyId = requireString(input, 'importedModelKmsKeyId', {
    min: 1,
    max: 2048,
    pattern: PATTERNS.kmsKeyId,
    required: false,
  });
  const vpc = input.vpcConfig as
    | { subnetIds?: unknown; securityGroupIds?: unknown }
    | undefined;
  if (
    vpc !== undefined &&
    (!Array.isArray(vpc.subnetIds) || !Array.isArray(vpc.securityGroupIds))
  ) {
    throw validationError(
      'vpcConfig needs both subnetIds and securityGroupIds lists.',
    );
  }
  const fingerprint = fingerprintOf(input);

  if (clientRequestToken) {
    const previous = store.tokenRecord(clientRequestToken);
    if (previous) {
      if (previous.fingerprint !== fingerprint) {
        throw new AwsError(
          'ConflictException',
          400,
          `The clientRequestToken ${clientRequestToken} was already used for a request with different parameters. Use a new token for a new request.`,
        );
      }
      const job = store.jobs().find(j => j.id === previous.jobId)!;
      return jsonResponse(201, { jobArn: job.jobArn });
    }
  }
  const jobs = store.jobs();
  if (jobs.some(j => j.jobName === jobName)) {
    throw new AwsError(
      'ConflictException',
      400,
      `A model import job with the name ${jobName} already exists in ${store.region}. Job names must be unique.`,
    );
  }
  const models = store.models();
  if (
    models.some(m => m.modelName === importedModelName) ||
    jobs.some(
      j =>
        j.status === 'InProgress' && j.importedModelName === importedModelName,
    )
  ) {
    throw new AwsError(
      'ConflictException',
      400,
      `An imported model with the name ${importedModelName} already exists or is being imported in ${store.region}.`,
    );
  }
  const running = jobs.filter(j => j.status === 'InProgress').length;
  const concurrentLimit = appliedQuotaValue(
    context,
    store.accountId,
    store.region,
    QUOTA_CONCURRENT_JOBS,
  );
  if (running >= concurrentLimit) {
    throw new AwsError(
      'ServiceQuotaExceededException',
      400,
      `You have reached the quota of ${concurrentLimit} concurrent model import jobs in ${store.region} (${QUOTA_CONCURRENT_JOBS}). Wait for a running job to finish or request a quota increase.`,
    );
  }
  const modelLimit = appliedQuotaValue(
    context,
    store.accountId,
    store.region,
    QUOTA_IMPORTED_MODELS,
  );
  if (models.length + running >= modelLimit) {
    throw new AwsError(
      'ServiceQuotaExceededException',
      400,
      `You have reached the quota of ${modelLimit} imported models in ${store.region} (${QUOTA_IMPORTED_MODELS}). Delete an imported model or request a quota increase.`,
    );
  }
  const job = store.createJob({
    jobName,
    importedModelName,
    roleArn,
    s3Uri,
    jobTags,
    importedModelTags,
    clientRequestToken,
    fingerprint,
    vpcConfig: vpc as ImportJob['vpcConfig'],
    importedModelKmsKeyId,
  });
  return jsonResponse(201, { jobArn: job.jobArn });
};

function notFound(kind: string, identifier: string): AwsError {
  return new AwsError(
    'ResourceNotFoundException',
    404,
    `The ${kind} ${identifier} was not found in this account and Region.`,
  );
}

const routes: Array<RestRoute<Handler>> = [
  {
    method: 'POST',
    template: '/model-import-jobs',
    operation: 'CreateModelImportJob',
    handler: createModelImportJob,
  },
  {
    method: 'GET',
    template: '/model-import-jobs/{jobIdentifier}',
    operation: 'GetModelImportJob',
    handler: (_r, store, { jobIdentifier }) => {
      const job = store.findJob(jobIdentifier);
      if (!job) throw notFound('model import job', jobIdentifier);
      return jsonResponse(200, jobOutput(job));
    },
  },
  {
    method: 'GET',
    template: '/model-import-jobs',
    operation: 'ListModelImportJobs',
    handler: (request, store) => {
      const status = request.query.get('statusEquals');
      if (
        status !== null &&
        !['InProgress', 'Completed', 'Failed'].includes(status)
      ) {
        throw validationError(
          `1 validation error detected: Value '${status}' at 'statusEquals' failed to satisfy constraint: Member must satisfy enum value set: [InProgress, Completed, Failed]`,
        );
      }
      const nameContains = request.query.get('nameContains');
      const { page, nextToken } = listPage(
        request,
        store.jobs(),
        j =>
          (status === null || j.status === status) &&
          (nameContains === null || j.jobName.includes(nameContains)),
      );
      return jsonResponse(200, {
        nextToken,
        modelImportJobSummaries: page.map(jobSummary),
      });
    },
  },
  {
    method: 'GET',
    template: '/imported-models/{modelIdentifier}',
    operation: 'GetImportedModel',
    handler: (_r, store, { modelIdentifier }) => {
      const model = store.findModel(modelIdentifier);
      if (!model) throw notFound('imported model', modelIdentifier);
      return jsonResponse(200, modelOutput(model));
    },
  },
  {
    method: 'GET',
    template: '/imported-models',
    operation: 'ListImportedModels',
    handler: (request, store) => {
      const nameContains = request.query.get('nameContains');
      const { page, nextToken } = listPage(
        request,
        store.models(),
        m => nameContains === null || m.modelName.includes(nameContains),
      );
      return jsonResponse(200, {
        nextToken,
        modelSummaries: page.map(modelSummary),
      });
    },
  },
  {
    method: 'DELETE',
    template: '/imported-models/{modelIdentifier}',
    operation: 'DeleteImportedModel',
    handler: (_r, store, { modelIdentifier }) => {
      const model = store.findModel(modelIdentifier);
      if (!model) throw notFound('imported model', modelIdentifier);
      store.deleteModel(model);
      return jsonResponse(200, {});
    },
  },
  {
    method: 'POST',
    template: '/tagResource',
    operation: 'TagResource',
    handler: (request, store) => {
      const input = readJsonBody(request);
      const arn = requireString(input, 'resourceARN', { min: 20, max: 1011 })!;
      const tags = readTags(input, 'tags');
      if (!store.tagsOf(arn)) throw notFound('resource', arn);
      store.setTags(arn, tags);
      return jsonResponse(200, {});
    },
  },
  {
    method: 'POST',
    template: '/untagResource',
    operation: 'UntagResource',
    handler: (request, store) => {
      const input = readJsonBody(request);
      const arn = requireString(input, 'resourceARN', { min: 20, max: 1011 })!;
      const keys = input.tagKeys;
      if (!Array.isArray(keys) || keys.some(k => typeof k !== 'string')) {
        throw validationError(
          "1 validation error detected: Value at 'tagKeys' failed to satisfy constraint: Member must be a list of strings",
        );
      }
      const tags = store.tagsOf(arn);
      if (!tags) throw notFound('resource', arn);
      for (const key of keys as string[]) delete tags[key];
      return jsonResponse(200, {});
    },
  },
  {
    method: 'POST',
    template: '/listTagsForResource',
    operation: 'ListTagsForResource',
    handler: (request, store) => {
      const input = readJsonBody(request);
      const arn = requireString(input, 'resourceARN', { min: 20, max: 1011 })!;
      const tags = store.tagsOf(arn);
      if (!tags) throw notFound('resource', arn);
      return jsonResponse(200, {
        tags: Object.entries(tags).map(([key, value]) => ({ key, value })),
      });
    },
  },
];

/** The Bedrock control plane (restJson1, signing name `bedrock`): Custom Model Import and tagging. */
export function createBedrockService(): EmulatorService {
  return {
    name: 'bedrock',
    signingName: 'bedrock',
    resolve(request, context) {
      const match = matchRestRoute(routes, request);
      if (!match) return undefined;
      return {
        operation: match.route.operation,
        run: () =>
          match.route.handler(
            request,
            new BedrockStore(context, request.accountId, request.region),
            match.params,
            context,
          ),
      };
    },
    renderError: error => renderRestJsonError(error),
    throttlingError: bedrockThrottlingError,
    serverError: bedrockServerError,
  };
}
