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
        ],
      }),
    );
    const [copies, calls] = out.MetricDataResults!;
    // Version 2 has served for 12 days: roughly 10 busy hours a weekday, 12 windows an hour.
    expect(copies.Values!.length).toBeGreaterThan(500);
    expect(Math.max(...copies.Values!)).toBeLessThanOrEqual(2);
    expect(calls.Values!.reduce((a, b) => a + b, 0)).toBeGreaterThan(10_000);
  });
});
