import {
  BedrockClient,
  ListModelImportJobsCommand,
  ModelImportJobSummary,
} from '@aws-sdk/client-bedrock';
import { createMockDirectory } from '@backstage/backend-test-utils';
import {
  brokenArtifacts,
  llama31_8bArtifacts,
  RunningEmulator,
  stageArtifactSet,
  startEmulator,
} from '@bedrock-portal/bedrock-emulator';
import { eventually } from './__testUtils__/eventually';
import {
  FreezePoint,
  freezingBedrockModelsService,
} from './__testUtils__/FreezingBedrockModelsService';
import {
  asUser,
  PORTAL_ACCOUNT,
  startPortalBackend,
} from './__testUtils__/portalTestBackend';
import { permissionsDenying } from './__testUtils__/permissionsDenying';
import { scaffolderTasks } from './__testUtils__/scaffolderTasks';

jest.setTimeout(240_000);

const TEMPLATE = 'import-bedrock-model';
const GUEST = 'user:default/guest';
/** In claims-ai, not support-ml: the permission policy does not let her move support-summarizer's pointers. */
const CASEY = 'user:default/casey';

/** A template whose one step promotes support-summarizer v1 in us-east-1, for dry runs of that step. */
const promoteTemplate = (alias: string) => ({
  apiVersion: 'scaffolder.backstage.io/v1beta3',
  kind: 'Template',
  metadata: { name: 'promote-support-summarizer' },
  spec: {
    type: 'ai-model',
    steps: [
      {
        id: 'promote',
        name: 'Promote',
        action: 'bedrock:model:promote',
        input: {
          modelName: 'support-summarizer',
          alias,
          region: 'us-east-1',
          version: 1,
          reason: 'Checking the move',
        },
      },
    ],
  },
});

