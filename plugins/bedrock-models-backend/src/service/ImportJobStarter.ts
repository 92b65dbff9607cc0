import { LoggerService } from '@backstage/backend-plugin-api';
import {
  BEDROCK_MODELS_ANNOTATION_PREFIX,
  ModelVersion,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { BedrockImportApi } from '../aws/BedrockImportApi';
import {
  awsErrorAdvice,
  isJobNameInUse,
  isTransientAwsError,
} from '../aws/awsErrorKinds';
import { RegistryConfig } from '../config/readRegistryConfig';
import { ImportStore } from '../database/ImportStore';
import { ModelStore } from '../database/ModelStore';
import { nextCheckAfterFailure } from '../workers/importBackoff';
import { ErrorReporter } from './ErrorReporter';

/** Start attempts before an import is given up (with backoff capped at 10 minutes: over an hour). */
const MAX_START_ATTEMPTS = 12;

/** The value of the `managed-by` tag on everything the portal imports. */
export const MANAGED_BY_PORTAL = 'bedrock-models-portal';

/** Tag keys the portal writes on jobs and imported models (discovery reads them back). */
export const PORTAL_TAG_KEYS = {
  model: `${BEDROCK_MODELS_ANNOTATION_PREFIX}/model`,
  version: `${BEDROCK_MODELS_ANNOTATION_PREFIX}/version`,
  owner: `${BEDROCK_MODELS_ANNOTATION_PREFIX}/owner`,
  classification: `${BEDROCK_MODELS_ANNOTATION_PREFIX}/classification`,
  managedBy: `${BEDROCK_MODELS_ANNOTATION_PREFIX}/managed-by`,
} as const;

/**
 * Starts the import job of a recorded version: CreateModelImportJob with the version's stored names
 * and idempotency token, so a retry after any failure (or a restart) gets the same job, never a second.
 */
export class ImportJobStarter {
  constructor(
    private readonly deps: {
      bedrock: BedrockImportApi;
      models: ModelStore;
      imports: ImportStore;
      errors: ErrorReporter;
      config: RegistryConfig;
      logger: LoggerService;
      now?: () => Date;
    },
  ) {}

  /** Tries to start the job; records the job ARN, a failure, or when to try again. */
  async start(
    version: ModelVersion,
    clientRequestToken: string,
    attempts: number,
  ): Promise<ModelVersion> {
    const { bedrock, models, imports: importStore, config } = this.deps;
    const now = this.deps.now?.() ?? new Date();
    const model = await models.getModel(version.modelName);
    const account = config.accounts.find(
      a => a.accountId === version.accountId,
    );
    if (!model || !account?.importRoleArn) {
      return importStore.recordProgress(version.modelName, version.number, {
        status: 'failed',
        failureMessage: !model
          ? `Model ${version.modelName} is missing from the registry.`
          : `Account ${version.accountId} has no importRoleArn in bedrockModels.accounts; ask the portal admins to set it.`,
        nextCheckAt: null,
      });
    }
    try {
      const jobArn = await bedrock.createImportJob(
        { accountId: version.accountId, region: version.region },
        {
          jobName: version.jobName!,
          importedModelName:
            version.importedModelName ??
            `${version.modelName}-v${version.number}`,
          roleArn: account.importRoleArn,
          s3Uri: version.s3Uri,
          clientRequestToken,
          tags: {
            [PORTAL_TAG_KEYS.model]: version.modelName,
            [PORTAL_TAG_KEYS.version]: String(version.number),
            [PORTAL_TAG_KEYS.owner]: model.owner,
            [PORTAL_TAG_KEYS.classification]: model.classification,
            [PORTAL_TAG_KEYS.managedBy]: MANAGED_BY_PORTAL,
          },
        },
      );
      return await importStore.recordProgress(
        version.modelName,
        version.number,
        {
          jobArn,
          checkAttempts: 0,
          lastCheckError: null,
          nextCheckAt: new Date(
            now.getTime() + config.imports.pollIntervalSeconds * 1000,
          ),
        },
      );
    } catch (error) {
      const message = this.deps.errors.summarize(
        error,
        `CreateModelImportJob of ${version.modelName} v${version.number}`,
      );
      if (isJobNameInUse(error)) {
        // The job name carries the request's key hash: a job of that name is this import's own
        // (started by an attempt whose answer was lost, or with tags that changed since).
        const existing = await bedrock
          .getImportJob(
            { accountId: version.accountId, region: version.region },
            version.jobName!,
          )
          .catch(() => undefined);
        if (existing?.jobArn) {
          return importStore.recordProgress(
            version.modelName,
            version.number,
            { jobArn: existing.jobArn, checkAttempts: 0, lastCheckError: null },
            { onlyIfNotStarted: true },
          );
        }
      }
      if (isTransientAwsError(error) && attempts + 1 < MAX_START_ATTEMPTS) {
        this.deps.logger.warn(
          `Import job of ${version.modelName} v${version.number} not started yet: ${message}`,
        );
        return importStore.recordProgress(
          version.modelName,
          version.number,
          {
            checkAttempts: attempts + 1,
            lastCheckError: message,
            nextCheckAt: nextCheckAfterFailure(
              now,
              attempts + 1,
              config.imports.pollIntervalSeconds,
            ),
          },
          { onlyIfNotStarted: true },
        );
      }
      return importStore.recordProgress(
        version.modelName,
        version.number,
        {
          status: 'failed',
          failureMessage: isTransientAwsError(error)
            ? `Bedrock did not start the import job after ${MAX_START_ATTEMPTS} attempts; the last answer was ${message}. Import again when it can (a full imported-models quota needs a retired version or a quota increase).`
            : `Bedrock refused the import job: ${awsErrorAdvice(
                error,
                'CreateModelImportJob',
              )} (${message}).`,
          nextCheckAt: null,
          lastCheckError: null,
        },
        // Another attempt may have started the job meanwhile: then that outcome stands.
        { onlyIfNotStarted: true },
      );
    }
  }
}
