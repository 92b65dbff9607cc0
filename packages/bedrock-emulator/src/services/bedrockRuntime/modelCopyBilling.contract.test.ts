import { InvokeModelCommand } from '@aws-sdk/client-bedrock-runtime';
import {
  CloudWatchClient,
  GetMetricDataCommand,
  ListMetricsCommand,
} from '@aws-sdk/client-cloudwatch';
import { llama31_8bArtifacts } from '../../seed/artifactSets';
import { EmulatorTestKit } from '../../__testUtils__/emulatorTestKit';

const body = new TextEncoder().encode(JSON.stringify({ prompt: 'ping' }));
const MINUTE = 60_000;

describe('model copies and their billing windows in CloudWatch', () => {
  let kit: EmulatorTestKit;
  afterEach(() => kit.close());

  /** ModelCopy per 5-minute window (Sum: the copies billed in it) over the emulator's last hours. */
  async function modelCopyWindows(modelId: string): Promise<number[]> {
    const cloudWatch = new CloudWatchClient(kit.clientConfig());
    const now = kit.emulator.context.clock.now();
    const out = await cloudWatch.send(
      new GetMetricDataCommand({
        StartTime: new Date(now - 6 * 60 * MINUTE),
        EndTime: new Date(now + MINUTE),
        ScanBy: 'TimestampAscending',
        MetricDataQueries: [
          {
            Id: 'copies',
            MetricStat: {
              Metric: {
                Namespace: 'AWS/Bedrock',
                MetricName: 'ModelCopy',
                Dimensions: [{ Name: 'ModelId', Value: modelId }],
              },
              Period: 300,
              Stat: 'Sum',
            },
          },
        ],
      }),
    );
    return out.MetricDataResults?.[0].Values ?? [];
  }

  it('reports ModelCopy for every 5-minute window a copy is loaded, called or not, until it is evicted', async () => {
    kit = await EmulatorTestKit.start({
      importJobSeconds: 0,
      coldStartRestoreSeconds: 0,
      coldStartRestorePerCmuSeconds: 0,
      coldStartIdleSeconds: 3600,
    });
    const modelId = await kit.importModel('small', llama31_8bArtifacts());
    await kit.runtime().send(new InvokeModelCommand({ modelId, body }));

    // Half an hour without a call: the windows starting at the call and every 5 minutes after.
    await kit.advance(30 * 60);
    expect(await modelCopyWindows(modelId)).toEqual(Array(7).fill(1));

    // Evicted an hour after its last use (the call's end, a moment after its start): windows
    // starting up to then, 13 in all, and none after.
    await kit.advance(2 * 3600);
    expect(await modelCopyWindows(modelId)).toEqual(Array(13).fill(1));

    const listed = await new CloudWatchClient(kit.clientConfig()).send(
      new ListMetricsCommand({
        Namespace: 'AWS/Bedrock',
        MetricName: 'ModelCopy',
      }),
    );
    expect(listed.Metrics?.map(m => m.Dimensions)).toEqual([
      [{ Name: 'ModelId', Value: modelId }],
    ]);
  });

  it('brings up a second copy when more calls are in flight than one copy serves; it is billed until it idles out', async () => {
    kit = await EmulatorTestKit.start({
      importJobSeconds: 0,
      coldStartRestoreSeconds: 60,
      coldStartRestorePerCmuSeconds: 0,
      coldStartHoldSeconds: 300,
      coldStartIdleSeconds: 3600,
      requestsPerCopy: 1,
    });
    const modelId = await kit.importModel('busy', llama31_8bArtifacts());
    // Three calls to the cold model are held together: when the first copy is up, three calls are
    // in flight for one copy serving one, so a second copy starts restoring.
    const calls = [1, 2, 3].map(() =>
      kit.runtime().send(new InvokeModelCommand({ modelId, body })),
    );
    await kit.untilWaiting(3);
    await kit.advance(60);
    await Promise.all(calls);

    // The second copy is up 60 s later and serves nothing: it idles out an hour after its load.
    await kit.advance(60);
    await kit.advance(3 * 3600);
    const windows = await modelCopyWindows(modelId);
    expect(Math.max(...windows)).toBe(2);
    // 13 windows of the first copy (an hour after its calls ended) and 12 of the second (an hour
    // after its load, to the millisecond).
    expect(windows.reduce((a, b) => a + b, 0)).toBe(13 + 12);
  });
});
