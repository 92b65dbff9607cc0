import {
  ListModelImportJobsCommand,
  BedrockClient,
} from '@aws-sdk/client-bedrock';
import {
  llama31_8bArtifacts,
  RunningEmulator,
  stageArtifactSet,
  startEmulator,
} from '@bedrock-portal/bedrock-emulator';
import { Knex } from 'knex';
import request from 'supertest';
import { startImportBackend } from '../__testUtils__/importTestBackend';
import {
  insertModel,
  insertVersions,
  memoryDb,
  TEST_ACCOUNT,
} from '../__testUtils__/registryFixtures';
import { emulatorSdk } from '../__testUtils__/emulatorSdk';

jest.setTimeout(120_000);

/** One malformed request: method, path, and what it sends. */
type Case = {
  method: 'get' | 'post' | 'put';
  path: string;
  body?: unknown;
  /** A raw string body sent as JSON content (for broken JSON). */
  raw?: string;
  headers?: Record<string, string>;
};

const LONG = 'x'.repeat(5000);
const MODEL = '/models/summarizer';

/**
 * Bad values for every field of a body, each sent on its own over a good base body, and the base without
 * each of its (required) fields.
 */
function fieldVariants(
  method: 'post' | 'put',
  path: string,
  base: Record<string, unknown>,
  bad: Record<string, unknown[]>,
  headers?: Record<string, string>,
): Case[] {
  const cases: Case[] = [];
  for (const [field, values] of Object.entries(bad)) {
    for (const value of values) {
      cases.push({ method, path, body: { ...base, [field]: value }, headers });
    }
    if (field in base) {
      // Leaving out a field the base sends: each of those is required.
      const without = { ...base };
      delete without[field];
      cases.push({ method, path, body: without, headers });
    }
  }
  cases.push({ method, path, body: { ...base, unexpected: true }, headers });
  cases.push({ method, path, body: [base], headers });
  cases.push({ method, path, raw: '{"region": ', headers });
  cases.push({ method, path, body: 'just a string', headers });
  return cases;
}

