import { scaledMs } from '../../core/EmulatorOptions';
import { EmulatorContext } from '../../core/EmulatorService';
import { incrementGauge } from '../../core/metricsStore';
import { BedrockStore } from '../bedrock/BedrockStore';
import { BILLING_WINDOW_MS, settleCopies } from './modelCopies';
import { modelRuntimes } from './runtimeState';

/**
 * Brings the copies of an account's and Region's imported models up to now and reports each
 * billing window a copy started as `ModelCopy` (namespace AWS/Bedrock, dimension ModelId): one data
 * point per 5-minute window (aligned to the epoch, as CloudWatch's periods are) whose value is the
 * copies billed in it, idle or not, until each copy is evicted. The runtime calls this before
 * deciding a call; CloudWatch before it reads, so idle windows appear without any call.
 */
export function settleModelCopies(
  context: EmulatorContext,
  accountId: string,
  region: string,
  onlyModelArn?: string,
): void {
  const now = context.clock.now();
  const idleMs = scaledMs(
    context.options,
    context.options.coldStartIdleSeconds,
  );
  const runtimes = modelRuntimes(context, accountId, region);
  const store = new BedrockStore(context, accountId, region);
  for (const [modelArn, runtime] of Object.entries(runtimes)) {
    if (onlyModelArn !== undefined && modelArn !== onlyModelArn) continue;
    settleCopies(runtime, now, idleMs, windowStart =>
      incrementGauge(context, {
        accountId,
        region,
        namespace: 'AWS/Bedrock',
        metricName: 'ModelCopy',
        dimensions: { ModelId: modelArn },
        timestampMs:
          Math.floor(windowStart / BILLING_WINDOW_MS) * BILLING_WINDOW_MS,
        by: 1,
      }),
    );
    // A deleted model's copies go with it, after the windows they were billed for.
    if (!store.findModel(modelArn)) delete runtimes[modelArn];
  }
}
