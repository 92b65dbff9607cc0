import {
  GetMetricDataCommand,
  GetMetricDataCommandOutput,
  MetricDataQuery,
} from '@aws-sdk/client-cloudwatch';
import { AwsClients } from './AwsClients';
import { AwsTarget } from './BedrockImportApi';

/** One data point: the copies running in the 5-minute window starting at `at` (the most seen in it). */
export type CopySample = { at: Date; copies: number };

/** Invocations in the hour starting at `at` (hours without any have no point). */
export type InvocationSample = { at: Date; count: number };

/** What callers did with one imported model: copies per 5-minute window and invocations per hour. */
export type ModelUsage = {
  copies: CopySample[];
  invocations: InvocationSample[];
};

/** GetMetricData limits: 500 queries and 100,800 data points per call. */
const MAX_QUERIES = 500;
const MAX_DATAPOINTS = 100_800;
/** Billing windows are 5 minutes; invocations are counted per hour, enough to say when a model was last called. */
const COPY_PERIOD_SECONDS = 300;
const INVOCATION_PERIOD_SECONDS = 3600;

/**
 * Reads CloudWatch `AWS/Bedrock` per imported model: `ModelCopy` (copies running) per 5-minute window
 * and, with `usage`, `Invocations` per hour in the same calls (CloudWatch keeps 5-minute points for 63
 * days), batching as many models into each GetMetricData call as its limits allow.
 */
export class ModelCopyMetrics {
  constructor(private readonly clients: AwsClients) {}

  /** Copies per 5-minute window, per model. */
  async copies(
    target: AwsTarget,
    modelArns: string[],
    from: Date,
    to: Date,
  ): Promise<Map<string, CopySample[]>> {
    const usage = await this.read(target, modelArns, from, to, false);
    return new Map([...usage].map(([arn, u]) => [arn, u.copies]));
  }

  /** Copies per 5-minute window and invocations per hour, per model, in the same calls. */
  async usage(
    target: AwsTarget,
    modelArns: string[],
    from: Date,
    to: Date,
  ): Promise<Map<string, ModelUsage>> {
    return this.read(target, modelArns, from, to, true);
  }

  private async read(
    target: AwsTarget,
    modelArns: string[],
    from: Date,
    to: Date,
    withInvocations: boolean,
  ): Promise<Map<string, ModelUsage>> {
    const usage = new Map<string, ModelUsage>(
      modelArns.map(arn => [arn, { copies: [], invocations: [] }]),
    );
    if (modelArns.length === 0 || to <= from) return usage;
    const cloudWatch = await this.clients.cloudWatch(
      target.accountId,
      target.region,
    );
    const seconds = (to.getTime() - from.getTime()) / 1000;
    const pointsPerModel =
      Math.ceil(seconds / COPY_PERIOD_SECONDS) +
      (withInvocations ? Math.ceil(seconds / INVOCATION_PERIOD_SECONDS) : 0);
    const queriesPerModel = withInvocations ? 2 : 1;
    const perCall = Math.max(
      1,
      Math.min(
        Math.floor(MAX_QUERIES / queriesPerModel),
        Math.floor(MAX_DATAPOINTS / pointsPerModel),
      ),
    );
    for (let i = 0; i < modelArns.length; i += perCall) {
      const batch = modelArns.slice(i, i + perCall);
      const metric = (arn: string, name: string) => ({
        Namespace: 'AWS/Bedrock',
        MetricName: name,
        Dimensions: [{ Name: 'ModelId', Value: arn }],
      });
      // Billing windows are charged whole: read each window's Maximum and add them up. An Average over
      // longer periods would skip the idle windows that have no data point and overcharge.
      const queries: MetricDataQuery[] = batch.flatMap((arn, j) => [
        {
          Id: `c${j}`,
          MetricStat: {
            Metric: metric(arn, 'ModelCopy'),
            Period: COPY_PERIOD_SECONDS,
            Stat: 'Maximum',
          },
          ReturnData: true,
        },
        ...(withInvocations
          ? [
              {
                Id: `i${j}`,
                MetricStat: {
                  Metric: metric(arn, 'Invocations'),
                  Period: INVOCATION_PERIOD_SECONDS,
                  Stat: 'Sum',
                },
                ReturnData: true,
              },
            ]
          : []),
      ]);
      let token: string | undefined;
      do {
        const page: GetMetricDataCommandOutput = await cloudWatch.send(
          new GetMetricDataCommand({
            MetricDataQueries: queries,
            StartTime: from,
            EndTime: to,
            NextToken: token,
            ScanBy: 'TimestampAscending',
          }),
        );
        for (const result of page.MetricDataResults ?? []) {
          const id = result.Id ?? '';
          const entry = usage.get(batch[Number(id.slice(1))]);
          if (!entry) continue;
          (result.Timestamps ?? []).forEach((at, k) => {
            const value = result.Values?.[k] ?? 0;
            if (id.startsWith('c')) entry.copies.push({ at, copies: value });
            else if (value > 0) entry.invocations.push({ at, count: value });
          });
        }
        token = page.NextToken;
      } while (token);
    }
    return usage;
  }
}
