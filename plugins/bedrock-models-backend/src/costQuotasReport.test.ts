import {
  BedrockClient,
  CreateModelImportJobCommand,
} from '@aws-sdk/client-bedrock';
import {
  CloudWatchClient,
  GetMetricDataCommand,
} from '@aws-sdk/client-cloudwatch';
import { ConfigReader } from '@backstage/config';
import { DefaultAwsCredentialsManager } from '@backstage/integration-aws-node';
import {
  GovernanceReport,
  ModelCostReport,
  ModelVersion,
  QuotaReport,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import {
  llama31_8bArtifacts,
  RunningEmulator,
  stageArtifactSet,
  startEmulator,
} from '@bedrock-portal/bedrock-emulator';
import request from 'supertest';
import { AwsClients } from './aws/AwsClients';
import { ModelCopyMetrics } from './aws/ModelCopyMetrics';
import { readRegistryConfig } from './config/readRegistryConfig';
import { CostEstimates } from './service/CostEstimates';
import { ErrorReporter } from './service/ErrorReporter';
import { applyMigrations } from './database/migrateDatabase';
import { registryStoresOn } from './database/RegistryStores';
import { mockServices } from '@backstage/backend-test-utils';
import {
  importTestConfig,
  startImportBackend,
  TASKS,
} from './__testUtils__/importTestBackend';
import { memoryDb, TEST_ACCOUNT } from './__testUtils__/registryFixtures';
import { emulatorSdk } from './__testUtils__/emulatorSdk';

jest.setTimeout(120_000);

const DAY = 24 * 3600 * 1000;

describe('cost, quotas, report and settings (demo seed, after discovery)', () => {
  let emulator: RunningEmulator;
  let backend: Awaited<ReturnType<typeof startImportBackend>>;
  const get = (path: string) =>
    request(backend.server)
      .get(backend.api(path))
      .set('Authorization', backend.asAna);

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, seed: 'demo' });
    backend = await startImportBackend(memoryDb(), emulator);
    await backend.scheduler.triggerTask(TASKS.discovery);
  });
  afterAll(async () => {
    await backend.stop();
    await emulator.close();
  });

  it('prices a version from its ModelCopy windows and its storage', async () => {
    // Whole UTC days, all inside the month the seed recorded traffic for.
    const to = new Date(Math.floor(Date.now() / DAY) * DAY - 13 * DAY);
    const from = new Date(to.getTime() - 10 * DAY);
    const res = await get(
      `/models/support-summarizer/cost?from=${encodeURIComponent(
        from.toISOString(),
      )}&to=${encodeURIComponent(to.toISOString())}`,
    );
    expect(res.status).toBe(200);
    const report: ModelCostReport = res.body;
    const v1 = report.versions.find(v => v.version === 1)!;
    expect(v1).toMatchObject({
      region: 'us-east-1',
      cmusPerCopy: 2,
      notes: [],
    });
    expect(v1.days).toHaveLength(10);

    // Independently: the seed writes one ModelCopy value per 5-minute window, so the daily Sum is
    // the sum of copies over the day's windows.
    const cloudWatch = emulatorSdk(CloudWatchClient, emulator);
    const { MetricDataResults } = await cloudWatch.send(
      new GetMetricDataCommand({
        StartTime: from,
        EndTime: to,
        MetricDataQueries: [
          {
            Id: 'copies',
            MetricStat: {
              Metric: {
                Namespace: 'AWS/Bedrock',
                MetricName: 'ModelCopy',
                Dimensions: [{ Name: 'ModelId', Value: v1.importedModelArn }],
              },
              Period: 86400,
              Stat: 'Sum',
            },
          },
        ],
      }),
    );
    const copyWindows = (MetricDataResults?.[0].Values ?? []).reduce(
      (n, value) => n + value,
      0,
    );
    expect(copyWindows).toBeGreaterThan(0);
    const cmuMinutes = v1.days.reduce((n, d) => n + d.cmuMinutes, 0);
    expect(cmuMinutes).toBeCloseTo(copyWindows * 2 * 5, 6);
    expect(v1.compute).toBeCloseTo(cmuMinutes * 0.05718, 6);
    // Kept all ten days: 2 CMUs x 1.95 per CMU-month x 10/30.
    expect(v1.storage).toBeCloseTo((2 * 1.95 * 10) / 30, 6);
    expect(report.totals.total).toBeCloseTo(
      report.versions.reduce((n, v) => n + v.total, 0),
      6,
    );
    expect(report.monthlyProjection).toBeCloseTo(report.totals.total * 3, 6);
    expect(report.prices).toMatchObject({
      currency: 'USD',
      source: 'test prices',
    });
  });

  it('refuses a bad period with what to fix', async () => {
    const res = await get(
      `/models/support-summarizer/cost?from=${encodeURIComponent(
        '2026-01-01T00:00:00Z',
      )}&to=${encodeURIComponent('2025-01-01T00:00:00Z')}`,
    );
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(
      'Invalid query: from: from must be before to',
    );
    expect((await get('/models/nobody/cost')).status).toBe(404);
    const old = await get(
      `/models/support-summarizer/cost?from=${encodeURIComponent(
        new Date(Date.now() - 70 * DAY).toISOString(),
      )}`,
    );
    expect(old.status).toBe(400);
    expect(old.body.error.message).toContain(
      'from must be within the last 63 days',
    );
  });

  it('charges nothing for days that have not happened', async () => {
    const from = new Date(Date.now() - 2 * DAY);
    const to = new Date(Date.now() + 60 * DAY);
    const res = await get(
      `/models/support-summarizer/cost?from=${encodeURIComponent(
        from.toISOString(),
      )}&to=${encodeURIComponent(to.toISOString())}`,
    );
    expect(res.status).toBe(200);
    const v2 = (res.body as ModelCostReport).versions.find(
      v => v.version === 2,
    )!;
    // Two days kept, not 62: 2 CMUs x 1.95 x 2/30 (allowing for the seconds the request took).
    expect(v2.storage).toBeCloseTo((2 * 1.95 * 2) / 30, 3);
  });

  it('reports quota use against Service Quotas limits', async () => {
    const res = await get(`/quotas?account=${TEST_ACCOUNT}&region=us-east-1`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject<Partial<QuotaReport>>({
      accountId: TEST_ACCOUNT,
      region: 'us-east-1',
      importedModels: {
        quotaCode: 'L-45B04988',
        name: 'Imported models per account',
        used: 2,
        limit: 3,
      },
      concurrentImportJobs: {
        quotaCode: 'L-5F098EFA',
        name: 'Concurrent model import jobs',
        used: 0,
        limit: 1,
      },
    });
    const bad = await get(`/quotas?account=${TEST_ACCOUNT}&region=ap-south-1`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain(
      'region: must be a managed Region',
    );
  });

  it('counts import jobs started outside the portal against the job quota, once discovery has seen them', async () => {
    const uri = stageArtifactSet(
      emulator,
      'console-uploads',
      'by-hand/',
      llama31_8bArtifacts(),
    );
    await emulatorSdk(BedrockClient, emulator).send(
      new CreateModelImportJobCommand({
        jobName: 'started-in-the-console',
        importedModelName: 'console-model',
        roleArn: `arn:aws:iam::${TEST_ACCOUNT}:role/x`,
        modelDataSource: { s3DataSource: { s3Uri: uri } },
      }),
    );
    const before = await get(
      `/quotas?account=${TEST_ACCOUNT}&region=us-east-1`,
    );
    expect(before.body.concurrentImportJobs.used).toBe(0);
    await backend.scheduler.triggerTask(TASKS.discovery);
    const res = await get(`/quotas?account=${TEST_ACCOUNT}&region=us-east-1`);
    expect(res.body.concurrentImportJobs).toMatchObject({
      used: 1,
      limit: 1,
      note: expect.stringContaining(
        'Includes 1 job started outside the portal, running when discovery last looked',
      ),
    });
  });

  it('lists every version with owner, pointers and a monthly estimate, as JSON and CSV', async () => {
    const res = await get('/report');
    expect(res.status).toBe(200);
    const report: GovernanceReport = res.body;
    expect(
      report.rows.map(r => `${r.model} v${r.version} ${r.region}`),
    ).toEqual([
      'claims-triage v1 eu-central-1',
      'support-summarizer v1 us-east-1',
      'support-summarizer v2 us-east-1',
      'support-summarizer v3 eu-central-1',
    ]);
    const v2 = report.rows.find(
      r => r.model === 'support-summarizer' && r.version === 2,
    )!;
    expect(v2).toMatchObject({
      owner: 'group:default/support-ml',
      classification: 'internal',
      accountId: TEST_ACCOUNT,
      status: 'ready',
      architecture: 'llama',
      pointers: [],
      managed: true,
    });
    // Live versions cost at least their storage: 2 CMUs x 1.95.
    expect(v2.estimatedMonthlyCost).toBeGreaterThan(3.9);
    expect(report.lastSyncAt).toEqual(expect.any(String));
    // Discovery's outcome comes from the database, so every replica reports it, not only the one that ran it.
    expect(report.sync.map(state => [state.region, state.lastError])).toEqual(
      expect.arrayContaining([['us-east-1', undefined]]),
    );
    expect(report.sync.every(state => state.lastSuccessAt)).toBe(true);
    expect(report.staleSince).toBeUndefined();

    const csv = await get('/report?format=csv');
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.text.trim().split('\r\n');
    expect(lines[0]).toBe(
      'model,version,owner,classification,account,region,status,architecture,imported_model_arn,pointers,production_version,last_promoted_by,last_promoted_at,managed,created_by,created_at,estimated_monthly_cost,invocations_30d,last_invoked_at,residency_violation,publishing_failing',
    );
    expect(lines).toHaveLength(5);
    // The page's filters narrow the export as they narrow the table.
    const filtered = await get(
      '/report?format=csv&region=eu-central-1&q=SUMMAR&managed=managed',
    );
    expect(filtered.text.trim().split('\r\n').slice(1)).toEqual([
      expect.stringMatching(/^support-summarizer,3,.*,eu-central-1,/),
    ]);
    const json = await get('/report?production=serving&status=ready');
    expect(json.body.rows).toEqual([]);
    expect((await get('/report?managed=maybe')).status).toBe(400);
    expect(lines[2]).toMatch(
      /^support-summarizer,1,group:default\/support-ml,internal,123456789012,us-east-1,ready,llama,arn:aws:bedrock:/,
    );
    expect((await get('/report?format=xml')).status).toBe(400);
  });

  it('pages the report with a cursor over the same filters and order, with totals of every matching row, and lists the facets', async () => {
    const first = await get('/report?limit=2&sort=region&order=desc');
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ totalCount: 4 });
    expect(first.body.rows.map((r: { region: string }) => r.region)).toEqual([
      'us-east-1',
      'us-east-1',
    ]);
    expect(first.body.totals.versions).toBe(4);
    expect(first.body.totals.estimatedMonthlyCost).toBeGreaterThan(0);
    const second = await get(
      `/report?limit=2&sort=region&order=desc&cursor=${first.body.nextCursor}`,
    );
    expect(second.body.rows.map((r: { region: string }) => r.region)).toEqual([
      'eu-central-1',
      'eu-central-1',
    ]);
    expect(second.body.nextCursor).toBeUndefined();
    // A cursor made for other filters or another order is refused, not misread.
    const other = await get(
      `/report?limit=2&sort=model&cursor=${first.body.nextCursor}`,
    );
    expect(other.status).toBe(400);
    expect(other.body.error.message).toContain('Invalid cursor');
    const facets = await get('/report/facets');
    expect(facets.body).toMatchObject({
      region: ['eu-central-1', 'us-east-1'],
      owner: ['group:default/claims-ai', 'group:default/support-ml'],
    });
  });

  it("reads invocations with the estimates, and points at what needs attention with the report's own figures", async () => {
    const all = (await get('/report?limit=500')).body as GovernanceReport;
    const v1 = all.rows.find(
      r => r.model === 'support-summarizer' && r.version === 1,
    )!;
    // The seed records a month of weekday traffic: read in the same calls as the copies.
    expect(v1.invocations30d).toBeGreaterThan(0);
    expect(Date.parse(v1.lastInvokedAt!)).toBeGreaterThan(
      Date.now() - 30 * DAY,
    );
    const cloudWatch = emulatorSdk(CloudWatchClient, emulator);
    const to = new Date();
    const { MetricDataResults } = await cloudWatch.send(
      new GetMetricDataCommand({
        StartTime: new Date(to.getTime() - 30 * DAY),
        EndTime: to,
        MetricDataQueries: [
          {
            Id: 'calls',
            MetricStat: {
              Metric: {
                Namespace: 'AWS/Bedrock',
                MetricName: 'Invocations',
                Dimensions: [{ Name: 'ModelId', Value: v1.importedModelArn }],
              },
              Period: 3600,
              Stat: 'Sum',
            },
          },
        ],
      }),
    );
    const calls = (MetricDataResults?.[0].Values ?? []).reduce(
      (n, value) => n + value,
      0,
    );
    // The estimate was read moments earlier: at most the calls of an hour at its edge apart.
    expect(Math.abs(calls - v1.invocations30d!)).toBeLessThanOrEqual(
      calls * 0.05,
    );

    const attention = await get('/attention?idleDays=30');
    expect(attention.status).toBe(200);
    expect(attention.body.totalMonthlyCost).toBeCloseTo(
      all.totals.estimatedMonthlyCost,
      6,
    );
    const unnamed = attention.body.items.find(
      (i: { kind: string }) => i.kind === 'unnamed-cost',
    );
    expect(unnamed.filters).toEqual({ status: 'ready', named: 'unnamed' });
    const listed = (await get('/report?status=ready&named=unnamed&limit=500'))
      .body as GovernanceReport;
    expect(unnamed.count).toBe(listed.totalCount);
    expect(unnamed.estimatedMonthlyCost).toBeCloseTo(
      listed.totals.estimatedMonthlyCost,
      6,
    );
    expect(unnamed.share).toBeCloseTo(
      listed.totals.estimatedMonthlyCost / all.totals.estimatedMonthlyCost,
      6,
    );
    // Items are what needs looking at, most costly first.
    const costs = attention.body.items.map(
      (i: { estimatedMonthlyCost?: number }) => i.estimatedMonthlyCost ?? 0,
    );
    expect(costs).toEqual([...costs].sort((a, b) => b - a));
    expect(
      attention.body.items.every((i: { count: number }) => i.count > 0),
    ).toBe(true);
    expect((await get('/attention?idleDays=0')).body.error.message).toBe(
      'Invalid query: idleDays: must be 1 to 60 days',
    );
  });

  it('keeps an audit trail of the imports, as JSON pages and CSV', async () => {
    const first = await get('/audit?limit=2&kind=import');
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(2);
    expect(first.body.items[0]).toMatchObject({ kind: 'import' });
    const rest = await get(
      `/audit?limit=500&kind=import&cursor=${first.body.nextCursor}`,
    );
    const ids = [...first.body.items, ...rest.body.items].map(
      (e: { id: string }) => e.id,
    );
    expect(new Set(ids).size).toBe(ids.length);
    const csv = await get('/audit?format=csv&kind=import');
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.text.trim().split('\r\n')).toHaveLength(ids.length + 1);
    expect((await get('/audit?from=yesterday')).status).toBe(400);
  });

  it('shares estimates between replicas through the database, and keeps the last good ones, saying since when, while CloudWatch fails', async () => {
    const details = await get('/models/support-summarizer');
    const versions: ModelVersion[] = details.body.versions;
    const rootConfig = new ConfigReader(importTestConfig(emulator));
    const knex = memoryDb();
    await applyMigrations(knex);
    let now = new Date();
    const cloudWatchCalls: string[] = [];
    // Two replicas: their own AWS clients and services, one database.
    const replica = () => {
      const clients = new AwsClients(
        DefaultAwsCredentialsManager.fromConfig(rootConfig),
        emulator.endpoint,
      );
      clients.onCall(call => {
        if (call.service === 'cloudwatch') cloudWatchCalls.push(call.operation);
      });
      const stores = registryStoresOn(knex);
      return new CostEstimates({
        metrics: new ModelCopyMetrics(clients),
        models: stores.models,
        costs: stores.costs,
        errors: new ErrorReporter(mockServices.logger.mock()),
        config: readRegistryConfig(rootConfig),
        now: () => now,
      });
    };
    const [first, second] = [replica(), replica()];
    try {
      const good = await first.monthlyEstimates(versions);
      const readAt = now;
      expect(good.staleSince).toBeUndefined();
      expect(cloudWatchCalls.length).toBeGreaterThan(0);

      // Within the hour the other replica answers from what the first read: no CloudWatch call.
      cloudWatchCalls.length = 0;
      const shared = await second.monthlyEstimates(versions);
      expect(cloudWatchCalls).toEqual([]);
      for (const version of versions) {
        expect(shared.byVersion.get(version)).toBe(good.byVersion.get(version));
      }

      // Two hours on, CloudWatch fails: the replica that never read it still has the last good figures.
      emulator.faults.setRules([
        { service: 'cloudwatch', errorRate: 1, errorStatus: 503 },
      ]);
      now = new Date(now.getTime() + 2 * 3600 * 1000);
      const stale = await second.monthlyEstimates(versions);
      expect(stale.staleSince).toEqual(readAt);
      expect(stale.errors[0]).toContain('CloudWatch in us-east-1: ');
      for (const version of versions) {
        expect(stale.byVersion.get(version)).toBe(good.byVersion.get(version));
      }
    } finally {
      emulator.faults.setRules([]);
      await knex.destroy();
    }
  });

  it("gives a model's page discovery's state in the Regions the model has versions in", async () => {
    const res = await get('/models/claims-triage');
    expect(res.status).toBe(200);
    expect(
      res.body.sync.map((state: { region: string }) => state.region),
    ).toEqual(['eu-central-1']);
    expect(res.body.sync[0]).toMatchObject({
      accountId: TEST_ACCOUNT,
      lastSuccessAt: expect.any(String),
    });
    expect(res.body.sync[0].lastError).toBeUndefined();
  });

  it('gives the settings the pages need', async () => {
    const res = await get('/settings');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      accounts: [
        { accountId: TEST_ACCOUNT, regions: ['us-east-1', 'eu-central-1'] },
      ],
      aliases: ['production', 'staging'],
      classifications: ['public', 'internal', 'confidential', 'phi'],
      dataResidency: {},
      ssmParameterPrefix: '/bedrock-models',
      prices: {
        currency: 'USD',
        cmuMinute: { 'us-east-1': 0.05718, 'eu-central-1': 0.07144 },
        storageCmuMonth: 1.95,
        alwaysOnHourly: {},
        source: 'test prices',
      },
      // How keep-warm heartbeats are timed (the defaults), for the page's keep-warm cost and dialog.
      keepWarm: {
        evictionMinutes: 60,
        leadMinutes: 10,
        defaultIntervalMinutes: 14,
      },
    });
  });
});
