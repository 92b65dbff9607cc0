import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import {
  HeartbeatRecord,
  keepWarmEstimate,
  planHeartbeat,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { ModelInvoker } from '../aws/ModelInvoker';
import { RegistryConfig } from '../config/readRegistryConfig';
import {
  HeartbeatProgress,
  KeepWarmStore,
  KeepWarmTarget,
} from '../database/KeepWarmStore';
import { ColdStartRecorder } from '../service/ColdStartRecorder';
import { ErrorReporter } from '../service/ErrorReporter';
import { keepWarmTiming } from '../service/KeepWarmService';
import { RegistryChanges } from '../service/RegistryChanges';

/** The scheduled task that sends keep-warm heartbeats. */
export const KEEP_WARM_TASK_ID = 'bedrock-models:keep-warm';

/** Heartbeats sent at once: one cold copy (held up to 5 minutes) must not delay the others. */
const CONCURRENT_BEATS = 8;
/** Heartbeats are kept this long (the cold starts they met are kept for ever). */
const BEATS_KEPT_MS = 30 * 24 * 60 * 60_000;
const MINUTE = 60_000;

/** What one pass did. */
export type HeartbeatPass = {
  /** Pointers with a heartbeat due, and what each heartbeat met. */
  beats: Array<{
    modelName: string;
    alias: string;
    region: string;
    version: number;
    outcome: HeartbeatRecord['outcome'];
  }>;
};

/** The AWS error names that mean "slow down". */
const THROTTLED = new Set([
  'ThrottlingException',
  'TooManyRequestsException',
  'ServiceQuotaExceededException',
]);

/**
 * Keeps pointers warm: every minute (one runner across replicas) it reads which version each pointer
 * with a keep-warm policy names now, and sends the heartbeats due on the policy's grid, each the smallest
 * request of the model's format. A copy that is restoring (ModelNotReadyException) is tried again at the
 * next pass; throttling and other failures back off. A pointer moved since its last heartbeat warms its
 * new version at once, inside the policy's hours. Each heartbeat is recorded, with whether it met a cold
 * copy; a cold copy served is a cold start, recorded with how long it took.
 */
export class KeepWarmHeartbeat {
  private lastPrunedAt = 0;
  private windowsChecked = false;

  constructor(
    private readonly deps: {
      keepWarm: KeepWarmStore;
      invoker: ModelInvoker;
      coldStarts: ColdStartRecorder;
      config: RegistryConfig;
      logger: LoggerService;
      errors: ErrorReporter;
      now?: () => Date;
    },
  ) {}

  static async schedule(options: {
    heartbeat: KeepWarmHeartbeat;
    scheduler: SchedulerService;
    changes: RegistryChanges;
    logger: LoggerService;
  }): Promise<void> {
    const { scheduler, logger } = options;
    await scheduler.scheduleTask({
      id: KEEP_WARM_TASK_ID,
      frequency: { minutes: 1 },
      // A heartbeat to an evicted copy may be held 5 minutes before AWS answers.
      timeout: { minutes: 10 },
      scope: 'global',
      fn: signal => options.heartbeat.run({ signal }).then(() => undefined),
    });
    // A promote or rollback: the pointer names another version, which the next pass warms at once.
    options.changes.onChange(event => {
      if (event.kind === 'pointer-moved') {
        scheduler
          .triggerTask(KEEP_WARM_TASK_ID)
          .catch(error => logger.debug(`Keep-warm trigger: ${error}`));
      }
    });
  }

  private now() {
    return this.deps.now?.() ?? new Date();
  }

  /** One pass: sends every heartbeat due at `now`. */
  async run(
    options: { signal?: AbortSignal; now?: Date } = {},
  ): Promise<HeartbeatPass> {
    const now = options.now ?? this.now();
    const { keepWarm } = this.deps;
    const targets = await keepWarm.targets();
    await this.housekeeping(targets, now);
    const timing = keepWarmTiming(this.deps.config);
    const due = targets.filter(target => {
      const { version, progress, policy } = target;
      if (!version?.importedModelArn || version.status !== 'ready')
        return false;
      if (progress.retryAfter && progress.retryAfter > now) return false;
      return planHeartbeat(
        policy,
        {
          now,
          lastServedAt: progress.lastServedAt,
          changedVersion:
            progress.lastServedVersion !== undefined &&
            progress.lastServedVersion !== version.number,
        },
        timing,
      ).due;
    });
    const beats: HeartbeatPass['beats'] = [];
    let next = 0;
    const worker = async () => {
      while (next < due.length && !options.signal?.aborted) {
        const target = due[next++];
        const outcome = await this.beat(target, now);
        beats.push({
          modelName: target.modelName,
          alias: target.alias,
          region: target.region,
          version: target.version!.number,
          outcome,
        });
      }
    };
    await Promise.all(
      Array.from({ length: Math.min(CONCURRENT_BEATS, due.length) }, worker),
    );
    return { beats };
  }

  /** Sends one heartbeat and records it, with where it leaves the pointer's heartbeats. */
  private async beat(
    target: KeepWarmTarget,
    now: Date,
  ): Promise<HeartbeatRecord['outcome']> {
    const version = target.version!;
    const { progress, policy } = target;
    const started = performance.now();
    let outcome: HeartbeatRecord['outcome'] = 'served';
    let error: string | undefined;
    try {
      await this.deps.invoker.heartbeat(
        { accountId: version.accountId, region: target.region },
        version.importedModelArn!,
        version,
      );
    } catch (e) {
      const name = (e as Error).name;
      if (name === 'ModelNotReadyException') {
        // Expected while a copy restores: tried again at the next pass, no backoff.
        outcome = 'not-ready';
        error = name;
      } else {
        outcome = THROTTLED.has(name) ? 'throttled' : 'error';
        error = this.deps.errors.summarize(
          e,
          `Keep-warm heartbeat to ${target.modelName} v${version.number} (${target.alias}, ${target.region})`,
        );
      }
    }
    const latencyMs = performance.now() - started;
    const call = {
      modelName: target.modelName,
      version: version.number,
      accountId: version.accountId,
      region: target.region,
      alias: target.alias,
      source: 'heartbeat' as const,
    };
    let next: HeartbeatProgress;
    let coldCopy = outcome === 'not-ready';
    if (outcome === 'served') {
      // Served after meeting a cold copy at an earlier pass, or held long in this one: a cold start.
      const coldSince = progress.coldSince;
      coldCopy = await this.deps.coldStarts.recordIfCold({
        ...call,
        startedAt: coldSince ?? now,
        waitedMs:
          (coldSince ? now.getTime() - coldSince.getTime() : 0) + latencyMs,
        metNotReady: coldSince !== undefined,
        served: true,
      });
      next = {
        lastServedAt: now,
        lastServedVersion: version.number,
        failures: 0,
      };
    } else if (outcome === 'not-ready') {
      next = { ...progress, coldSince: progress.coldSince ?? now };
    } else {
      const failures = progress.failures + 1;
      // 1, 2, 4, 8 ... minutes, never longer than the policy's interval.
      const backoff = Math.min(
        2 ** (failures - 1),
        Math.max(1, policy.intervalMinutes),
      );
      next = {
        ...progress,
        failures,
        retryAfter: new Date(now.getTime() + backoff * MINUTE),
      };
    }
    await this.deps.keepWarm.recordBeat(
      target,
      {
        at: now.toISOString(),
        version: version.number,
        latencyMs: Math.round(latencyMs),
        outcome,
        coldCopy,
        ...(error ? { error } : {}),
      },
      next,
    );
    return outcome;
  }

  /**
   * Forgets heartbeats older than 30 days (hourly), and once per process re-prices each policy's monthly
   * windows, which depend on the eviction time and lead in configuration.
   */
  private async housekeeping(targets: KeepWarmTarget[], now: Date) {
    if (now.getTime() - this.lastPrunedAt >= 60 * MINUTE) {
      this.lastPrunedAt = now.getTime();
      await this.deps.keepWarm.pruneBeats(
        new Date(now.getTime() - BEATS_KEPT_MS),
      );
    }
    if (this.windowsChecked) return;
    this.windowsChecked = true;
    const timing = keepWarmTiming(this.deps.config);
    for (const target of targets) {
      const { windowsPerMonth } = keepWarmEstimate(target.policy, {
        from: now,
        timing,
      });
      await this.deps.keepWarm.updateWindowsPerMonth(target, windowsPerMonth);
    }
  }
}
