import { LoggerService } from '@backstage/backend-plugin-api';
import {
  BedrockModelsChangeEvent,
  ModelVersion,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { BedrockImportApi } from '../aws/BedrockImportApi';
import { awsErrorMessage, isTransientAwsError } from '../aws/awsErrorKinds';
import { RegistryConfig } from '../config/readRegistryConfig';
import {
  DatabaseImportStore,
  DueImport,
} from '../database/DatabaseImportStore';
import { nextCheckAfterFailure } from './importBackoff';
import { ImportJobStarter } from './ImportJobStarter';

/** What one pass of the tracker did. */
export type TrackerPass = {
  checked: number;
  started: number;
  ready: number;
  failed: number;
  retrying: number;
};

/** How many imports one pass looks at; the rest wait for the next pass. */
const BATCH = 50;

/**
 * Follows open import jobs to their end. Runs as a scheduled task (one runner across replicas); all
 * state is in the database, so a restart loses nothing. Each job is asked about at most once per
 * poll interval, and less often while AWS fails.
 */
export class ImportJobTracker {
  constructor(
    private readonly deps: {
      bedrock: BedrockImportApi;
      importStore: DatabaseImportStore;
      starter: ImportJobStarter;
      config: RegistryConfig;
      logger: LoggerService;
      onChange?: (event: BedrockModelsChangeEvent) => void;
      now?: () => Date;
    },
  ) {}

  private now() {
    return this.deps.now?.() ?? new Date();
  }

  /**
   * Looks at every import that is due; returns what happened. Stops between imports once `signal` is
   * aborted (the scheduler gave up on the pass), leaving the rest to the next pass.
   */
  async runOnce(signal?: AbortSignal): Promise<TrackerPass> {
    const pass: TrackerPass = {
      checked: 0,
      started: 0,
      ready: 0,
      failed: 0,
      retrying: 0,
    };
    const due = await this.deps.importStore.dueImports(this.now(), BATCH);
    for (const version of due) {
      if (signal?.aborted) break;
      pass.checked += 1;
      const after = await this.follow(version);
      if (after.status === 'ready') pass.ready += 1;
      else if (after.status === 'failed') pass.failed += 1;
      else if (after.lastCheckError) pass.retrying += 1;
      else if (!version.jobArn && after.jobArn) pass.started += 1;
      if (after.status !== version.status) {
        this.deps.onChange?.({
          kind: 'version-changed',
          modelName: after.modelName,
          version: after.number,
          status: after.status,
        });
      }
    }
    return pass;
  }

  private async follow(version: DueImport): Promise<ModelVersion> {
    const { bedrock, importStore, config, starter } = this.deps;
    if (!version.jobArn) {
      // Recorded, but CreateModelImportJob has not answered yet (AWS failed, or we restarted).
      return starter.start(
        version,
        version.clientRequestToken ?? '',
        version.checkAttempts,
      );
    }
    const target = { accountId: version.accountId, region: version.region };
    const now = this.now();
    try {
      const job = await bedrock.getImportJob(target, version.jobArn);
      if (job.status === 'InProgress') {
        return await importStore.recordProgress(
          version.modelName,
          version.number,
          {
            checkAttempts: 0,
            lastCheckError: null,
            nextCheckAt: new Date(
              now.getTime() + config.imports.pollIntervalSeconds * 1000,
            ),
          },
        );
      }
      if (job.status === 'Failed') {
        return await importStore.recordProgress(
          version.modelName,
          version.number,
          {
            status: 'failed',
            failureMessage: job.failureMessage ?? 'The import job failed.',
            nextCheckAt: null,
            lastCheckError: null,
          },
        );
      }
      // Completed: an imported model never changes, so this is the one time we read it.
      const facts = await bedrock.getImportedModel(
        target,
        job.importedModelArn ?? version.importedModelName!,
      );
      const ready = await importStore.recordProgress(
        version.modelName,
        version.number,
        {
          status: 'ready',
          importedModelArn: facts.modelArn,
          importedModelName: facts.modelName || job.importedModelName,
          architecture: facts.architecture,
          instructSupported: facts.instructSupported,
          cmusPerCopy: facts.cmusPerCopy,
          nextCheckAt: null,
          lastCheckError: null,
        },
      );
      if (config.imports.warmUp) this.startWarmUp(ready);
      return ready;
    } catch (error) {
      const message = awsErrorMessage(error);
      if (isTransientAwsError(error) || version.checkAttempts < 5) {
        // Also keeps trying a few times on a "not found": a job can be briefly invisible right after creation.
        return importStore.recordProgress(version.modelName, version.number, {
          checkAttempts: version.checkAttempts + 1,
          lastCheckError: message,
          nextCheckAt: nextCheckAfterFailure(
            now,
            version.checkAttempts + 1,
            config.imports.pollIntervalSeconds,
          ),
        });
      }
      return importStore.recordProgress(version.modelName, version.number, {
        status: 'failed',
        failureMessage: `The import job could not be followed: ${message}`,
        nextCheckAt: null,
      });
    }
  }

  /**
   * Starts the warm-up beside the pass: a cold start (minutes, with the SDK retrying ModelNotReady) must
   * not hold up the other jobs the pass follows. The version is already ready; a warm-up lost to a
   * restart only leaves its cold start unmeasured.
   */
  private startWarmUp(version: ModelVersion): void {
    // warmUp catches and logs its own failures, so nothing is left unhandled.
    void this.warmUp(version);
  }

  /** Calls the new model once and records its cold start; a failure here never fails the version. */
  private async warmUp(version: ModelVersion): Promise<void> {
    try {
      const millis = await this.deps.bedrock.warmUp(
        { accountId: version.accountId, region: version.region },
        version.importedModelArn!,
        version.instructSupported === true,
      );
      await this.deps.importStore.recordProgress(
        version.modelName,
        version.number,
        { coldStartMs: millis },
      );
    } catch (error) {
      this.deps.logger.warn(
        `Warm-up call to ${version.importedModelArn} failed: ${awsErrorMessage(
          error,
        )}`,
      );
    }
  }
}
