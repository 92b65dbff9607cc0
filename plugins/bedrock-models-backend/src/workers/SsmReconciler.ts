import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { SsmParameters } from '../aws/SsmParameters';
import { PublishOutbox } from '../database/PublishOutbox';
import { ErrorReporter } from '../service/ErrorReporter';
import { RegistryNotifier } from '../service/RegistryNotifier';

/** The scheduled task that repairs drift. */
export const SSM_RECONCILER_TASK_ID = 'bedrock-models:ssm-reconciler';

/** What one reconciliation found. */
export type ReconcilePass = {
  inStep: number;
  requeued: number;
  unreadable: number;
};

/**
 * Repairs drift between the database and SSM: for every pointer, reads its parameter and, when it is
 * missing or names another ARN (someone edited it, or a write was lost), queues the write again. The
 * requeue is a compare-and-set on the revision it read, so a pointer moved while the pass ran (whose own
 * write SSM may already show) is never queued with its old value; and the publisher writes only the
 * value of a pointer's current revision in any case.
 */
export class SsmReconciler {
  constructor(
    private readonly deps: {
      outbox: PublishOutbox;
      ssm: SsmParameters;
      logger: LoggerService;
      errors: ErrorReporter;
      /** Asks the publisher to write what was requeued now. */
      retryPublishing: () => void;
      /** Tells owners and admins when a parameter had drifted. */
      notifier?: RegistryNotifier;
    },
  ) {}

  /** Schedules reconciliation (one runner across replicas). */
  static async schedule(options: {
    reconciler: SsmReconciler;
    scheduler: SchedulerService;
    logger: LoggerService;
  }): Promise<void> {
    await options.scheduler.scheduleTask({
      id: SSM_RECONCILER_TASK_ID,
      frequency: { minutes: 10 },
      initialDelay: { minutes: 1 },
      timeout: { minutes: 5 },
      scope: 'global',
      fn: async signal => {
        const pass = await options.reconciler.reconcile(signal);
        if (pass.requeued + pass.unreadable > 0) {
          options.logger.warn(`SSM reconciliation: ${JSON.stringify(pass)}`);
        }
      },
    });
  }

  /** Checks every pointer; stops between pointers once `signal` is aborted. */
  async reconcile(signal?: AbortSignal): Promise<ReconcilePass> {
    const pass: ReconcilePass = { inStep: 0, requeued: 0, unreadable: 0 };
    for (const publication of await this.deps.outbox.currentPublications()) {
      if (signal?.aborted) break;
      // A write is already on its way; the publisher will bring SSM in step.
      if (publication.pending) continue;
      const { key, accountId, parameterName } = publication;
      let current: string | undefined;
      try {
        current = await this.deps.ssm.get(
          { accountId, region: key.region },
          parameterName,
        );
      } catch (error) {
        pass.unreadable += 1;
        this.deps.errors.summarize(
          error,
          `Reconciling ${parameterName} in ${accountId}/${key.region}`,
        );
        continue;
      }
      if (current === publication.value) {
        pass.inStep += 1;
        continue;
      }
      if (await this.deps.outbox.requeueIfCurrent(publication)) {
        this.deps.logger.warn(
          `${parameterName} in ${accountId}/${key.region} is ${
            current ?? 'missing'
          }, not ${publication.value}: publishing it again`,
        );
        pass.requeued += 1;
        void this.deps.notifier?.driftRepaired({
          ...key,
          parameterName,
          found: current,
        });
      }
    }
    if (pass.requeued > 0) this.deps.retryPublishing();
    return pass;
  }
}