// The tests tell one story in order: a new model, a broken upload, then two more versions of the
// model, each imported across a backend restart. They share the emulator and the portal's databases.
describe('the import template through the scaffolder, the bedrock-models backend and the emulator', () => {
  const databases = createMockDirectory();
  let emulator: RunningEmulator;
  let bedrock: BedrockClient;
  let portal: Awaited<ReturnType<typeof startPortalBackend>> | undefined;
  let tasks: ReturnType<typeof scaffolderTasks>;
  /** Whether the emulator's clock runs fast enough for import jobs to finish. */
  let jobsFinish = true;
  let pump: ReturnType<typeof setInterval>;
  const uris = { good: '', broken: '', v4: '', v5: '', v6: '' };

  beforeAll(async () => {
    // Four versions of support-summarizer live in us-east-1 by the end: above the default quota of 3.
    emulator = await startEmulator({
      port: 0,
      quotas: { importedModelsPerRegion: 10, concurrentImportJobs: 1 },
    });
    uris.good = stageArtifactSet(
      emulator,
      'ml-artifacts',
      'support-summarizer/v3/',
      llama31_8bArtifacts(),
    );
    uris.v4 = stageArtifactSet(
      emulator,
      'ml-artifacts',
      'support-summarizer/v4/',
      llama31_8bArtifacts(),
    );
    uris.v5 = stageArtifactSet(
      emulator,
      'ml-artifacts',
      'support-summarizer/v5/',
      llama31_8bArtifacts(),
    );
    uris.v6 = stageArtifactSet(
      emulator,
      'ml-artifacts',
      'support-summarizer/v6/',
      llama31_8bArtifacts(),
    );
    uris.broken = stageArtifactSet(
      emulator,
      'ml-artifacts',
      'broken/missing-tokenizer/',
      brokenArtifacts(),
    );
    bedrock = new BedrockClient({
      endpoint: emulator.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    // Stands for the scheduler (the tracker runs every few seconds) and for the time AWS takes
    // (an import takes 10 emulated minutes; a minute passes every tick while jobs may finish).
    pump = setInterval(() => {
      if (jobsFinish) emulator.context.clock.advance(60_000);
      void portal?.trackImports();
      void portal?.runEvaluations();
    }, 100);
  });

  afterAll(async () => {
    clearInterval(pump);
    await portal?.stop();
    await emulator.close();
  });

  async function startPortal(freezeAt?: FreezePoint) {
    const freezing = freezeAt && freezingBedrockModelsService(freezeAt);
    portal = await startPortalBackend({
      databaseDirectory: databases.path,
      emulator,
      extraFeatures: [
        permissionsDenying({
          userEntityRef: CASEY,
          permissionName: 'bedrock.model.promote',
        }),
        ...(freezing ? [freezing.factory] : []),
      ],
    });
    tasks = scaffolderTasks(portal.url, GUEST);
    const { url } = portal;
    // The catalog reads the org and the template from their files first.
    await eventually('the template and the owners in the catalog', async () => {
      for (const ref of [
        'template/default/import-bedrock-model',
        'group/default/support-ml',
        'user/default/guest',
      ]) {
        const res = await fetch(`${url}/api/catalog/entities/by-name/${ref}`, {
          headers: asUser(GUEST),
        });
        if (res.status !== 200) return undefined;
      }
      return true;
    });
    return freezing?.holder;
  }

  async function importJobsOf(importedModelName: string) {
    const { modelImportJobSummaries = [] } = await bedrock.send(
      new ListModelImportJobsCommand({}),
    );
    return modelImportJobSummaries.filter(
      (job: ModelImportJobSummary) =>
        job.importedModelName === importedModelName,
    );
  }

  async function fetchJson(path: string) {
    const res = await fetch(`${portal!.url}${path}`, {
      headers: asUser(GUEST),
    });
    return { status: res.status, body: await res.json() };
  }

  const registry = (path: string) => fetchJson(`/api/bedrock-models${path}`);

  const artifactPage = (s3Uri: string) => ({
    s3Uri,
    accountId: PORTAL_ACCOUNT,
    region: 'us-east-1',
    classification: 'internal',
  });

  it('imports a good artifact set as a new model: a ready version, promoted to staging, with links to it', async () => {
    await startPortal();

    const taskId = await tasks.start(TEMPLATE, {
      modelKind: 'new',
      modelName: 'support-summarizer',
      owner: 'group:default/support-ml',
      description: 'Summarizes support tickets for agents',
      ...artifactPage(uris.good),
      baseModel: 'meta-llama/Llama-3.1-8B-Instruct',
      promoteToStaging: true,
      // A new model has no evaluation suite yet: the step says so and the import still succeeds.
      runEvaluation: true,
    });
    const completion = await tasks.finished(taskId);

    expect(completion.error).toBeUndefined();
    expect(completion.status).toBe('completed');
    const { body: version } = await registry(
      '/models/support-summarizer/versions/1',
    );
    expect(version).toMatchObject({
      status: 'ready',
      region: 'us-east-1',
      s3Uri: uris.good,
      // Made on behalf of the user who ran the template, not the scaffolder's service identity.
      createdBy: GUEST,
      importedModelArn: expect.stringMatching(
        /^arn:aws:bedrock:us-east-1:123456789012:imported-model\//,
      ),
    });
    const { body: details } = await registry('/models/support-summarizer');
    expect(details.model).toMatchObject({
      owner: 'group:default/support-ml',
      description: 'Summarizes support tickets for agents',
      lineage: { baseModel: 'meta-llama/Llama-3.1-8B-Instruct' },
    });
    expect(details.pointers).toEqual([
      expect.objectContaining({
        alias: 'staging',
        region: 'us-east-1',
        version: 1,
        updatedBy: GUEST,
      }),
    ]);
    expect(completion.output?.links).toEqual([
      {
        title: 'Open the model',
        icon: 'catalog',
        entityRef: 'resource:default/support-summarizer',
      },
      {
        title: 'Open version 1',
        icon: 'catalog',
        entityRef: 'resource:default/support-summarizer-v1',
      },
      {
        title: 'Imported models in the AWS console (us-east-1)',
        url: 'https://us-east-1.console.aws.amazon.com/bedrock/home?region=us-east-1#/imported-models',
      },
      // No run, so no url: the task page leaves a link without one out.
      { title: 'Evaluation run (skipped)', icon: 'dashboard' },
    ]);
    expect(completion.output?.text?.[0].content).toContain(
      `Imported model ARN: \`${version.importedModelArn}\``,
    );
    const log = await tasks.log(taskId);
    expect(log).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /can be imported as a new model, support-summarizer in us-east-1: LlamaForCausalLM, 16\.1 GB of weights in \d+ files, about 2 CMU per copy/,
        ),
        expect.stringMatching(
          /^Started the import of s3:\/\/ml-artifacts\/support-summarizer\/v3\/ as support-summarizer v1 in us-east-1/,
        ),
        // The expected time comes from the size the validate step found (16.1 GB: about 12 min).
        'Next: Amazon Bedrock copies the weights from S3 and creates the imported model (about 12 min for 16.1 GB of weights); this step reports its progress and ends when support-summarizer v1 is ready to call.',
        expect.stringMatching(
          /^support-summarizer v1: importing, \d+s of about 12 min$/,
        ),
        expect.stringMatching(
          /^support-summarizer v1: ready as arn:aws:bedrock:us-east-1:123456789012:imported-model\/\w+, \d+s of about 12 min$/,
        ),
        expect.stringMatching(
          /^Next: callers can invoke support-summarizer v1 by its ARN now/,
        ),
        'staging of support-summarizer in us-east-1 moved from no version to v1',
        'support-summarizer v1 was not evaluated: Model support-summarizer has no evaluation prompts yet: add some to its suite first. The step goes on (failOnFailure is false).',
      ]),
    );
    const jobs = await importJobsOf('support-summarizer-v1');
    expect(jobs.map(j => j.status)).toEqual(['Completed']);
  });

  it('fails at validate with every problem of a broken artifact set, and starts nothing', async () => {
    const taskId = await tasks.start(TEMPLATE, {
      modelKind: 'new',
      modelName: 'claims-summarizer',
      owner: 'group:default/claims-ai',
      ...artifactPage(uris.broken),
      promoteToStaging: false,
    });
    const completion = await tasks.finished(taskId);

    expect(completion.status).toBe('failed');
    expect(completion.error?.message).toBe(
      [
        `claims-summarizer cannot be imported from ${uris.broken} into us-east-1 (account ${PORTAL_ACCOUNT}); fix these 2 problem(s):`,
        '  1. [missing-tokenizer-config] tokenizer_config.json is missing. Save the tokenizer with save_pretrained() and upload its files.',
        '  2. [missing-tokenizer] tokenizer.json (or tokenizer.model) is missing. Upload the tokenizer file next to config.json.',
        '',
        'Warnings:',
        '  - [no-chat-template] No chat template ships with the model, so callers must use InvokeModel with a prompt (Converse will not work). Add chat_template to tokenizer_config.json to enable it.',
      ].join('\n'),
    );
    const events = await tasks.events(taskId);
    expect(events.filter(e => e.body.stepId === 'import')).toEqual([
      expect.objectContaining({
        body: expect.objectContaining({ status: 'skipped' }),
      }),
    ]);
    expect(await importJobsOf('claims-summarizer-v1')).toEqual([]);
    expect((await registry('/models/claims-summarizer')).status).toBe(404);
    // The task log shows the failure in words: no server stack frames, no source file paths.
    const log = (await tasks.log(taskId)).join('\n');
    expect(log).toContain(
      'claims-summarizer cannot be imported from s3://ml-artifacts/broken/missing-tokenizer/',
    );
    expect(log).not.toMatch(/\n\s+at /);
    expect(log).not.toMatch(/\.(ts|js|cjs):\d+/);
  });

  it('validates for real in a dry run and imports nothing', async () => {
    const { body: template } = await fetchJson(
      '/api/catalog/entities/by-name/template/default/import-bedrock-model',
    );
    const res = await fetch(`${portal!.url}/api/scaffolder/v2/dry-run`, {
      method: 'POST',
      headers: asUser(GUEST),
      body: JSON.stringify({
        template,
        values: {
          modelKind: 'new',
          modelName: 'dry-summarizer',
          owner: 'group:default/support-ml',
          ...artifactPage(uris.good),
          promoteToStaging: true,
        },
        directoryContents: [],
      }),
    });
    expect(res.status).toBe(200);
    const dryRun = (await res.json()) as {
      log: Array<{
        body: { message: string; stepId?: string; status?: string };
      }>;
    };
    const messages = dryRun.log.map(l => l.body.message);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringContaining(
          `Dry run: ${uris.good} would be imported as a new version of the new model dry-summarizer in us-east-1; no import was started`,
        ),
      ]),
    );
    expect(
      dryRun.log
        .filter(l => l.body.stepId === 'promote')
        .map(l => l.body.status),
    ).toContain('skipped');
    expect(await importJobsOf('dry-summarizer-v1')).toEqual([]);
    expect((await registry('/models/dry-summarizer')).status).toBe(404);
  });

  it("dry-runs a promote step with the backend's checks: what would move for an owner, the backend's refusal for anyone else", async () => {
    const dryRun = (user: string, alias: string) =>
      fetch(`${portal!.url}/api/scaffolder/v2/dry-run`, {
        method: 'POST',
        headers: asUser(user),
        body: JSON.stringify({
          template: promoteTemplate(alias),
          values: {},
          directoryContents: [],
        }),
      });

    const allowed = await dryRun(GUEST, 'production');
    expect(allowed.status).toBe(200);
    const { log } = (await allowed.json()) as {
      log: Array<{ body: { message: string } }>;
    };
    expect(log.map(l => l.body.message)).toEqual(
      expect.arrayContaining([
        expect.stringContaining(
          'Dry run: production in us-east-1 would move from no version to v1; nothing was moved',
        ),
      ]),
    );

    const refused = await dryRun(CASEY, 'production');
    expect(refused.status).toBe(403);
    expect((await refused.json()).error).toMatchObject({
      name: 'NotAllowedError',
      message:
        'production of support-summarizer in us-east-1 cannot be moved to v1: You may not move the pointers of model support-summarizer: only its owners and the portal admins may.',
    });
    const { body: details } = await registry('/models/support-summarizer');
    expect(
      details.pointers.filter(
        (p: { alias: string }) => p.alias === 'production',
      ),
    ).toEqual([]);
  });

  it.each([
    {
      when: 'after the step saved its checkpoint (the job is running)',
      freezeAt: 'first-wait' as const,
      version: 2,
      // What the BedrockModelPicker field gives: the model's name.
      existingModel: 'support-summarizer',
      uri: () => uris.v4,
      resumedLine:
        'Resuming: this step already started the import of support-summarizer v2; following it',
    },
    {
      when: 'after the backend accepted the import but before the step saved it',
      freezeAt: 'import-accepted' as const,
      version: 3,
      // What the EntityPicker of earlier forms gave (and a task started then resumes with): an entity ref.
      existingModel: 'resource:default/support-summarizer',
      uri: () => uris.v5,
      resumedLine:
        "The portal already had this step's import (support-summarizer v3); no second job was started",
    },
  ])(
    'resumes a new version of an existing model across a backend restart $when, with exactly one job',
    async ({ freezeAt, version, existingModel, uri, resumedLine }) => {
      await portal?.stop();
      jobsFinish = false;
      const holder = await startPortal(freezeAt);

      const taskId = await tasks.start(TEMPLATE, {
        modelKind: 'existing',
        existingModel,
        ...artifactPage(uri()),
        promoteToStaging: false,
      });
      // The old backend "dies" here: its step never hears from the bedrock-models backend again.
      await holder!.frozen;
      const running = await eventually('the import job in AWS', async () => {
        const jobs = await importJobsOf(`support-summarizer-v${version}`);
        return jobs.length > 0 ? jobs : undefined;
      });
      expect(running.map(j => j.status)).toEqual(['InProgress']);
      await portal!.stop();

      await startPortal();
      jobsFinish = true;
      const completion = await tasks.finished(taskId);

      expect(completion.error).toBeUndefined();
      expect(completion.status).toBe('completed');
      const jobs = await importJobsOf(`support-summarizer-v${version}`);
      expect(jobs.map(j => j.status)).toEqual(['Completed']);
      const { body: ready } = await registry(
        `/models/support-summarizer/versions/${version}`,
      );
      expect(ready).toMatchObject({ status: 'ready', createdBy: GUEST });
      const log = await tasks.log(taskId);
      expect(log).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^Task recovered/),
          expect.stringMatching(
            /^Skipping step validate because it was already completed/,
          ),
          resumedLine,
          expect.stringMatching(
            new RegExp(
              `^support-summarizer v${version}: ready as arn:aws:bedrock:`,
            ),
          ),
        ]),
      );
    },
  );

  it("runs the model's evaluation suite on the new version when asked, and links the run", async () => {
    const suite = await fetch(
      `${
        portal!.url
      }/api/bedrock-models/models/support-summarizer/evaluation-suite`,
      {
        method: 'PUT',
        headers: asUser(GUEST),
        body: JSON.stringify({
          prompts: [
            {
              id: 'summary',
              prompt: 'Summarise: the parcel arrived late.',
              checks: { mustMatch: '\\w+' },
            },
          ],
        }),
      },
    );
    expect(suite.status).toBe(200);

    const taskId = await tasks.start(TEMPLATE, {
      modelKind: 'existing',
      existingModel: 'support-summarizer',
      ...artifactPage(uris.v6),
      promoteToStaging: false,
      runEvaluation: true,
    });
    const completion = await tasks.finished(taskId);

    expect(completion.error).toBeUndefined();
    expect(completion.status).toBe('completed');
    const { body: runs } = await registry(
      '/models/support-summarizer/evaluations?version=4',
    );
    expect(runs.items).toEqual([
      expect.objectContaining({
        status: 'passed',
        startedBy: GUEST,
        region: 'us-east-1',
      }),
    ]);
    const runId = runs.items[0].id;
    expect(completion.output?.links).toContainEqual({
      title: 'Evaluation run (passed)',
      icon: 'dashboard',
      url: `/catalog/default/resource/support-summarizer/bedrock?evaluationRun=${runId}#bedrock-evaluations`,
    });
    expect(await tasks.log(taskId)).toEqual(
      expect.arrayContaining([
        `Started evaluation run ${runId} of support-summarizer v4 in us-east-1`,
        expect.stringMatching(/^Prompt summary: passed \(/),
        expect.stringMatching(
          /^support-summarizer v4 passed: 1 of 1 prompts passed \(100%\)/,
        ),
      ]),
    );
  });
});
