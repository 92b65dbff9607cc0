import {
  BedrockClient,
  ListModelImportJobsCommand,
} from '@aws-sdk/client-bedrock';
import { DeleteObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import {
  brokenArtifacts,
  llama31_8bArtifacts,
  qwen25_7bArtifacts,
  RunningEmulator,
  stageArtifactSet,
  startEmulator,
} from '@bedrock-portal/bedrock-emulator';
import request from 'supertest';
import { OWNER, startImportBackend } from './__testUtils__/importTestBackend';
import {
  insertModel,
  insertVersions,
  memoryDb,
  TEST_ACCOUNT,
} from './__testUtils__/registryFixtures';
import { emulatorSdk } from './__testUtils__/emulatorSdk';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

async function jobsInEmulator(emulator: RunningEmulator, region = 'us-east-1') {
  const { modelImportJobSummaries } = await emulatorSdk(
    BedrockClient,
    emulator,
    region,
  ).send(new ListModelImportJobsCommand({}));
  return modelImportJobSummaries ?? [];
}

const importBody = (s3Uri: string, extra: Record<string, unknown> = {}) => ({
  s3Uri,
  accountId: TEST_ACCOUNT,
  region: 'us-east-1',
  classification: 'internal',
  owner: OWNER,
  title: 'Support summarizer',
  lineage: { baseModel: 'meta-llama/Llama-3.1-8B-Instruct' },
  ...extra,
});

describe('artifact validation', () => {
  let emulator: RunningEmulator;
  let backend: Awaited<ReturnType<typeof startImportBackend>>;

  beforeAll(async () => {
    // Five imported models allowed, so the last-slot warning does not appear in every report.
    emulator = await startEmulator({
      port: 0,
      quotas: { importedModelsPerRegion: 5, concurrentImportJobs: 1 },
    });
    backend = await startImportBackend(memoryDb(), emulator, {
      dataResidency: { phi: ['us-east-1'] },
    });
  });
  afterAll(async () => {
    await backend.stop();
    await emulator.close();
  });

  const validate = (body: Record<string, unknown>) =>
    request(backend.server)
      .post(backend.api('/validate'))
      .set('Authorization', backend.asAna)
      .send({
        accountId: TEST_ACCOUNT,
        region: 'us-east-1',
        classification: 'internal',
        ...body,
      });

  it('tells the form which Regions each classification may use', async () => {
    const res = await request(backend.server)
      .get(backend.api('/settings'))
      .set('Authorization', backend.asAna);
    expect(res.status).toBe(200);
    expect(res.body.dataResidency).toEqual({ phi: ['us-east-1'] });
  });

  it('reports a good set as valid, with what it detected', async () => {
    const uri = stageArtifactSet(
      emulator,
      'ml-artifacts',
      'good/',
      llama31_8bArtifacts(),
    );
    const res = await validate({ s3Uri: uri });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      valid: true,
      errors: [],
      warnings: [],
      detected: {
        architecture: 'LlamaForCausalLM',
        family: 'llama',
        weightBytes: 16_060_000_000,
        fileCount: 8,
        contextLength: 131072,
        precision: 'bfloat16',
        parameterCount: 8_030_000_000,
        cmuEstimate: 2,
        converseSupported: true,
      },
    });
  });

  it('reports every problem of a broken set at once', async () => {
    const set = brokenArtifacts();
    set.files['config.json'] = JSON.stringify({
      architectures: ['BertForMaskedLM'],
      max_position_embeddings: 262144,
      torch_dtype: 'int8',
    });
    const uri = stageArtifactSet(emulator, 'ml-artifacts', 'broken/', set);
    const res = await validate({
      s3Uri: uri,
      classification: 'phi',
      region: 'eu-central-1',
    });
    expect(res.status).toBe(200);
    expect(res.body.valid).toBe(false);
    expect(res.body.errors.map((e: { code: string }) => e.code)).toEqual([
      'residency',
      'artifacts-unreadable',
    ]);
    // The eu bucket question first: the set lives in us-east-1, so eu-central-1 cannot read it.
    expect(res.body.errors[1].message).toBe(
      "The bucket ml-artifacts is not in eu-central-1. Copy the artifacts to a bucket in eu-central-1, or import into the bucket's Region.",
    );
    const here = await validate({ s3Uri: uri });
    expect(here.body.errors.map((e: { code: string }) => e.code)).toEqual([
      'missing-tokenizer-config',
      'missing-tokenizer',
      'unsupported-architecture',
      'context-too-long',
      'unsupported-precision',
    ]);
    expect(here.body.errors[0].message).toBe(
      'tokenizer_config.json is missing. Save the tokenizer with save_pretrained() and upload its files.',
    );
  });

  it('says so when the bucket cannot be read (without telling a missing bucket from a forbidden one), and refuses malformed input with 400', async () => {
    const missing = await validate({ s3Uri: 's3://no-such-bucket/model/' });
    expect(missing.body.errors).toEqual([
      {
        code: 'artifacts-unreadable',
        message: `The portal cannot read s3://no-such-bucket/model/: there is no such bucket in account ${TEST_ACCOUNT}, or the portal's role may not read it. Check the URI, or grant the portal's role s3:ListBucket and s3:GetObject on it.`,
      },
    ]);
    const bad = await validate({
      s3Uri: 's3://ml-artifacts/no-trailing-slash',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toBe(
      'Invalid body: s3Uri: The S3 prefix "no-trailing-slash" must end with "/" because Bedrock imports every file under a folder.',
    );
    const region = await validate({
      s3Uri: 's3://ml-artifacts/good/',
      region: 'us-west-2',
    });
    expect(region.status).toBe(400);
    expect(region.body.error.message).toContain(
      'region: must be a managed Region (us-east-1, eu-central-1)',
    );
  });
});

describe('artifact validation against the model in production', () => {
  let emulator: RunningEmulator;
  let backend: Awaited<ReturnType<typeof startImportBackend>>;
  let llamaSet: string;

  beforeAll(async () => {
    emulator = await startEmulator({
      port: 0,
      quotas: { importedModelsPerRegion: 5, concurrentImportJobs: 1 },
    });
    const knex = memoryDb();
    backend = await startImportBackend(knex, emulator);
    // faq-bot serves a Mistral fine-tune (v1) in production in us-east-1; v2 is a Llama one.
    await insertModel(knex, { name: 'faq-bot', owner: OWNER });
    await insertVersions(knex, 'faq-bot', [
      { number: 1, architecture: 'mistral' },
      { number: 2, architecture: 'llama' },
    ]);
    const promoted = await request(backend.server)
      .post(backend.api('/models/faq-bot/aliases/production'))
      .set('Authorization', backend.asAna)
      .send({ region: 'us-east-1', version: 1, reason: 'first release' });
    if (promoted.status !== 200) {
      throw new Error(`Setup promote answered ${promoted.status}`);
    }
    llamaSet = stageArtifactSet(
      emulator,
      'ml-artifacts',
      'llama/',
      llama31_8bArtifacts(),
    );
  });
  afterAll(async () => {
    await backend.stop();
    await emulator.close();
  });

  const validate = (body: Record<string, unknown>) =>
    request(backend.server)
      .post(backend.api('/validate'))
      .set('Authorization', backend.asAna)
      .send({
        s3Uri: llamaSet,
        accountId: TEST_ACCOUNT,
        region: 'us-east-1',
        classification: 'internal',
        ...body,
      });

  it("warns, and still passes, when the artifacts' family is not the production version's", async () => {
    const res = await validate({ modelName: 'faq-bot' });
    expect(res.status).toBe(200);
    expect(res.body.valid).toBe(true);
    expect(res.body.warnings).toEqual([
      {
        code: 'architecture-changed',
        message:
          "faq-bot's production version (v1 in us-east-1) is a mistral model; these artifacts are llama (LlamaForCausalLM). Callers' prompts, chat template and token limits may not carry over: evaluate the new version before you promote it to production.",
      },
    ]);
  });

  it('says nothing of architecture for a new model, or without the model name', async () => {
    for (const body of [{ modelName: 'brand-new-model' }, {}]) {
      const res = await validate(body);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ valid: true, warnings: [] });
    }
  });

  it('refuses a model name the portal would never have, saying why', async () => {
    const res = await validate({ modelName: 'Faq Bot' });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/^Invalid body: modelName: /);
  });
});

