import {
  GetMetricDataCommand,
  GetMetricDataCommandOutput,
  MetricDataQuery,
} from '@aws-sdk/client-cloudwatch';
import { AwsClients } from './AwsClients';
import { AwsTarget } from './BedrockImportApi';

/** One data point: the copies running in the 5-minute window starting at `at` (the most seen in it). */
export type CopySample = { at: Date; copies: number };

/** GetMetricData limits: 500 queries and 100,800 data points per call. */
const MAX_QUERIES = 500;
const MAX_DATAPOINTS = 100_800;

/**
 * Reads CloudWatch `AWS/Bedrock` `ModelCopy` (copies running) per imported model and 5-minute window
 * (CloudWatch keeps those for 63 days), batching as many
 * models into each GetMetricData call as its limits allow.
 */
export class ModelCopyMetrics {
  constructor(private readonly clients: AwsClients) {}

  async copies(
    target: AwsTarget,
    modelArns: string[],
    from: Date,
    to: Date,
  ): Promise<Map<string, CopySample[]>> {
    // Billing windows are 5 minutes, charged whole: read each window's Maximum and add them up. An
    // Average over longer periods would skip the idle windows that have no data point and overcharge.
    const periodSeconds = 300;
    const samples = new Map<string, CopySample[]>(
      modelArns.map(arn => [arn, []]),
    );
    if (modelArns.length === 0 || to <= from) return samples;
    const cloudWatch = await this.clients.cloudWatch(
      target.accountId,
      target.region,
    );
    const pointsPerModel = Math.ceil(
      (to.getTime() - from.getTime()) / 1000 / periodSeconds,
    );
    const perCall = Math.max(
      1,
      Math.min(MAX_QUERIES, Math.floor(MAX_DATAPOINTS / pointsPerModel)),
    );
    for (let i = 0; i < modelArns.length; i += perCall) {
      const batch = modelArns.slice(i, i + perCall);
      const queries: MetricDataQuery[] = batch.map((arn, j) => ({
        Id: `m${j}`,
        MetricStat: {
          Metric: {
            Namespace: 'AWS/Bedrock',
            MetricName: 'ModelCopy',
            Dimensions: [{ Name: 'ModelId', Value: arn }],
          },
          Period: periodSeconds,
          Stat: 'Maximum',
        },
        ReturnData: true,
      }));
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
          const arn = batch[Number(result.Id?.slice(1))];
          const list = samples.get(arn);
          if (!list) continue;
          (result.Timestamps ?? []).forEach((at, k) => {
            list.push({ at, copies: result.Values?.[k] ?? 0 });
          });
        }
        token = page.NextToken;
      } while (token);
    }
    return samples;
  }
}
