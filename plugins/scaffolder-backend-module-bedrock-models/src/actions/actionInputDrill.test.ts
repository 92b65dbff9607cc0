import { resolve as resolvePath } from 'node:path';
import {
  BedrockClient,
  ListModelImportJobsCommand,
} from '@aws-sdk/client-bedrock';
import { createMockDirectory } from '@backstage/backend-test-utils';
import {
  llama31_8bArtifacts,
  RunningEmulator,
  stageArtifactSet,
  startEmulator,
} from '@bedrock-portal/bedrock-emulator';
import { eventually } from '../__testUtils__/eventually';
import {
  asUser,
  PORTAL_ACCOUNT,
  startPortalBackend,
} from '../__testUtils__/portalTestBackend';
import { scaffolderTasks } from '../__testUtils__/scaffolderTasks';

jest.setTimeout(180_000);

const GUEST = 'user:default/guest';
const DRILL_TEMPLATE = resolvePath(
  __dirname,
  '../__fixtures__/action-input-drill.yaml',
);

/** Good input of each action; each case changes one field of it. */
const CANDIDATE = {
  modelName: 'drill-model',
  s3Uri: 's3://ml-artifacts/drill/',
  accountId: PORTAL_ACCOUNT,
  region: 'us-east-1',
  classification: 'internal',
  owner: 'group:default/support-ml',
};
const BASE: Record<string, Record<string, unknown>> = {
  'bedrock:model:validate': { ...CANDIDATE, newModel: true },
  'bedrock:model:import': { ...CANDIDATE, title: 'Drill model' },
  'bedrock:model:promote': {
    modelName: 'drill-model',
    alias: 'production',
    region: 'us-east-1',
    version: 1,
    reason: 'drill',
  },
  'bedrock:model:evaluate': {
    modelName: 'drill-model',
    version: 1,
    region: 'us-east-1',
  },
};

/** A case: the action, the fields changed (undefined leaves the field out), and what the error must say. */
type Case = [action: string, change: Record<string, unknown>, says: RegExp];

/** Input the action's schema refuses: the scaffolder names the field before the action runs. */
const SCHEMA_CASES: Case[] = [
  [
    'bedrock:model:validate',
    { modelName: 42 },
    /instance\.modelName is not of a type\(s\) string/,
  ],
  ['bedrock:model:validate', { s3Uri: undefined }, /requires property "s3Uri"/],
  [
    'bedrock:model:validate',
    { region: ['us-east-1'] },
    /instance\.region is not of a type\(s\) string/,
  ],
  [
    'bedrock:model:validate',
    { newModel: 'yes' },
    /instance\.newModel is not of a type\(s\) boolean/,
  ],
  [
    'bedrock:model:import',
    { accountId: undefined },
    /requires property "accountId"/,
  ],
  [
    'bedrock:model:import',
    { classification: 3 },
    /instance\.classification is not of a type\(s\) string/,
  ],
  [
    'bedrock:model:import',
    { weightBytes: 'big' },
    /instance\.weightBytes is not of a type\(s\) number/,
  ],
  [
    'bedrock:model:import',
    { tags: 'nlp' },
    /instance\.tags is not of a type\(s\) array/,
  ],
  [
    'bedrock:model:import',
    { lineage: 'llama' },
    /instance\.lineage is not of a type\(s\) object/,
  ],
  [
    'bedrock:model:promote',
    { version: 0 },
    /instance\.version must be strictly greater than 0/,
  ],
  [
    'bedrock:model:promote',
    { version: 1.5 },
    /instance\.version is not of a type\(s\) integer/,
  ],
  ['bedrock:model:promote', { alias: undefined }, /requires property "alias"/],
  // jsonschema's words for a nullable field: it names the field, not the type.
  [
    'bedrock:model:promote',
    { expectedCurrentVersion: 'v1' },
    /instance\.expectedCurrentVersion is not any of/,
  ],
  [
    'bedrock:model:evaluate',
    { version: 'one' },
    /instance\.version is not of a type\(s\) integer/,
  ],
  [
    'bedrock:model:evaluate',
    { region: undefined },
    /requires property "region"/,
  ],
  [
    'bedrock:model:evaluate',
    { timeoutMinutes: 0 },
    /instance\.timeoutMinutes must be strictly greater than 0/,
  ],
  [
    'bedrock:model:evaluate',
    { failOnFailure: 'yes' },
    /instance\.failOnFailure is not of a type\(s\) boolean/,
  ],
];