describe('imports', () => {
  let emulator: RunningEmulator;

  beforeEach(async () => {
    // One AWS import job takes 600 s; at this scale, 0.3 s.
    emulator = await startEmulator({ port: 0, timeScale: 2000 });
  });
  afterEach(async () => {
    await emulator.close();
  });

  it('imports a good set to ready once, however often the request is retried', async () => {
    const backend = await startImportBackend(memoryDb(), emulator);
    const uri = stageArtifactSet(
      emulator,
      'ml-artifacts',
      'v1/',
      llama31_8bArtifacts(),
    );
    const send = () =>
      backend.postImport(
        'support-summarizer',
        'task-1/import',
        importBody(uri),
      );

    const first = await send();
    expect(first.status).toBe(202);
    expect(first.body.created).toBe(true);
    expect(first.body.version).toMatchObject({
      modelName: 'support-summarizer',
      number: 1,
      status: 'importing',
      importedModelName: 'support-summarizer-v1',
      jobArn: expect.stringMatching(
        /^arn:aws:bedrock:us-east-1:123456789012:model-import-job\/[a-z0-9]{12}$/,
      ),
      managed: true,
      createdBy: 'user:default/ana',
    });
    const retries = await Promise.all([send(), send(), send()]);
    // The tracker may poll the job between the answers (it moves updatedAt, maybe status): a retry
    // names the same version and job, never a second one.
    const { modelName, number, jobArn, importedModelName, createdAt } =
      first.body.version;
    for (const retry of retries) {
      expect(retry.status).toBe(202);
      expect(retry.body.created).toBe(false);
      expect(retry.body.version).toMatchObject({
        modelName,
        number,
        jobArn,
        importedModelName,
        createdAt,
      });
    }

    const ready = await backend.trackUntilDone('support-summarizer', 1);
    expect(ready).toMatchObject({
      status: 'ready',
      architecture: 'llama',
      instructSupported: true,
      cmusPerCopy: 2,
      importedModelArn: expect.stringContaining(':imported-model/'),
    });
    expect(await jobsInEmulator(emulator)).toHaveLength(1);
    const model = await request(backend.server)
      .get(backend.api('/models/support-summarizer'))
      .set('Authorization', backend.asAna);
    expect(model.body.model).toMatchObject({
      owner: OWNER,
      classification: 'internal',
      title: 'Support summarizer',
      lineage: { baseModel: 'meta-llama/Llama-3.1-8B-Instruct' },
    });
    await backend.stop();
  });

  it('warms a new version up and records its cold start', async () => {
    const backend = await startImportBackend(memoryDb(), emulator, {
      warmUp: true,
    });
    const uri = stageArtifactSet(
      emulator,
      'ml-artifacts',
      'qwen/',
      qwen25_7bArtifacts(),
    );
    const res = await backend.postImport(
      'claims-triage',
      'warm',
      importBody(uri),
    );
    expect(res.status).toBe(202);
    // A slow runtime (10 s a call) must not hold up the tracker's pass: the version is ready first,
    // and its cold start is recorded when the warm-up call returns.
    emulator.faults.setRules([
      { service: 'bedrock-runtime', latencyMs: 10_000 },
    ]);
    let ready;
    try {
      ready = await backend.trackUntilDone('claims-triage', 1);
    } finally {
      emulator.faults.setRules([]);
    }
    expect(ready).toMatchObject({ status: 'ready' });
    expect(ready.coldStartMs).toBeUndefined();
    let version = await request(backend.server)
      .get(backend.api('/models/claims-triage/versions/1'))
      .set('Authorization', backend.asAna);
    const deadline = Date.now() + 60_000;
    while (version.body.coldStartMs === undefined && Date.now() < deadline) {
      await new Promise(resolve => setTimeout(resolve, 100));
      version = await request(backend.server)
        .get(backend.api('/models/claims-triage/versions/1'))
        .set('Authorization', backend.asAna);
    }
    // Qwen has no Converse support: the warm-up went through InvokeModel.
    expect(version.body).toMatchObject({
      status: 'ready',
      architecture: 'qwen2',
      instructSupported: false,
      coldStartMs: expect.any(Number),
    });
    await backend.stop();
  });

  it("ends a job that fails in AWS as failed, with AWS's message", async () => {
    const backend = await startImportBackend(memoryDb(), emulator);
    const uri = stageArtifactSet(
      emulator,
      'ml-artifacts',
      'v1/',
      llama31_8bArtifacts(),
    );
    const res = await backend.postImport(
      'support-summarizer',
      'k1',
      importBody(uri),
    );
    expect(res.status).toBe(202);
    // Someone removes the config between validation and the job reading it.
    await emulatorSdk(S3Client, emulator).send(
      new DeleteObjectCommand({
        Bucket: 'ml-artifacts',
        Key: 'v1/config.json',
      }),
    );
    const failed = await backend.trackUntilDone('support-summarizer', 1);
    expect(failed.status).toBe('failed');
    expect(failed.failureMessage).toBe(
      "The model artifacts at s3://ml-artifacts/v1/ are missing config.json. Add the model's Hugging Face config.json and try again.",
    );
    await backend.stop();
  });

  it('refuses bad imports with a 4xx that says what to fix, and writes nothing', async () => {
    const knex = memoryDb();
    const backend = await startImportBackend(knex, emulator);
    const good = stageArtifactSet(
      emulator,
      'ml-artifacts',
      'v1/',
      qwen25_7bArtifacts(),
    );
    const broken = stageArtifactSet(
      emulator,
      'ml-artifacts',
      'broken/',
      brokenArtifacts(),
    );
    const post = (
      body: object,
      key: string | null = 'k',
      auth = backend.asAna,
    ) => {
      const req = request(backend.server)
        .post(backend.api('/models/claims-triage/versions'))
        .set('Authorization', auth);
      if (key !== null) req.set('Idempotency-Key', key);
      return req.send(body);
    };

    const cases: Array<
      [string, Awaited<ReturnType<typeof post>>, number, string]
    > = [
      [
        'broken set',
        await post(importBody(broken)),
        400,
        'The artifacts at s3://ml-artifacts/broken/ cannot be imported: (1) tokenizer_config.json is missing. Save the tokenizer with save_pretrained() and upload its files. (2) tokenizer.json (or tokenizer.model) is missing. Upload the tokenizer file next to config.json.',
      ],
      [
        'no owner',
        await post(importBody(good, { owner: undefined })),
        400,
        'Model claims-triage is new: give its owner (a catalog Group or User, e.g. group:default/support-ml).',
      ],
      [
        'unknown owner',
        await post(importBody(good, { owner: 'group:default/nobody' })),
        400,
        'Owner group:default/nobody is not a Group or User in the catalog. Pick an existing team or person.',
      ],
      [
        'owner not a ref',
        await post(importBody(good, { owner: 'component:default/x' })),
        400,
        'Invalid body: owner: must be a Group or User entity ref, e.g. group:default/support-ml',
      ],
      [
        'no key',
        await post(importBody(good), null),
        400,
        "must have required property 'idempotency-key'",
      ],
      [
        'unknown field',
        await post({ ...importBody(good), colour: 'red' }),
        400,
        'colour',
      ],
      [
        'service only',
        await post(importBody(good), 'k', mockCredentials.service.header()),
        403,
        'Imports are made on behalf of a user',
      ],
    ];
    for (const [what, res, status, message] of cases) {
      expect({ what, status: res.status }).toEqual({ what, status });
      expect(res.body.error.message).toContain(message);
    }
    expect(await knex('model_versions').count({ n: '*' })).toEqual([{ n: 0 }]);
    expect(await knex('models').count({ n: '*' })).toEqual([{ n: 0 }]);
    expect(await jobsInEmulator(emulator)).toHaveLength(0);

    // The same key for a different request is a conflict, not a silent second import.
    expect((await post(importBody(good), 'same')).status).toBe(202);
    const reused = await post(importBody(good, { title: 'Other' }), 'same');
    expect(reused.status).toBe(409);
    expect(reused.body.error.message).toContain(
      'Idempotency-Key "same" was already used for a different import (version 1 of claims-triage)',
    );
    await backend.stop();
  });

  it('keeps trying through throttling and 5xx, and never makes a second job', async () => {
    const backend = await startImportBackend(memoryDb(), emulator);
    const uri = stageArtifactSet(
      emulator,
      'ml-artifacts',
      'v1/',
      llama31_8bArtifacts(),
    );
    emulator.faults.setRules([
      {
        service: 'bedrock',
        throttleRate: 0.4,
        errorRate: 0.2,
        errorStatus: 503,
      },
    ]);
    const send = () =>
      backend.postImport('support-summarizer', 'flaky', importBody(uri));
    const res = await send();
    expect(res.status).toBe(202);
    const ready = await backend.trackUntilDone('support-summarizer', 1);
    expect(ready.status).toBe('ready');
    emulator.faults.setRules([]);
    expect(await jobsInEmulator(emulator)).toHaveLength(1);
    await backend.stop();
  });

  it.each(databases.eachSupportedId())(
    'completes an import once across a backend restart, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const uri = stageArtifactSet(
        emulator,
        'ml-artifacts',
        'v1/',
        llama31_8bArtifacts(),
      );
      // CreateModelImportJob keeps failing: the version is recorded, its job not yet started.
      emulator.faults.setRules([
        {
          service: 'bedrock',
          operation: 'CreateModelImportJob',
          errorRate: 1,
          errorStatus: 503,
        },
      ]);
      const first = await startImportBackend(knex, emulator);
      const res = await first.postImport(
        'support-summarizer',
        'restart',
        importBody(uri),
      );
      expect(res.status).toBe(202);
      expect(res.body.version.jobArn).toBeUndefined();
      expect(res.body.version.lastCheckError).toContain('ServiceUnavailable');
      await first.stop();

      emulator.faults.setRules([]);
      const second = await startImportBackend(knex, emulator);
      const ready = await second.trackUntilDone('support-summarizer', 1);
      expect(ready.status).toBe('ready');
      // A client retrying after the restart gets the same version, still one job.
      const retry = await second.postImport(
        'support-summarizer',
        'restart',
        importBody(uri),
      );
      expect(retry.body).toMatchObject({
        created: false,
        version: { number: 1, status: 'ready' },
      });
      expect(await jobsInEmulator(emulator)).toHaveLength(1);
      await second.stop();
    },
  );
});
