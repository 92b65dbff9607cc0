import { AwsError } from '../../core/AwsError';
import { scaledMs } from '../../core/EmulatorOptions';
import { EmulatorContext } from '../../core/EmulatorService';
import { ImportedModel } from '../bedrock/BedrockStore';
import {
  copyFor,
  markServed,
  ModelRuntime,
  needsAnotherCopy,
  startLoading,
} from './modelCopies';
import { settleModelCopies } from './modelCopyMetrics';
import { modelRuntime } from './runtimeState';

/** Calls in flight per model (held or being served), kept in memory: they end with the process. */
export class CallsInFlight {
  private readonly counts = new Map<string, number>();

  enter(key: string): number {
    const count = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, count);
    return count;
  }

  leave(key: string): void {
    const count = (this.counts.get(key) ?? 1) - 1;
    if (count > 0) this.counts.set(key, count);
    else this.counts.delete(key);
  }

  count(key: string): number {
    return this.counts.get(key) ?? 0;
  }
}

/** A call admitted to a loaded copy; `done` marks the copy used at the call's end and frees its place. */
export type Admission = { admittedAt: number; done(): void };

/** How long restoring one copy of this model takes: a base plus a part per CMU of a copy. */
export function restoreMsOf(
  context: EmulatorContext,
  model: ImportedModel,
): number {
  const { coldStartRestoreSeconds, coldStartRestorePerCmuSeconds } =
    context.options;
  return scaledMs(
    context.options,
    coldStartRestoreSeconds +
      coldStartRestorePerCmuSeconds * model.customModelUnitsPerModelCopy,
  );
}

function modelNotReady(): AwsError {
  return new AwsError(
    'ModelNotReadyException',
    429,
    'Model is not ready for inference. Wait and try your request again. Refer to https://docs.aws.amazon.com/bedrock/latest/userguide/invoke-imported-model.html#handle-model-not-ready-exception.',
  );
}

/**
 * Admits a call to a copy of the model. With no copy loaded, the call starts a restore (unless one
 * runs) and is held, up to the hold time, until a copy is loaded; if none is by then, it is answered
 * ModelNotReadyException. The restore goes on: a retry gets a hold of its own and is served once
 * the copy is loaded ("each retry restarts the wait"; the restore does not start over). A call that
 * finds more calls in flight than the copies serve starts loading one more copy.
 */
export async function admitCall(options: {
  context: EmulatorContext;
  inFlight: CallsInFlight;
  accountId: string;
  region: string;
  model: ImportedModel;
}): Promise<Admission> {
  const { context, inFlight, accountId, region, model } = options;
  const key = `${accountId}/${region}/${model.modelArn}`;
  const { clock } = context;
  const holdUntil =
    clock.now() +
    scaledMs(context.options, context.options.coldStartHoldSeconds);
  const { requestsPerCopy } = context.options;
  inFlight.enter(key);
  try {
    for (;;) {
      const now = clock.now();
      settleModelCopies(context, accountId, region, model.modelArn);
      // Read each time: the state may have been replaced (DELETE /_emulator/state) while held.
      const runtime: ModelRuntime = modelRuntime(
        context,
        accountId,
        region,
        model.modelArn,
      );
      if (runtime.copies.length > 0) {
        const calls = inFlight.count(key);
        const copy = copyFor(runtime, calls - 1, requestsPerCopy);
        markServed(copy, now);
        if (needsAnotherCopy(runtime, calls, requestsPerCopy)) {
          startLoading(runtime, now, restoreMsOf(context, model));
        }
        return {
          admittedAt: now,
          done: () => {
            const current = modelRuntime(
              context,
              accountId,
              region,
              model.modelArn,
            );
            const used = current.copies.find(c => c.id === copy.id);
            if (used) markServed(used, clock.now());
            inFlight.leave(key);
          },
        };
      }
      if (!runtime.loading) {
        startLoading(runtime, now, restoreMsOf(context, model));
        if (runtime.loading!.readyAt <= now) continue;
      }
      if (now >= holdUntil) throw modelNotReady();
      const reached = await clock.sleepUntil(
        Math.min(runtime.loading!.readyAt, holdUntil),
      );
      if (!reached) {
        throw new AwsError(
          'ServiceUnavailableException',
          503,
          'The bedrock-emulator is shutting down.',
        );
      }
    }
  } catch (error) {
    inFlight.leave(key);
    throw error;
  }
}
