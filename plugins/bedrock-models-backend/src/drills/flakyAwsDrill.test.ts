import {
  BedrockClient,
  ListModelImportJobsCommand,
} from '@aws-sdk/client-bedrock';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import {
  llama31_8bArtifacts,
  RunningEmulator,
  stageArtifactSet,
  startEmulator,
} from '@bedrock-portal/bedrock-emulator';
import request from 'supertest';
import { OWNER, startImportBackend } from '../__testUtils__/importTestBackend';
import { memoryDb, TEST_ACCOUNT } from '../__testUtils__/registryFixtures';
import { emulatorSdk } from '../__testUtils__/emulatorSdk';

jest.setTimeout(300_000);

const MODELS = ['alpha', 'bravo', 'charlie', 'delta'];
const PUBLISHER = 'bedrock-models:ssm-publisher';

describe('drill: AWS throttles 30% and fails 10% of calls', () => {
  let emulator: RunningEmulator;

  beforeAll(async () => {
    emulator = await startEmulator({
      port: 0,
      timeScale: 3000,
      quotas: { importedModelsPerRegion: 20, concurrentImportJobs: 2 },
      faultSeed: 7,
    });
  });
  afterAll(async () => {
    await emulator.close();
  });

  it('completes every import and promote: one job each, no lost history, SSM equals the pointers', async () => {
    const knex = memoryDb();
    const backend = await startImportBackend(knex, emulator);
    const uri = stageArtifactSet(
      emulator,
      'drill-artifacts',
      'llama/',
      llama31_8bArtifacts(),
    );
    emulator.faults.setRules([
      { throttleRate: 0.3, errorRate: 0.1, errorStatus: 503 },
    ]);

    // Two versions of each model, every request sent twice (a client retrying).
    const imports = MODELS.flatMap(model => [1, 2].map(n => ({ model, n })));
    for (const { model, n } of imports) {
      for (let attempt = 0; attempt < 2; attempt++) {
        const res = await backend.postImport(`${model}`, `${model}-${n}`, {
          s3Uri: uri,
          accountId: TEST_ACCOUNT,
          region: 'us-east-1',
          classification: 'internal',
          owner: OWNER,
        });
        // Validation reads S3 and Service Quotas; when AWS keeps failing the caller gets a 503 to retry.
        if (res.status === 503) {
          attempt -= 1;
          continue;
        }
        expect(res.status).toBe(202);
        expect(res.body.version.number).toBe(n);
      }
    }
    for (const { model, n } of imports) {
      const version = await backend.trackUntilDone(model, n, 180_000);
      expect({ model, n, status: version.status }).toEqual({
        model,
        n,
        status: 'ready',
      });
    }

    // Promote, promote, roll back each model's production pointer; the registry never touches AWS here,
    // but publishing to SSM does, through the outbox.
    const moves: string[] = [];
    for (const model of MODELS) {
      for (const step of [
        { path: '', body: { version: 1, expectedCurrentVersion: null } },
        { path: '', body: { version: 2, expectedCurrentVersion: 1 } },
        { path: '/rollback', body: { expectedCurrentVersion: 2 } },
      ]) {
        const res = await request(backend.server)
          .post(backend.api(`/models/${model}/aliases/production${step.path}`))
          .set('Authorization', backend.asAna)
          .send({ region: 'us-east-1', reason: 'drill', ...step.body });
        expect(res.status).toBe(200);
        moves.push(`${model}:${res.body.move.toVersion}`);
      }
    }
    // A failed write waits out a real backoff (5 s, 10 s, 20 s ...). The drill does not sleep through it:
    // between passes it makes held writes due, as the passing of time would. A trigger while a pass is
    // still running (the router kicks the publisher after each move, and the SDK's own retries sleep)
    // does nothing, so the loop is bounded by time, not by a count of triggers.
    let pending = Infinity;
    const deadline = Date.now() + 120_000;
    while (pending > 0 && Date.now() < deadline) {
      await knex('ssm_outbox')
        .where({ status: 'pending' })
        .update({ next_attempt_at: new Date(Date.now() - 1000) });
      await backend.scheduler.triggerTask(PUBLISHER);
      const [{ count }] = await knex('ssm_outbox')
        .where({ status: 'pending' })
        .count({ count: '*' });
      pending = Number(count);
      if (pending > 0) await new Promise(resolve => setTimeout(resolve, 100));
    }
    expect(pending).toBe(0);
    emulator.faults.setRules([]);

    const bedrock = emulatorSdk(BedrockClient, emulator);
    const jobs = await bedrock.send(new ListModelImportJobsCommand({}));
    expect(jobs.modelImportJobSummaries).toHaveLength(imports.length);

    const history = await knex('alias_history').orderBy('id');
    expect(history.map(h => `${h.model_name}:${h.to_version}`)).toEqual(moves);
    const ssm = emulatorSdk(SSMClient, emulator);
    for (const model of MODELS) {
      const pointer = await knex('alias_pointers')
        .where({ model_name: model, alias: 'production' })
        .first();
      const version = await knex('model_versions')
        .where({ model_name: model, number: pointer.version_number })
        .first();
      const parameter = await ssm.send(
        new GetParameterCommand({
          Name: `/bedrock-models/${model}/production`,
        }),
      );
      expect(pointer.version_number).toBe(1);
      expect(parameter.Parameter?.Value).toBe(version.imported_model_arn);
    }
    await backend.stop();
  });
});
