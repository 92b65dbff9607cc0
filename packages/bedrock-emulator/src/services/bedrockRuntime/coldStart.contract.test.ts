import {
  InvokeModelCommand,
  ModelNotReadyException,
} from '@aws-sdk/client-bedrock-runtime';
import { llama31_8bArtifacts } from '../../seed/artifactSets';
import { EmulatorTestKit } from '../../__testUtils__/emulatorTestKit';
import { modelRuntime } from './runtimeState';

const body = new TextEncoder().encode(JSON.stringify({ prompt: 'ping' }));

/** Llama 3.1 70B's shape: 8 CMUs a copy, where 8B has 2. */
const llama70bArtifacts = () =>
  llama31_8bArtifacts({
    hidden_size: 8192,
    intermediate_size: 28672,
    num_hidden_layers: 80,
    num_attention_heads: 64,
  });

describe('cold starts, through @aws-sdk/client-bedrock-runtime', () => {
  let kit: EmulatorTestKit;
  afterEach(() => kit.close());

  // Restoring a copy takes 60 s plus 20 s per CMU: 100 s for 8B (2 CMUs), 220 s for 70B (8 CMUs).
  const start = (options: { hold: number }) =>
    EmulatorTestKit.start({
      importJobSeconds: 0,
      coldStartRestoreSeconds: 60,
      coldStartRestorePerCmuSeconds: 20,
      coldStartHoldSeconds: options.hold,
      coldStartIdleSeconds: 3600,
    });

  it('holds the first call to a cold model while its copy restores, then serves it (no ModelNotReadyException)', async () => {
    kit = await start({ hold: 300 });
    const modelId = await kit.importModel('small', llama31_8bArtifacts());
    const call = kit.runtime().send(new InvokeModelCommand({ modelId, body }));
    await kit.untilWaiting(1);
    await kit.advance(100);
    const out = await call;
    expect(out.$metadata.attempts).toBe(1);
    const [copy] = modelRuntime(
      kit.emulator.context,
      '123456789012',
      'us-east-1',
      modelId,
    ).copies;
    expect(copy.loadedAt).toBeDefined();
  });

  it('restores bigger models slower: 8 CMUs take 220 s where 2 CMUs take 100 s (unverified figures)', async () => {
    kit = await start({ hold: 300 });
    const small = await kit.importModel('small', llama31_8bArtifacts());
    const big = await kit.importModel('big', llama70bArtifacts());
    let bigDone = false;
    const smallCall = kit
      .runtime()
      .send(new InvokeModelCommand({ modelId: small, body }));
    const bigCall = kit
      .runtime()
      .send(new InvokeModelCommand({ modelId: big, body }))
      .then(out => {
        bigDone = true;
        return out;
      });
    await kit.untilWaiting(2);
    await kit.advance(100);
    await expect(smallCall).resolves.toBeDefined();
    expect(bigDone).toBe(false);
    await kit.advance(120);
    await expect(bigCall).resolves.toBeDefined();
  });

  it('answers ModelNotReadyException when the restore outlasts the hold; a retry gets a hold of its own while the restore goes on', async () => {
    kit = await start({ hold: 60 });
    const modelId = await kit.importModel('small', llama31_8bArtifacts());
    const first = kit
      .runtime()
      .send(new InvokeModelCommand({ modelId, body }))
      .catch(e => e);
    await kit.untilWaiting(1);
    await kit.advance(60);
    const refused = await first;
    expect(refused).toBeInstanceOf(ModelNotReadyException);
    expect(refused.$metadata.httpStatusCode).toBe(429);

    // The restore started by the first call is 60 s from done: the retry waits for it, not for a
    // new 100 s restore.
    const retry = kit.runtime().send(new InvokeModelCommand({ modelId, body }));
    await kit.untilWaiting(1);
    await kit.advance(40);
    await expect(retry).resolves.toBeDefined();
  });

  it("gets through with the SDK's own retries when calls are not held (hold 0)", async () => {
    // 100 s of restore at time-scale 100 is one real second; the SDK backs off past it.
    kit = await EmulatorTestKit.start({
      importJobSeconds: 0,
      timeScale: 100,
      coldStartRestoreSeconds: 60,
      coldStartRestorePerCmuSeconds: 20,
      coldStartHoldSeconds: 0,
    });
    const modelId = await kit.importModel('small', llama31_8bArtifacts());
    const cold = await kit
      .runtime()
      .send(new InvokeModelCommand({ modelId, body }))
      .catch(e => e);
    expect(cold).toBeInstanceOf(ModelNotReadyException);
    const patient = kit.runtime('us-east-1', 'test', 10);
    const out = await patient.send(new InvokeModelCommand({ modelId, body }));
    expect(out.$metadata.attempts).toBeGreaterThan(1);
  });

  it('evicts a copy idle longer than the idle time: the next call is cold again', async () => {
    kit = await start({ hold: 0 });
    const modelId = await kit.importModel('small', llama31_8bArtifacts());
    const runtime = kit.runtime();
    await expect(
      runtime.send(new InvokeModelCommand({ modelId, body })),
    ).rejects.toBeInstanceOf(ModelNotReadyException);
    await kit.advance(100);
    await expect(
      runtime.send(new InvokeModelCommand({ modelId, body })),
    ).resolves.toBeDefined();
    await kit.advance(3599);
    await expect(
      runtime.send(new InvokeModelCommand({ modelId, body })),
    ).resolves.toBeDefined();
    await kit.advance(3601);
    await expect(
      runtime.send(new InvokeModelCommand({ modelId, body })),
    ).rejects.toBeInstanceOf(ModelNotReadyException);
  });

  it('releases a held call when the emulator closes, leaving no timer behind', async () => {
    kit = await start({ hold: 300 });
    const modelId = await kit.importModel('small', llama31_8bArtifacts());
    const held = kit
      .runtime()
      .send(new InvokeModelCommand({ modelId, body }))
      .catch(e => e);
    await kit.untilWaiting(1);
    await kit.close();
    expect(kit.emulator.context.clock.waiting).toBe(0);
    // The connection went with the emulator: the SDK reports it, it does not hang.
    expect(await held).toBeInstanceOf(Error);
    // afterEach closes again: closing twice must be harmless.
  });
});
