import { AwsError } from '../../core/AwsError';
import { EmulatorContext } from '../../core/EmulatorService';
import { recordMetric } from '../../core/metricsStore';

type Where = { accountId: string; region: string; modelArn: string };

function recorder(context: EmulatorContext, where: Where, timestampMs: number) {
  return (metricName: string, value: number) =>
    recordMetric(context, {
      accountId: where.accountId,
      region: where.region,
      namespace: 'AWS/Bedrock',
      metricName,
      dimensions: { ModelId: where.modelArn },
      timestampMs,
      value,
    });
}

/** Records what CloudWatch shows for one successful invocation (AWS/Bedrock, dimension ModelId). */
export function recordInvocation(
  context: EmulatorContext,
  where: Where,
  timestampMs: number,
  usage: { input: number; output: number; latencyMs: number },
): void {
  const metric = recorder(context, where, timestampMs);
  metric('Invocations', 1);
  metric('InvocationLatency', usage.latencyMs);
  metric('InputTokenCount', usage.input);
  metric('OutputTokenCount', usage.output);
}

/**
 * The runtime error metric an error counts under: 429s (ThrottlingException, and
 * ModelNotReadyException, which is also a 429: unverified) are InvocationThrottles, other 4xx
 * InvocationClientErrors, 5xx InvocationServerErrors.
 */
export function errorMetricOf(error: AwsError): string {
  if (error.status === 429) return 'InvocationThrottles';
  return error.status >= 500
    ? 'InvocationServerErrors'
    : 'InvocationClientErrors';
}

/** Records an invocation answered with an error. */
export function recordInvocationError(
  context: EmulatorContext,
  where: Where,
  error: AwsError,
): void {
  recorder(context, where, context.clock.now())(errorMetricOf(error), 1);
}
