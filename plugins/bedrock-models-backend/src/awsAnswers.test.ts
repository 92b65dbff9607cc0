import { createHash } from 'node:crypto';
import {
  BedrockClient,
  CreateModelImportJobCommand,
  ListModelImportJobsCommand,
} from '@aws-sdk/client-bedrock';
import {
  llama31_8bArtifacts,
  RunningEmulator,
  stageArtifactSet,
  startEmulator,
} from '@bedrock-portal/bedrock-emulator';
import { importNamesFor } from './service/ImportService';
import {
  ANA,
  OWNER,
  startImportBackend,
} from './__testUtils__/importTestBackend';
import { memoryDb, TEST_ACCOUNT } from './__testUtils__/registryFixtures';
import { emulatorSdk } from './__testUtils__/emulatorSdk';

jest.setTimeout(120_000);

/**
 * What AWS answers that the emulator and the portal once only agreed on, and faults a real account
 * produces: each handled as AWS documents it, and shown to users with what to do.
 */
describe('AWS answers the portal must handle', () => {
  let emulator: RunningEmulator;
  let backend: Awaited<ReturnType<typeof startImportBackend>>;
  let uri: string;

  beforeEach(async () => {
    emulator = await startEmulator({
      port: 0,
      quotas: { importedModelsPerRegion: 10, concurrentImportJobs: 10 },
    });
    uri = stageArtifactSet(
      emulator,
      'ml-artifacts',
      'llama/',
      llama31_8bArtifacts(),
    );
    backend = await startImportBackend(memoryDb(), emulator);
  });
  afterEach(async () => {
    await backend.stop();
    await emulator.close();
  });

  const body = () => ({
    s3Uri: uri,
    accountId: TEST_ACCOUNT,
    region: 'us-east-1',
    classification: 'internal',
    owner: OWNER,
  });

  it('adopts its own job when AWS answers a used job name with ValidationException "The provided job name is currently in use."', async () => {
    // An earlier attempt's CreateModelImportJob reached AWS, but its answer was lost and the request
    // that follows carries another token (as after a restart that lost it): AWS refuses the name.
    const keyHash = createHash('sha256')
      .update(`${ANA}\nadopted\nadopt-1`)
      .digest('hex');
    const { jobName, importedModelName } = importNamesFor(
      'adopted',
      1,
      keyHash,
    );
    const bedrock = emulatorSdk(BedrockClient, emulator);
    const { jobArn } = await bedrock.send(
      new CreateModelImportJobCommand({
        jobName,
        importedModelName,
        roleArn: `arn:aws:iam::${TEST_ACCOUNT}:role/BedrockModelImport`,
        modelDataSource: { s3DataSource: { s3Uri: uri } },
        clientRequestToken: 'a-token-the-portal-no-longer-has',
      }),
    );
    const res = await backend.postImport('adopted', 'adopt-1', body());
    expect(res.status).toBe(202);
    expect(res.body.version).toMatchObject({
      status: 'importing',
      jobArn,
    });
    const { modelImportJobSummaries } = await bedrock.send(
      new ListModelImportJobsCommand({}),
    );
    expect(modelImportJobSummaries).toHaveLength(1);
  });

  it.each([
    [
      'the portal role may not create import jobs (AccessDeniedException)',
      {
        service: 'bedrock',
        operation: 'CreateModelImportJob',
        accessDeniedRate: 1,
      },
      /^Bedrock refused the import job: the portal's AWS role may not call CreateModelImportJob; ask the portal admins to grant it \(docs\/aws-setup\.md lists the policy\) \(AccessDeniedException \(log reference [0-9a-f]{8}\)\)\.$/,
    ],
    [
      'Bedrock cannot assume the import role',
      {
        service: 'bedrock',
        operation: 'CreateModelImportJob',
        roleNotAssumableRate: 1,
      },
      /^Bedrock refused the import job: Bedrock could not assume the import role; ask the portal admins to check bedrockModels\.accounts\[\]\.importRoleArn and its trust policy \(docs\/aws-setup\.md\) \(ValidationException \(log reference [0-9a-f]{8}\)\)\.$/,
    ],
  ])(
    'fails the import at once when %s, saying what to do without AWS text',
    async (_what, rule, message) => {
      emulator.faults.setRules([rule]);
      const res = await backend.postImport('refused', 'refused-1', body());
      expect(res.status).toBe(202);
      expect(res.body.version.status).toBe('failed');
      expect(res.body.version.failureMessage).toMatch(message);
    },
  );

  it('refuses the import with 400 saying what to grant when the portal role may not read the artifacts in S3', async () => {
    emulator.faults.setRules([{ service: 's3', accessDeniedRate: 1 }]);
    const res = await backend.postImport('unreadable', 'unreadable-1', body());
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(
      "the portal's role may not read it. Check the URI, or grant the portal's role s3:ListBucket and s3:GetObject on it.",
    );
  });
});
