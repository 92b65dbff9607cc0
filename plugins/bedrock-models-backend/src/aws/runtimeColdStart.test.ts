import {
  BedrockClient,
  ListImportedModelsCommand,
} from '@aws-sdk/client-bedrock';
import {
  RunningEmulator,
  seedImportedModels,
  startEmulator,
} from '@bedrock-portal/bedrock-emulator';
import { memoryDb } from '../__testUtils__/registryFixtures';
import { registryParts } from '../__testUtils__/registryParts';
import { emulatorSdk } from '../__testUtils__/emulatorSdk';
import { RUNTIME_MAX_ATTEMPTS } from './AwsClients';

jest.setTimeout(60_000);

/**
 * The runtime client against cold starts as AWS describes them: a call to an evicted model is held
 * while its copy restores, then answered, or refused with ModelNotReadyException when the hold runs
 * out; each retry waits again. Emulated seconds run 100 times faster here.
 */
describe('the runtime client meets cold starts', () => {
  let emulator: RunningEmulator;
  afterEach(() => emulator.close());

  async function warmUpFirstModel(options: {
    restoreSeconds: number;
    holdSeconds: number;
  }) {
    emulator = await startEmulator({
      port: 0,
      timeScale: 100,
      coldStartRestoreSeconds: options.restoreSeconds,
      coldStartRestorePerCmuSeconds: 0,
      coldStartHoldSeconds: options.holdSeconds,
    });
    seedImportedModels(emulator, { count: 1, regions: ['us-east-1'] });
    const { modelSummaries } = await emulatorSdk(BedrockClient, emulator).send(
      new ListImportedModelsCommand({}),
    );
    const { aws } = registryParts(memoryDb(), { endpoint: emulator.endpoint });
    return aws.bedrock.warmUp(
      { accountId: emulator.options.defaultAccountId, region: 'us-east-1' },
      modelSummaries![0].modelArn!,
      false,
    );
  }

  it('is held through a restore shorter than the hold, and answers', async () => {
    // A 2-minute restore within AWS's 5-minute hold: the first call waits and is served.
    await expect(
      warmUpFirstModel({ restoreSeconds: 120, holdSeconds: 300 }),
    ).resolves.toEqual(expect.any(Number));
  });

  it('retries a ModelNotReadyException, whose retry waits for the same restore, and answers', async () => {
    // The hold runs out once (1.5 min of a 2.5-minute restore); the retry is served.
    await expect(
      warmUpFirstModel({ restoreSeconds: 150, holdSeconds: 90 }),
    ).resolves.toEqual(expect.any(Number));
  });

  it(`gives up after ${RUNTIME_MAX_ATTEMPTS} attempts when the restore outlasts every hold, instead of waiting for ever`, async () => {
    const failed = warmUpFirstModel({ restoreSeconds: 3_000, holdSeconds: 60 });
    await expect(failed).rejects.toMatchObject({
      name: 'ModelNotReadyException',
      $metadata: { attempts: RUNTIME_MAX_ATTEMPTS },
    });
  });
});
