import { AwsError, validationError } from '../../core/AwsError';
import { appliedQuotaValue } from '../../core/bedrockQuotas';
import {
  EmulatorRequest,
  EmulatorResponse,
  jsonResponse,
} from '../../core/EmulatorRequest';
import { EmulatorContext } from '../../core/EmulatorService';
import { readJsonBody } from '../../protocols/restJson';
import {
  IDEMPOTENCY_TOKEN,
  IMPORTED_MODEL_NAME,
  JOB_NAME,
  KMS_KEY_ID,
  ROLE_ARN,
  S3_URI,
} from './bedrockPatterns';
import { BedrockStore, fingerprintOf, ImportJob } from './BedrockStore';
import { IMPORT_REGIONS } from './importRules';
import { readTags, requireString } from './inputValidation';
import { resolveKmsKeyArn } from './kmsKeyArn';

const QUOTA_IMPORTED_MODELS = 'L-45B04988';
const QUOTA_CONCURRENT_JOBS = 'L-5F098EFA';

/**
 * CreateModelImportJob: checks the input as the service model says, answers an idempotent retry
 * (same clientRequestToken, same input) with the job it created, then refuses a used job name, a
 * used model name and the quotas, and starts the job.
 */
export function createModelImportJob(
  request: EmulatorRequest,
  store: BedrockStore,
  context: EmulatorContext,
): EmulatorResponse {
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
    pattern: JOB_NAME,
  })!;
  const importedModelName = requireString(input, 'importedModelName', {
    min: 1,
    max: 63,
    pattern: IMPORTED_MODEL_NAME,
  })!;
  const roleArn = requireString(input, 'roleArn', {
    min: 0,
    max: 2048,
    pattern: ROLE_ARN,
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
    pattern: S3_URI,
    path: 'modelDataSource.s3DataSource.s3Uri',
  })!;
  const jobTags = readTags(input, 'jobTags');
  const importedModelTags = readTags(input, 'importedModelTags');
  const clientRequestToken = requireString(input, 'clientRequestToken', {
    min: 1,
    max: 256,
    pattern: IDEMPOTENCY_TOKEN,
    required: false,
  });
  const importedModelKmsKeyId = requireString(input, 'importedModelKmsKeyId', {
    min: 1,
    max: 2048,
    pattern: KMS_KEY_ID,
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

  // A retry with the same token comes first: its job has taken the name, and the retry must still
  // get that job back rather than "name in use".
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
  // Job names stay taken forever (there is no DeleteModelImportJob); AWS answers a used one with
  // this ValidationException (seen in aws/sagemaker-python-sdk#6076), not a ConflictException.
  if (jobs.some(j => j.jobName === jobName)) {
    throw validationError('The provided job name is currently in use.');
  }
  const models = store.models();
  // Unverified: AWS does not document the answer for a used imported-model name.
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
    importedModelKmsKeyArn:
      importedModelKmsKeyId === undefined
        ? undefined
        : resolveKmsKeyArn(importedModelKmsKeyId, store),
  });
  return jsonResponse(201, { jobArn: job.jobArn });
}