/** Input of the right type the backend refuses: its 4xx message, in words, reaches the task. */
const BACKEND_CASES: Case[] = [
  [
    'bedrock:model:validate',
    { s3Uri: 'https://ml-artifacts/drill/' },
    /^drill-model cannot be imported from https:\/\/ml-artifacts\/drill\/ into us-east-1 \(account 123456789012\); fix these 1 problem\(s\):\n.*s3:\/\//s,
  ],
  [
    'bedrock:model:validate',
    { region: 'mars-1' },
    /^drill-model cannot be imported from s3:\/\/ml-artifacts\/drill\/ into mars-1 .*fix these 1 problem\(s\):\n.*us-east-1/s,
  ],
  [
    'bedrock:model:import',
    { s3Uri: 's3://ml-artifacts/date=2025-01-01/' },
    /was refused: Invalid body: s3Uri: "=" is not allowed in S3 path segments of an import source .*rename the folder "date=2025-01-01"/,
  ],
  [
    'bedrock:model:import',
    { modelName: 'Drill Model!' },
    /was refused: Invalid model name "Drill Model!": Model name may only hold lower-case letters and digits/,
  ],
  [
    'bedrock:model:import',
    { classification: 'top-secret' },
    /was refused: Invalid body: classification: must be one of public, internal, confidential, phi$/,
  ],
  [
    'bedrock:model:promote',
    { alias: 'prod' },
    /^prod of drill-model in us-east-1 was not moved to v1: Unknown alias "prod": use one of production, staging\.$/,
  ],
  [
    'bedrock:model:promote',
    { modelName: '../drill' },
    /was not moved to v1: Invalid model name "\.\.\/drill": Model name may only hold/,
  ],
  [
    'bedrock:model:evaluate',
    { region: 'mars-1' },
    /^The evaluation of drill-model v1 in mars-1 was not started: Invalid body: region: must be a managed Region \(us-east-1, us-west-2, eu-central-1\)$/,
  ],
  [
    'bedrock:model:evaluate',
    { modelName: 'no-such-model' },
    /^The evaluation of no-such-model v1 in us-east-1 was not started: There is no model named no-such-model\.$/,
  ],
];

/** "bedrock:model:promote without alias", "bedrock:model:promote version=0". */
function title([action, change]: Case): string {
  const changes = Object.entries(change).map(([field, value]) =>
    value === undefined
      ? `without ${field}`
      : `${field}=${JSON.stringify(value)}`,
  );
  return `${action} ${changes.join(', ')}`;
}

/** Cases with their titles first, for it.each. */
const titled = (cases: Case[]) =>
  cases.map(c => [title(c), ...c] as [string, ...Case]);

// Every action of the module, given malformed input through the real scaffolder: the task fails with
// a message that says what to fix, never a server error, and nothing is created or moved.
describe('malformed input of the scaffolder actions', () => {
  const databases = createMockDirectory();
  let emulator: RunningEmulator;
  let portal: Awaited<ReturnType<typeof startPortalBackend>>;
  let tasks: ReturnType<typeof scaffolderTasks>;

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
    stageArtifactSet(emulator, 'ml-artifacts', 'drill/', llama31_8bArtifacts());
    portal = await startPortalBackend({
      databaseDirectory: databases.path,
      emulator,
      extraCatalogFiles: [DRILL_TEMPLATE],
    });
    tasks = scaffolderTasks(portal.url, GUEST);
    await eventually(
      'the drill template and the owners in the catalog',
      async () => {
        for (const ref of [
          'template/default/action-input-drill',
          'group/default/support-ml',
        ]) {
          const res = await fetch(
            `${portal.url}/api/catalog/entities/by-name/${ref}`,
            { headers: asUser(GUEST) },
          );
          if (res.status !== 200) return undefined;
        }
        return true;
      },
    );
  });

  afterAll(async () => {
    await portal?.stop();
    await emulator?.close();
  });

  /** Runs the action with its base input changed by `change`; answers the task's failure. */
  async function run(action: string, change: Record<string, unknown>) {
    const input = { ...BASE[action], ...change };
    for (const [field, value] of Object.entries(change)) {
      if (value === undefined) delete input[field];
    }
    const taskId = await tasks.start('action-input-drill', { action, input });
    return tasks.finished(taskId);
  }

  it.each(titled(SCHEMA_CASES))(
    '%s: refused by its schema',
    async (_title, action, change, says) => {
      const result = await run(action, change);
      expect(result.status).toBe('failed');
      expect(result.error?.message).toMatch(
        new RegExp(`^Invalid input passed to action ${action}, `),
      );
      expect(result.error?.message).toMatch(says);
    },
  );

  it.each(titled(BACKEND_CASES))(
    '%s: refused by the backend, in words',
    async (_title, action, change, says) => {
      const result = await run(action, change);
      expect(result.status).toBe('failed');
      expect(result.error?.name).not.toBe('Error');
      expect(result.error?.message).toMatch(says);
    },
  );

  it('created no model, import job or evaluation run', async () => {
    const res = await fetch(`${portal.url}/api/bedrock-models/models`, {
      headers: asUser(GUEST),
    });
    expect(res.status).toBe(200);
    expect((await res.json()).items).toEqual([]);
    const bedrock = new BedrockClient({
      endpoint: emulator.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    const jobs = await bedrock.send(new ListModelImportJobsCommand({}));
    bedrock.destroy();
    expect(jobs.modelImportJobSummaries ?? []).toEqual([]);
  });
});
