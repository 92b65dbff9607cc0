import type {
  ModelCostReport,
  QuotaReport,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { ACCOUNT, MODEL } from './modelFixtures';

/** Three days of cost: v1 and v2 in us-east-1. */
export function costReport(): ModelCostReport {
  const day = (d: string, compute: number, storage: number) => ({
    day: d,
    cmuMinutes: compute * 10,
    compute,
    storage,
  });
  return {
    modelName: MODEL,
    owner: 'group:default/support-ml',
    from: '2026-10-21T12:00:00.000Z',
    to: '2026-11-20T12:00:00.000Z',
    versions: [
      {
        version: 1,
        region: 'us-east-1',
        accountId: ACCOUNT,
        cmusPerCopy: 2,
        days: [day('2026-11-18', 10, 0.13), day('2026-11-19', 5, 0.13)],
        compute: 15,
        storage: 0.26,
        total: 15.26,
        notes: [],
      },
      {
        version: 2,
        region: 'us-east-1',
        accountId: ACCOUNT,
        cmusPerCopy: 2,
        days: [day('2026-11-19', 40, 0.13), day('2026-11-20', 60, 0.13)],
        compute: 100,
        storage: 0.26,
        total: 100.26,
        notes: ['No CloudWatch data for the last hour yet.'],
      },
    ],
    totals: {
      compute: 115,
      storage: 0.52,
      total: 115.52,
      byRegion: { 'us-east-1': 115.52 },
    },
    monthlyProjection: 1155.2,
    prices: {
      currency: 'USD',
      cmuMinute: { 'us-east-1': 0.0785 },
      storageCmuMonth: 1.95,
      source: 'bedrockModels.pricing in app-config.yaml',
    },
  };
}

/** Quotas in one account and Region. */
export function quotaReport(
  region: string,
  overrides: Partial<QuotaReport> = {},
): QuotaReport {
  return {
    accountId: ACCOUNT,
    region,
    importedModels: {
      quotaCode: 'L-45B04988',
      name: 'Imported models per account',
      used: 4,
      limit: 5,
    },
    concurrentImportJobs: {
      quotaCode: 'L-5F098EFA',
      name: 'Concurrent import jobs',
      used: 1,
      limit: 1,
    },
    limitsReadAt: '2026-11-20T11:00:00.000Z',
    ...overrides,
  };
}
