import {
  GetImportedModelCommand,
  ListImportedModelsCommand,
  ListModelImportJobsCommand,
  ListTagsForResourceCommand,
} from '@aws-sdk/client-bedrock';
import {
  CloudWatchClient,
  GetMetricDataCommand,
} from '@aws-sdk/client-cloudwatch';
import { EmulatorTestKit } from '../__testUtils__/emulatorTestKit';

describe('the demo seed', () => {
  let kit: EmulatorTestKit;
  beforeAll(async () => {
    kit = await EmulatorTestKit.start({ seed: 'demo' });
  });
  afterAll(() => kit.close());

  it('has imported models in three Regions, one of them not tagged by the portal', async () => {
    const names = async (region: string) =>
      (
        (
          await kit
            .bedrock(region)
            .send(new ListImportedModelsCommand({ sortOrder: 'Ascending' }))
        ).modelSummaries ?? []
      ).map(m => m.modelName);
    expect(await names('us-east-1')).toEqual([
      'support-summarizer-v1',
      'support-summarizer-v2',
    ]);
    expect(await names('eu-central-1')).toEqual([
      'support-summarizer-v1',
      'claims-triage-v1',
    ]);
    expect(await names('us-west-2')).toEqual(['legacy-faq-bot']);

    const legacy = await kit
      .bedrock('us-west-2')
      .send(new GetImportedModelCommand({ modelIdentifier: 'legacy-faq-bot' }));
    expect(
      (
        await kit
          .bedrock('us-west-2')
          .send(
            new ListTagsForResourceCommand({ resourceARN: legacy.modelArn }),
          )
      ).tags,
    ).toEqual([]);
    const v2 = await kit.bedrock().send(
      new GetImportedModelCommand({
        modelIdentifier: 'support-summarizer-v2',
      }),
    );
    const tags = (
      await kit
        .bedrock()
        .send(new ListTagsForResourceCommand({ resourceARN: v2.modelArn }))
    ).tags;
    expect(tags).toEqual(
      expect.arrayContaining([
        { key: 'bedrock-models.io/model', value: 'support-summarizer' },
        { key: 'bedrock-models.io/version', value: '2' },
      ]),
    );
  });

  it('has a failed import of the broken artifact set', async () => {
    const failed = await kit
      .bedrock()
      .send(new ListModelImportJobsCommand({ statusEquals: 'Failed' }));
    expect(failed.modelImportJobSummaries).toHaveLength(1);
    expect(failed.modelImportJobSummaries![0].jobName).toBe(
      'contract-classifier-v1-us-east-1-import',
    );
  });

  it('has a month of model copies and invocations in CloudWatch', async () => {
    const model = await kit.bedrock().send(
      new GetImportedModelCommand({
        modelIdentifier: 'support-summarizer-v2',
      }),
    );
    const cloudwatch = new CloudWatchClient(kit.clientConfig());
    const query = (id: string, metricName: string, stat: string) => ({
      Id: id,
      MetricStat: {
        Metric: {
          Namespace: 'AWS/Bedrock',
          MetricName: metricName,
          Dimensions: [{ Name: 'ModelId', Value: model.modelArn }],
        },
        Period: 300,
        Stat: stat,
      },
    });
    const out = await cloudwatch.send(
      new GetMetricDataCommand({
        StartTime: new Date(Date.now() - 30 * 24 * 3600_000),
        EndTime: new Date(),
        MetricDataQueries: [
          query('copies', 'ModelCopy', 'Maximum'),
          query('calls', 'Invocations', 'Sum'),
          query('throttles', 'InvocationThrottles', 'Sum'),
        ],
      }),
    );
    const [copies, calls, throttles] = out.MetricDataResults!;
    // Version 2 has served for 12 days: roughly 10 busy hours a weekday, 12 windows an hour.
    expect(copies.Values!.length).toBeGreaterThan(500);
    expect(Math.max(...copies.Values!)).toBe(2);
    expect(calls.Values!.reduce((a, b) => a + b, 0)).toBeGreaterThan(10_000);
    // Copies are billed while loaded, called or not: the hour after the last call of a spell
    // has ModelCopy windows without Invocations.
    const called = new Set(calls.Timestamps!.map(t => t.getTime()));
    const idleButLoaded = copies.Timestamps!.filter(
      t => !called.has(t.getTime()),
    );
    expect(idleButLoaded.length).toBeGreaterThan(0);
    expect(throttles.Values!.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
  });

  it('bills each loaded spell for an hour after its last call, and no longer', async () => {
    const model = await kit.bedrock().send(
      new GetImportedModelCommand({
        modelIdentifier: 'support-summarizer-v2',
      }),
    );
    const cloudwatch = new CloudWatchClient(kit.clientConfig());
    const end = Date.now() - 3600_000;
    const series = async (metricName: string) => {
      const out = await cloudwatch.send(
        new GetMetricDataCommand({
          StartTime: new Date(Date.now() - 12 * 24 * 3600_000),
          EndTime: new Date(end),
          ScanBy: 'TimestampAscending',
          MetricDataQueries: [
            {
              Id: 'm',
              MetricStat: {
                Metric: {
                  Namespace: 'AWS/Bedrock',
                  MetricName: metricName,
                  Dimensions: [{ Name: 'ModelId', Value: model.modelArn }],
                },
                Period: 300,
                Stat: 'Maximum',
              },
            },
          ],
        }),
      );
      return out.MetricDataResults![0].Timestamps!.map(t => t.getTime());
    };
    const calls = await series('Invocations');
    const copies = new Set(await series('ModelCopy'));
    const WINDOW = 300_000;
    // Every window within the hour after a call has a copy (for calls whose hour ends before the
    // query does: the later windows are past its end); every copy window is within the hour after a call.
    for (const call of calls.filter(c => c + 12 * WINDOW <= end)) {
      for (let k = 0; k < 12; k++) {
        expect(copies.has(call + k * WINDOW)).toBe(true);
      }
    }
    const lastCallBefore = (t: number) =>
      Math.max(...calls.filter(c => c <= t));
    for (const window of copies) {
      expect(window - lastCallBefore(window)).toBeLessThan(3600_000);
    }
  });
});
