import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { ModelVersion } from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { BedrockImportApi } from '../aws/BedrockImportApi';
import { isTransientAwsError } from '../aws/awsErrorKinds';
import { RegistryConfig } from '../config/readRegistryConfig';
import { DueImport, ImportStore } from '../database/ImportStore';
import { ColdStartRecorder } from '../service/ColdStartRecorder';
import { ErrorReporter } from '../service/ErrorReporter';
import { ImportJobStarter } from '../service/ImportJobStarter';
import { RegistryChanges } from '../service/RegistryChanges';
import { nextCheckAfterFailure } from './importBackoff';

/** The scheduled task that follows import jobs. */
export const IMPORT_TRACKER_TASK_ID = 'bedrock-models:import-tracker';

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
      imports: ImportStore;
      starter: ImportJobStarter;
      config: RegistryConfig;
      logger: LoggerService;
      changes: RegistryChanges;
      errors: ErrorReporter;
      /** Where the warm-up's cold start is recorded, when it met one. */
      coldStarts?: ColdStartRecorder;
      now?: () => Date;
    },
  ) {}

  /**
   * Schedules the tracker (one runner across replicas), often enough to notice due jobs promptly; each
   * job is still polled at most once per interval. A new import starts being followed at once.
   */
  static async schedule(options: {
    tracker: ImportJobTracker;
    scheduler: SchedulerService;
    config: RegistryConfig;
    logger: LoggerService;
    changes: RegistryChanges;
  }): Promise<void> {
    const { tracker, scheduler, config, logger } = options;
    await scheduler.scheduleTask({
      id: IMPORT_TRACKER_TASK_ID,
      frequency: { seconds: Math.min(10, config.imports.pollIntervalSeconds) },
      // A replica that dies in a pass holds the task until this timeout (and the scheduler's janitor,
      // every minute) frees it: keep it short, so tracking resumes within about two minutes.
      timeout: { minutes: 1 },
      scope: 'global',
      fn: async signal => {
        const pass = await tracker.runOnce(signal);
        if (pass.checked > 0)
          logger.info(`Import tracker: ${JSON.stringify(pass)}`);
      },
    });
    options.changes.onChange(event => {
      if (event.kind === 'version-changed' && event.status === 'importing') {
        scheduler
          .triggerTask(IMPORT_TRACKER_TASK_ID)
          .catch(error => logger.debug(`Tracker trigger: ${error}`));
      }
    });
  }

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
    const due = await this.deps.imports.dueImports(this.now(), BATCH);
    for (const version of due) {
      if (signal?.aborted) break;
      pass.checked += 1;
      const after = await this.follow(version);
      if (after.status === 'ready') pass.ready += 1;
      else if (after.status === 'failed') pass.failed += 1;
      else if (after.lastCheckError) pass.retrying += 1;
      else if (!version.jobArn && after.jobArn) pass.started += 1;
      if (after.status !== version.status) {
        this.deps.changes.announce({
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
    const { bedrock, imports: importStore, config, starter } = this.deps;
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
      const message = this.deps.errors.summarize(
        error,
        `Following import job of ${version.modelName} v${version.number}`,
      );
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
    const startedAt = new Date();
    const call = {
      modelName: version.modelName,
      version: version.number,
      accountId: version.accountId,
      region: version.region,
      source: 'warm-up' as const,
      startedAt,
    };
    try {
      const millis = await this.deps.bedrock.warmUp(
        { accountId: version.accountId, region: version.region },
        version.importedModelArn!,
        version.instructSupported === true,
      );
      await this.deps.imports.recordProgress(
        version.modelName,
        version.number,
        { coldStartMs: millis },
      );
      await this.deps.coldStarts?.recordIfCold({
        ...call,
        waitedMs: millis,
        metNotReady: false,
        served: true,
      });
    } catch (error) {
      if ((error as Error).name === 'ModelNotReadyException') {
        await this.deps.coldStarts?.recordIfCold({
          ...call,
          waitedMs: Date.now() - startedAt.getTime(),
          metNotReady: true,
          served: false,
        });
      }
      this.deps.logger.warn(
        `Warm-up call to ${
          version.importedModelArn
        } failed: ${this.deps.errors.summarize(error, 'Warm-up call')}`,
      );
    }
  }
}