function corpus(s3Uri: string): Case[] {
  const importHeaders = { 'Idempotency-Key': 'corpus' };
  const approval = '/approvals/00000000-0000-4000-8000-000000000000';
  const prompt = {
    id: 'p1',
    prompt: 'Say hi',
    checks: { mustContain: ['hi'] },
  };
  const promote = { region: 'us-east-1', version: 2, reason: 'r' };
  const importBody = {
    s3Uri,
    accountId: TEST_ACCOUNT,
    region: 'us-east-1',
    classification: 'internal',
    owner: 'group:default/support-ml',
  };
  return [
    // Queries of the read routes.
    ...[
      'limit=0',
      'limit=201',
      'limit=abc',
      'offset=-1',
      'sort=size',
      'order=up',
      'region=mars-1',
      'account=12',
      'classification=secret',
      'alias=canary',
      'aliasState=set',
      `q=${LONG}`,
      'unknown=1',
      `owner=${'o'.repeat(300)}`,
    ].map(query => ({ method: 'get' as const, path: `/models?${query}` })),
    ...[
      '/models/Not_A_Name',
      `/models/${'a'.repeat(60)}`,
      `${MODEL}/versions/0`,
      `${MODEL}/versions/-1`,
      `${MODEL}/versions/1.5`,
      `${MODEL}/versions/abc`,
      `${MODEL}/versions/99999999999`,
      `${MODEL}/aliases/canary/history?region=us-east-1`,
      `${MODEL}/aliases/production/history`,
      `${MODEL}/aliases/production/history?region=mars-1`,
      `${MODEL}/aliases/production/history?region=us-east-1&at=yesterday`,
      `${MODEL}/cost?from=not-a-date`,
      `${MODEL}/cost?from=${encodeURIComponent('2020-01-01T00:00:00Z')}`,
      `${MODEL}/cost?from=${encodeURIComponent(
        '2026-02-01T00:00:00Z',
      )}&to=${encodeURIComponent('2026-01-01T00:00:00Z')}`,
      `${MODEL}/cost?extra=1`,
      '/quotas',
      `/quotas?account=${TEST_ACCOUNT}`,
      '/quotas?account=999999999999&region=us-east-1',
      `/quotas?account=${TEST_ACCOUNT}&region=ap-south-1`,
      '/report?format=xml',
      '/report?format=csv&x=1',
      '/report?limit=0',
      '/report?limit=501',
      '/report?limit=ten',
      '/report?sort=size',
      '/report?order=up',
      '/report?cursor=not-a-cursor',
      `/report?cursor=${Buffer.from('{"o":-5,"f":"x"}').toString('base64url')}`,
      '/report?status=gone',
      '/report?managed=maybe',
      '/report?production=yes',
      '/report?account=12',
      `/report?q=${LONG}`,
      '/report/facets?x=1',
      '/report?named=maybe',
      '/report?idleDays=0',
      '/report?idleDays=61',
      '/report?idleDays=ten',
      '/report?residency=fine',
      '/report?publishing=ok',
      '/report?sort=lastInvoked',
      '/attention?idleDays=0',
      '/attention?idleDays=100',
      '/attention?idleDays=1.5',
      '/attention?x=1',
      '/audit?kind=delete',
      '/audit?from=yesterday',
      `/audit?from=${encodeURIComponent(
        '2026-02-01T00:00:00Z',
      )}&to=${encodeURIComponent('2026-01-01T00:00:00Z')}`,
      '/audit?limit=0',
      '/audit?limit=501',
      '/audit?cursor=not-a-cursor',
      `/audit?cursor=${Buffer.from('{"a":"x","i":1}').toString('base64url')}`,
      '/audit?model=Bad_Name',
      '/audit?format=pdf',
      `/audit?actor=${'a'.repeat(300)}`,
      '/audit?x=1',
      '/inventory?limit=0',
      '/inventory?limit=1001',
      '/inventory?limit=some',
      '/inventory?after=summarizer',
      `/inventory?limit=5&after=${'a'.repeat(60)}`,
      '/no-such-route',
    ].map(path => ({ method: 'get' as const, path })),
    // Promote and rollback bodies.
    ...fieldVariants('post', `${MODEL}/aliases/production`, promote, {
      region: ['mars-1', 5, null, ''],
      version: [0, -1, 1.5, '2', null, 999],
      reason: ['', '   ', LONG, 7, 'nul \u0000 inside'],
      expectedCurrentVersion: ['1', 0, 1.5],
      dryRun: ['yes', 1, null],
    }),
    ...fieldVariants(
      'post',
      `${MODEL}/aliases/production/rollback`,
      { region: 'us-east-1', reason: 'r' },
      { region: ['mars-1', 3], reason: ['', LONG], dryRun: ['true'] },
    ),
    { method: 'post', path: `${MODEL}/aliases/canary`, body: promote },
    { method: 'post', path: '/models/Nope/aliases/production', body: promote },
    {
      method: 'post',
      path: '/models/nobody/aliases/production',
      body: promote,
    },
    // Retire.
    ...fieldVariants(
      'post',
      `${MODEL}/versions/1/retire`,
      { reason: 'r' },
      {
        reason: ['', LONG, false],
      },
    ),
    {
      method: 'post',
      path: `${MODEL}/versions/0/retire`,
      body: { reason: 'r' },
    },
    {
      method: 'post',
      path: `${MODEL}/versions/42/retire`,
      body: { reason: 'r' },
    },
    // Validation and import.
    ...fieldVariants(
      'post',
      '/validate',
      {
        s3Uri,
        accountId: TEST_ACCOUNT,
        region: 'us-east-1',
        classification: 'internal',
      },
      {
        s3Uri: ['http://bucket/x/', 's3://B/x/', 's3://bucket/no-slash', 42],
        accountId: ['123', '999999999999'],
        region: ['eu-central-1x', 'us-west-2'],
        classification: ['secret'],
        owner: ['nobody', 'component:default/x', 3],
        modelName: ['Bad Name', '', 'x'.repeat(51), 7, null],
      },
    ),
    ...fieldVariants(
      'post',
      '/models/new-model/versions',
      importBody,
      {
        s3Uri: ['s3://bucket', ''],
        accountId: ['abc'],
        region: ['mars-1'],
        classification: [''],
        owner: ['nobody', 'component:default/x', 'group:default/nobody', 3],
        tags: [['Bad Tag'], 'x'],
        title: ['A \u0000 title'],
        lineage: [{ extra: 1 }, 'text'],
      },
      importHeaders,
    ),
    // Approval requests: queries, unknown requests, decision bodies.
    ...[
      '/approvals?status=open',
      '/approvals?mine=all',
      '/approvals?model=Bad_Name',
      '/approvals?x=1',
      approval,
      `/approvals/${'a'.repeat(40)}`,
    ].map(path => ({ method: 'get' as const, path })),
    ...['approve', 'reject', 'cancel'].flatMap(decision =>
      fieldVariants(
        'post',
        `${approval}/${decision}`,
        { reason: 'r' },
        { reason: ['', '  ', LONG, 3, null] },
      ),
    ),
    // Evaluation suites and runs.
    ...fieldVariants(
      'put',
      `${MODEL}/evaluation-suite`,
      { prompts: [prompt] },
      {
        prompts: [
          'all of them',
          [{ ...prompt, id: 'has space' }],
          [{ ...prompt, id: '' }],
          [{ ...prompt, prompt: '' }],
          [{ ...prompt, prompt: 'x'.repeat(8001) }],
          [{ ...prompt, checks: { mustMatch: '(a+)+$' } }],
          [{ ...prompt, checks: { mustMatch: '([' } }],
          [{ ...prompt, checks: { maxLatencyMs: 0 } }],
          [{ ...prompt, checks: { maxOutputTokens: 1.5 } }],
          [{ ...prompt, checks: { mustContain: 'hi' } }],
          [{ ...prompt, checks: { unknown: true } }],
          [{ ...prompt, maxTokens: 5000 }],
          [prompt, prompt],
          Array.from({ length: 51 }, (_, i) => ({ ...prompt, id: `p${i}` })),
        ],
      },
    ),
    {
      method: 'put',
      path: '/models/nobody/evaluation-suite',
      body: { prompts: [prompt] },
    },
    ...fieldVariants(
      'post',
      `${MODEL}/versions/2/evaluations`,
      { region: 'us-east-1' },
      { region: ['mars-1', 4], compareWithAlias: ['canary', 7] },
    ),
    // The model has no suite yet, and there is no version 42.
    {
      method: 'post',
      path: `${MODEL}/versions/2/evaluations`,
      body: { region: 'us-east-1' },
    },
    {
      method: 'post',
      path: `${MODEL}/versions/42/evaluations`,
      body: { region: 'us-east-1' },
    },
    ...[
      `${MODEL}/evaluations?version=abc`,
      `${MODEL}/evaluations?version=0`,
      `${MODEL}/evaluations?x=1`,
      `${MODEL}/evaluations/no-such-run`,
      `${MODEL}/evaluation-suite?x=1`,
      '/models/nobody/evaluation-suite',
    ].map(path => ({ method: 'get' as const, path })),
    // Keep-warm: the policy of a pointer, its cold starts, and the cold starts across models.
    ...[
      `${MODEL}/aliases/production/keep-warm`,
      `${MODEL}/aliases/production/keep-warm?region=mars-1`,
      `${MODEL}/aliases/production/keep-warm?region=us-east-1&x=1`,
      `${MODEL}/aliases/canary/keep-warm?region=us-east-1`,
      '/models/Bad_Name/aliases/production/keep-warm?region=us-east-1',
      `${MODEL}/aliases/production/cold-starts`,
      `${MODEL}/aliases/production/cold-starts?region=us-east-1&days=0`,
      `${MODEL}/aliases/production/cold-starts?region=us-east-1&days=91`,
      `${MODEL}/aliases/production/cold-starts?region=us-east-1&days=abc`,
      `${MODEL}/aliases/production/cold-starts?region=us-east-1&days=1.5`,
      `${MODEL}/aliases/production/cold-starts?region=us-east-1&x=1`,
      '/cold-starts?days=0',
      '/cold-starts?days=100',
      '/cold-starts?days=week',
      '/cold-starts?x=1',
    ].map(path => ({ method: 'get' as const, path })),
    ...fieldVariants(
      'put',
      `${MODEL}/aliases/production/keep-warm`,
      {
        region: 'us-east-1',
        mode: 'windows',
        timeZone: 'Europe/Berlin',
        windows: [
          {
            days: ['mon', 'tue', 'wed', 'thu', 'fri'],
            startHour: 9,
            endHour: 17,
          },
        ],
        reason: 'r',
      },
      {
        region: ['mars-1', 5, null],
        mode: ['sometimes', null, 1],
        intervalMinutes: [0, 60, 2.5, -14, 'fourteen', 1441],
        timeZone: ['Nowhere/Land', 7, 'x'.repeat(65), ''],
        windows: [
          [],
          'business hours',
          [{ days: ['mon'], startHour: 22, endHour: 6 }],
          [{ days: ['mon'], startHour: 9, endHour: 9 }],
          [{ days: [], startHour: 9, endHour: 17 }],
          [{ days: ['moon'], startHour: 9, endHour: 17 }],
          [{ days: ['mon', 'mon'], startHour: 9, endHour: 17 }],
          [{ days: ['mon'], startHour: -1, endHour: 17 }],
          [{ days: ['mon'], startHour: 9, endHour: 25 }],
          [{ days: ['mon'], startHour: 9.5, endHour: 17 }],
          [{ days: ['mon'], startHour: 9 }],
          [{ days: ['mon'], startHour: 9, endHour: 17, tz: 'UTC' }],
          Array.from({ length: 15 }, () => ({
            days: ['mon'],
            startHour: 9,
            endHour: 17,
          })),
        ],
        reason: ['', '   ', LONG, 7],
      },
    ),
    {
      method: 'put',
      path: '/models/nobody/aliases/production/keep-warm',
      body: { region: 'us-east-1', mode: 'always', reason: 'r' },
    },
    {
      method: 'put',
      path: `${MODEL}/aliases/canary/keep-warm`,
      body: { region: 'us-east-1', mode: 'always', reason: 'r' },
    },
    { method: 'post', path: '/models/new-model/versions', body: importBody },
    {
      method: 'post',
      path: '/models/new-model/versions',
      body: importBody,
      headers: { 'Idempotency-Key': 'has space' },
    },
    {
      method: 'post',
      path: '/models/Bad_Name/versions',
      body: importBody,
      headers: importHeaders,
    },
  ];
}

