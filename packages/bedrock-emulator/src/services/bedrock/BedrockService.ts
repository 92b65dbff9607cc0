import { AwsError, validationError } from '../../core/AwsError';
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
import { BedrockStore, ImportJob, ImportedModel } from './BedrockStore';
import {
  IMPORTED_MODEL_NAME,
  JOB_IDENTIFIER,
  JOB_NAME,
  MODEL_IDENTIFIER,
  ModelPattern,
  TAGGABLE_ARN,
} from './bedrockPatterns';
import { createModelImportJob } from './createModelImportJob';
import { checkString, readTags, requireString } from './inputValidation';
import {
  decodeBedrockPageToken,
  encodeBedrockPageToken,
  readMaxResults,
} from './pageToken';
import {
  bedrockAccessDeniedError,
  bedrockServerError,
  bedrockThrottlingError,
  roleNotAssumableError,
} from './bedrockErrors';

type Handler = (
  request: EmulatorRequest,
  store: BedrockStore,
  params: Record<string, string>,
  context: EmulatorContext,
) => EmulatorResponse;

/** The CMU version GetImportedModel reports (CustomModelUnitsVersion: `v\d+.\d+`). */
const CUSTOM_MODEL_UNITS_VERSION = 'v1.0';

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
    importedModelKmsKeyArn: job.importedModelKmsKeyArn,
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
      customModelUnitsVersion: CUSTOM_MODEL_UNITS_VERSION,
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

/** A path identifier or query value checked against its service-model pattern and length. */
function checked(
  value: string,
  member: string,
  pattern: ModelPattern,
  length: { min: number; max: number },
): string {
  return checkString(value, member, { ...length, pattern });
}

/** `nameContains`, when given, checked as the name it filters by. */
function nameContains(
  request: EmulatorRequest,
  pattern: ModelPattern,
): string | null {
  const value = request.query.get('nameContains');
  return value === null
    ? null
    : checked(value, 'nameContains', pattern, { min: 1, max: 63 });
}

/** `resourceARN` of the tagging operations. */
function resourceArn(input: Record<string, unknown>): string {
  return requireString(input, 'resourceARN', {
    min: 20,
    max: 1011,
    pattern: TAGGABLE_ARN,
  })!;
}

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
    handler: (request, store, _params, context) =>
      createModelImportJob(request, store, context),
  },
  {
    method: 'GET',
    template: '/model-import-jobs/{jobIdentifier}',
    operation: 'GetModelImportJob',
    handler: (_r, store, { jobIdentifier }) => {
      checked(jobIdentifier, 'jobIdentifier', JOB_IDENTIFIER, {
        min: 0,
        max: 1011,
      });
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
      const contains = nameContains(request, JOB_NAME);
      const { page, nextToken } = listPage(
        request,
        store.jobs(),
        j =>
          (status === null || j.status === status) &&
          (contains === null || j.jobName.includes(contains)),
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
      checked(modelIdentifier, 'modelIdentifier', MODEL_IDENTIFIER, {
        min: 1,
        max: 1011,
      });
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
      const contains = nameContains(request, IMPORTED_MODEL_NAME);
      const { page, nextToken } = listPage(
        request,
        store.models(),
        m => contains === null || m.modelName.includes(contains),
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
      checked(modelIdentifier, 'modelIdentifier', MODEL_IDENTIFIER, {
        min: 1,
        max: 1011,
      });
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
      const arn = resourceArn(input);
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
      const arn = resourceArn(input);
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
      const arn = resourceArn(input);
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
    accessDeniedError: (request, operation) =>
      bedrockAccessDeniedError(request, `bedrock:${operation}`),
    namedFaultError: (fault, request) =>
      fault === 'roleNotAssumable' ? roleNotAssumableError(request) : undefined,
  };
}
