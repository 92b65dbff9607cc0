import { LoggerService } from '@backstage/backend-plugin-api';
import { ColdStart } from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { ColdStartStore } from '../database/ColdStartStore';

/** A call to a model, as the caller saw it. */
export type ModelCall = {
  modelName: string;
  version: number;
  accountId: string;
  region: string;
  /** The pointer a heartbeat was for. */
  alias?: string;
  source: ColdStart['source'];
  startedAt: Date;
  /** How long until it was served, or until the caller gave up. */
  waitedMs: number;
  /** AWS answered ModelNotReadyException on the way (the SDK may have retried it). */
  metNotReady: boolean;
  served: boolean;
};

/**
 * Records the calls that met a cold copy: every one that met ModelNotReadyException, and every one served
 * only after waiting at least the threshold (a held call: AWS holds a call to an evicted model while a
 * copy restores). Warm-ups, heartbeats and evaluations report their calls here.
 */
export class ColdStartRecorder {
  constructor(
    private readonly deps: {
      coldStarts: ColdStartStore;
      /** `bedrockModels.keepWarm.coldStartThresholdSeconds`, in milliseconds. */
      thresholdMs: number;
      logger: LoggerService;
    },
  ) {}

  /** Whether a call met a cold copy. */
  isCold(call: Pick<ModelCall, 'waitedMs' | 'metNotReady'>): boolean {
    return call.metNotReady || call.waitedMs >= this.deps.thresholdMs;
  }

  /** Records the call when it met a cold copy; never fails the caller. Answers whether it did. */
  async recordIfCold(call: ModelCall): Promise<boolean> {
    if (!this.isCold(call)) return false;
    try {
      await this.deps.coldStarts.record({
        at: call.startedAt.toISOString(),
        modelName: call.modelName,
        version: call.version,
        accountId: call.accountId,
        region: call.region,
        ...(call.alias ? { alias: call.alias } : {}),
        source: call.source,
        waitedMs: Math.round(call.waitedMs),
        served: call.served,
      });
    } catch (error) {
      this.deps.logger.warn(
        `Could not record a cold start of ${call.modelName} v${call.version}: ${error}`,
      );
    }
    return true;
  }
}
