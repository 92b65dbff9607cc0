import {
  InvokeModelCommand,
  ModelNotReadyException,
} from '@aws-sdk/client-bedrock-runtime';
import {
  CloudWatchClient,
  GetMetricDataCommand,
} from '@aws-sdk/client-cloudwatch';
import { llama31_8bArtifacts } from '../../seed/artifactSets';
import { EmulatorTestKit } from '../../__testUtils__/emulatorTestKit';

const encode = (body: unknown) =>
  new TextEncoder().encode(JSON.stringify(body));

describe('runtime error metrics in CloudWatch (AWS/Bedrock, dimension ModelId)', () => {
  let kit: EmulatorTestKit;
  afterEach(() => kit.close());

  async function sums(modelId: string, names: string[]) {
    const now = kit.emulator.context.clock.now();
    const out = await new CloudWatchClient(kit.clientConfig()).send(
      new GetMetricDataCommand({
        StartTime: new Date(now - 3600_000),
        EndTime: new Date(now + 60_000),
        MetricDataQueries: names.map((name, i) => ({
          Id: `m${i}`,
          MetricStat: {
            Metric: {
              Namespace: 'AWS/Bedrock',
              MetricName: name,
              Dimensions: [{ Name: 'ModelId', Value: modelId }],
            },
            Period: 3600,
            Stat: 'Sum',
          },
        })),
      }),
    );
    return Object.fromEntries(
      names.map((name, i) => [
        name,
        (out.MetricDataResults?.[i].Values ?? []).reduce((a, b) => a + b, 0),
      ]),
    );
  }

  it('counts throttles, client errors and server errors, injected or not; they are not Invocations', async () => {
    kit = await EmulatorTestKit.start({
      importJobSeconds: 0,
      coldStartRestoreSeconds: 0,
      coldStartRestorePerCmuSeconds: 0,
      timeScale: 100,
    });
    const modelId = await kit.importModel('model', llama31_8bArtifacts());
    const runtime = kit.runtime();
    const invoke = (body: unknown) =>
      runtime
        .send(new InvokeModelCommand({ modelId, body: encode(body) }))
        .catch(e => e);

    await invoke({ prompt: 'fine' });
    await invoke({ text: 'no prompt' });
    await kit.setFaults([{ service: 'bedrock-runtime', throttleRate: 1 }]);
    await invoke({ prompt: 'throttled' });
    await kit.setFaults([{ service: 'bedrock-runtime', errorRate: 1 }]);
    await invoke({ prompt: 'server error' });
    await kit.setFaults([{ service: 'bedrock-runtime', modelTimeoutRate: 1 }]);
    await invoke({ prompt: 'timed out' });
    await kit.setFaults([]);

    expect(
      await sums(modelId, [
        'Invocations',
        'InvocationThrottles',
        'InvocationClientErrors',
        'InvocationServerErrors',
      ]),
    ).toEqual({
      Invocations: 1,
      InvocationThrottles: 1,
      InvocationClientErrors: 2,
      InvocationServerErrors: 1,
    });
  });

  it('counts ModelNotReadyException as a throttle (unverified: AWS does not say where it counts)', async () => {
    kit = await EmulatorTestKit.start({
      importJobSeconds: 0,
      coldStartRestoreSeconds: 60,
      coldStartHoldSeconds: 0,
    });
    const modelId = await kit.importModel('model', llama31_8bArtifacts());
    const error = await kit
      .runtime()
      .send(new InvokeModelCommand({ modelId, body: encode({ prompt: 'x' }) }))
      .catch(e => e);
    expect(error).toBeInstanceOf(ModelNotReadyException);
    expect(await sums(modelId, ['InvocationThrottles'])).toEqual({
      InvocationThrottles: 1,
    });
  });
});
