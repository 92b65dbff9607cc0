import {
  BedrockClient,
  ListModelImportJobsCommand,
} from '@aws-sdk/client-bedrock';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockCredentials } from '@backstage/backend-test-utils';
import {
  llama31_8bArtifacts,
  RunningEmulator,
  stageArtifactSet,
  startEmulator,
} from '@bedrock-portal/bedrock-emulator';
import knexFactory, { Knex } from 'knex';
import { ANA, OWNER } from '../__testUtils__/importTestBackend';
import {
  insertModel,
  insertVersions,
  TEST_ACCOUNT,
  testArn,
} from '../__testUtils__/registryFixtures';
import {
  DrillBackend,
  drillBackendConfig,
  freePort,
  startDrillBackend,
} from './__testUtils__/drillBackends';
import { emulatorSdk } from '../__testUtils__/emulatorSdk';

jest.setTimeout(300_000);

// These drills run real backend processes on PostgreSQL, as production does.
const POSTGRES =
  process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING ??
  'postgresql://postgres@127.0.0.1:5432';
const AUTH = mockCredentials.user.header(ANA);

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

async function call(
  backend: DrillBackend,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  const res = await fetch(`${backend.url}/api/bedrock-models${path}`, {
    method,
    headers: {
      Authorization: AUTH,
      'Content-Type': 'application/json',
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

describe('process drills (PostgreSQL, real backend processes)', () => {
  let emulator: RunningEmulator;
  let prefix: string;
  const started: DrillBackend[] = [];

  beforeEach(async () => {
    prefix = `drill_${Date.now()}_`;
  });
  afterEach(async () => {
    for (const backend of started.splice(0)) await backend.kill('SIGTERM');
    await emulator?.close();
    // backend-defaults made one database per plugin under the prefix.
    const admin = knexFactory({ client: 'pg', connection: POSTGRES });
    const { rows } = await admin.raw(
      'select datname from pg_database where datname like ?',
      [`${prefix}%`],
    );
    for (const { datname } of rows) {
      await admin.raw(`drop database "${datname}" with (force)`);
    }
    await admin.destroy();
  });

  async function start(): Promise<DrillBackend> {
    const backend = await startDrillBackend(
      drillBackendConfig({
        port: await freePort(),
        postgres: POSTGRES,
        databasePrefix: prefix,
        emulator,
      }),
    );
    started.push(backend);
    return backend;
  }

  /**
   * Imports, SIGKILLs the backend while the job runs, starts another and waits for the version. With a
   * slow GetModelImportJob every tracker pass lasts seconds, so the kill lands inside one and the new
   * process must wait for the scheduler to free the dead one's claim on the task.
   */
  it.each([
    {
      insidePass: false,
      // The kill may land inside a pass or between two.
      claimHeldAfterKill: expect.any(Boolean),
      title:
        'finishes an import once when the backend is killed (SIGKILL) in the middle of it',
    },
    {
      insidePass: true,
      // The dead process still holds the tracker task: the case this drill is about.
      claimHeldAfterKill: true,
      title:
        'resumes tracking when the backend is killed inside a tracker pass, and finishes the import once',
    },
  ])('$title', async options => {
    // An import job takes 600 s in AWS; here 10 s, long enough to kill the backend while it runs.
    emulator = await startEmulator({ port: 0, timeScale: 60 });
    if (options.insidePass) {
      emulator.faults.setRules([
        {
          service: 'bedrock',
          operation: 'GetModelImportJob',
          latencyMs: 3_000,
        },
      ]);
    }
    const uri = stageArtifactSet(
      emulator,
      'drill-kill',
      'llama/',
      llama31_8bArtifacts(),
    );
    const body = {
      s3Uri: uri,
      accountId: TEST_ACCOUNT,
      region: 'us-east-1',
      classification: 'internal',
      owner: OWNER,
    };
    const first = await start();
    const res = await call(first, 'POST', '/models/kill-drill/versions', body, {
      'Idempotency-Key': 'kill-drill-1',
    });
    expect(res.status).toBe(202);
    expect(res.body.version.jobArn).toBeDefined();
    // With the slow call, a pass has begun by now and waits on GetModelImportJob.
    await sleep(options.insidePass ? 2_000 : 1_000);
    await first.kill('SIGKILL');
    started.splice(started.indexOf(first), 1);
    emulator.faults.setRules([]);
    const tasks = knexFactory({
      client: 'pg',
      connection: `${POSTGRES}/${prefix}bedrock-models`,
    });
    try {
      const task = await tasks('backstage_backend_tasks__tasks')
        .where({ id: 'bedrock-models:import-tracker' })
        .first();
      expect(task.current_run_ticket !== null).toEqual(
        options.claimHeldAfterKill,
      );
    } finally {
      await tasks.destroy();
    }

    const second = await start();
    let version = res.body.version;
    // If the kill landed inside a tracker pass, the task stays claimed until its 1-minute timeout and the
    // scheduler's janitor (every minute) free it: allow for both.
    const deadline = Date.now() + 180_000;
    while (version.status === 'importing' && Date.now() < deadline) {
      await sleep(500);
      version = (await call(second, 'GET', '/models/kill-drill/versions/1'))
        .body;
    }
    expect(version.status).toBe('ready');
    // The client retries its request against the new process: same version, no new job.
    const retry = await call(
      second,
      'POST',
      '/models/kill-drill/versions',
      body,
      {
        'Idempotency-Key': 'kill-drill-1',
      },
    );
    expect(retry.body).toMatchObject({
      created: false,
      version: { number: 1 },
    });
    const model = await call(second, 'GET', '/models/kill-drill');
    expect(model.body.versions).toHaveLength(1);
    const bedrock = emulatorSdk(BedrockClient, emulator);
    const jobs = await bedrock.send(new ListModelImportJobsCommand({}));
    expect(jobs.modelImportJobSummaries).toHaveLength(1);
  });

  it('keeps one linear history when two backends take 50 concurrent promotes and rollbacks', async () => {
    emulator = await startEmulator({ port: 0 });
    const a = await start();
    const b = await start();
    const knex: Knex = knexFactory({
      client: 'pg',
      connection: `${POSTGRES}/${prefix}bedrock-models`,
    });
    try {
      await insertModel(knex, { name: 'race', owner: ANA });
      await insertVersions(
        knex,
        'race',
        [1, 2, 3].map(number => ({ number })),
      );

      const requests = Array.from({ length: 50 }, (_, i) => {
        const backend = i % 2 === 0 ? a : b;
        return i % 4 === 3
          ? call(backend, 'POST', '/models/race/aliases/production/rollback', {
              region: 'us-east-1',
              reason: `rollback ${i}`,
            })
          : call(backend, 'POST', '/models/race/aliases/production', {
              region: 'us-east-1',
              version: (i % 3) + 1,
              reason: `promote ${i}`,
            });
      });
      const answers = await Promise.all(requests);
      // Refused moves (nothing to roll back to, already there) are 4xx; nothing is a 5xx.
      expect(answers.filter(r => r.status >= 500)).toEqual([]);
      const moved = answers.filter(r => r.status === 200).length;

      const history = await knex('alias_history')
        .where({ model_name: 'race', alias: 'production', region: 'us-east-1' })
        .orderBy('seq');
      expect(history).toHaveLength(moved);
      history.forEach((row, k) => {
        expect(row.seq).toBe(k + 1);
        expect(row.from_version).toBe(
          k === 0 ? null : history[k - 1].to_version,
        );
      });
      const pointer = await knex('alias_pointers')
        .where({ model_name: 'race', alias: 'production', region: 'us-east-1' })
        .first();
      expect(pointer.version_number).toBe(history.at(-1).to_version);
      expect(pointer.revision).toBe(moved);

      // The outbox publisher (one runner across both processes) brings SSM in step.
      const deadline = Date.now() + 120_000;
      let pending = Infinity;
      while (pending > 0 && Date.now() < deadline) {
        const [{ count }] = await knex('ssm_outbox')
          .where({ status: 'pending' })
          .count({ count: '*' });
        pending = Number(count);
        if (pending > 0) await sleep(500);
      }
      expect(pending).toBe(0);
      const ssm = emulatorSdk(SSMClient, emulator);
      const parameter = await ssm.send(
        new GetParameterCommand({ Name: '/bedrock-models/race/production' }),
      );
      expect(parameter.Parameter?.Value).toBe(testArn(pointer.version_number));
    } finally {
      await knex.destroy();
    }
  });
});