async function snapshot(knex: Knex) {
  const tables = [
    'models',
    'model_versions',
    'alias_pointers',
    'alias_history',
    'ssm_outbox',
    'import_requests',
    'approval_requests',
    'approval_decisions',
    'evaluation_suites',
    'evaluation_runs',
    'evaluation_results',
    'keep_warm_policies',
    'keep_warm_changes',
    'keep_warm_beats',
    'cold_starts',
  ];
  const rows: Record<string, unknown[]> = {};
  for (const table of tables) rows[table] = await knex(table).select();
  return JSON.stringify(rows);
}

describe('a corpus of malformed requests', () => {
  let emulator: RunningEmulator;

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
  });
  afterAll(async () => {
    await emulator.close();
  });

  it('answers every one with a 4xx that says what is wrong, and writes nothing', async () => {
    const knex = memoryDb();
    const backend = await startImportBackend(knex, emulator);
    await insertModel(knex, { name: 'summarizer', owner: 'user:default/ana' });
    await insertVersions(knex, 'summarizer', [{ number: 1 }, { number: 2 }]);
    // A bucket whose artifacts are fine, so only the malformed part of each request is wrong.
    const s3Uri = stageArtifactSet(
      emulator,
      'corpus-bucket',
      'm/',
      llama31_8bArtifacts(),
    );
    const before = await snapshot(knex);

    const cases = corpus(s3Uri);
    expect(cases.length).toBeGreaterThanOrEqual(100);
    const answers: Array<{
      request: string;
      status: number;
      message?: string;
    }> = [];
    for (const c of cases) {
      let req = request(backend.server)
        [c.method](backend.api(c.path))
        .set('Authorization', backend.asAna);
      for (const [name, value] of Object.entries(c.headers ?? {})) {
        req = req.set(name, value);
      }
      if (c.raw !== undefined) {
        req = req.set('Content-Type', 'application/json').send(c.raw);
      } else if (c.body !== undefined) {
        req = req.send(c.body as object);
      }
      const res = await req;
      answers.push({
        request: `${c.method.toUpperCase()} ${c.path} ${JSON.stringify(
          c.body ?? c.raw ?? '',
        ).slice(0, 80)}`,
        status: res.status,
        message: res.body?.error?.message,
      });
    }
    const notClientErrors = answers.filter(
      a => a.status < 400 || a.status >= 500,
    );
    expect(notClientErrors).toEqual([]);
    // Every refusal carries a message (404s of unknown routes included).
    expect(answers.filter(a => !a.message)).toEqual([]);
    // A bad model name or version is refused with the rule, not the OpenAPI schema's pattern.
    expect(
      answers.filter(a =>
        /^request\/(params|query)\/(model|version) /.test(a.message ?? ''),
      ),
    ).toEqual([]);
    expect(answers).toContainEqual({
      request: 'GET /models/Not_A_Name ""',
      status: 400,
      message:
        'Invalid model name "Not_A_Name": Model name may only hold lower-case letters and digits in words joined by single hyphens (for example "support-summarizer-2"), with no hyphen at the start or end.',
    });
    expect(await snapshot(knex)).toBe(before);
    const bedrock = emulatorSdk(BedrockClient, emulator);
    const jobs = await bedrock.send(new ListModelImportJobsCommand({}));
    expect(jobs.modelImportJobSummaries ?? []).toEqual([]);
    await backend.stop();
  });
});
