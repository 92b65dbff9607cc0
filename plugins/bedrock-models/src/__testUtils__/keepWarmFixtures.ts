import type {
  ColdStartAttention,
  ColdStartStats,
  KeepWarmView,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { MODEL } from './modelFixtures';

/** A pointer's keep-warm view: off until a test says otherwise, editable by the caller. */
export function keepWarmView(
  alias: string,
  region: string,
  overrides: Partial<KeepWarmView> = {},
): KeepWarmView {
  return {
    modelName: MODEL,
    alias,
    region,
    version: 2,
    policy: { mode: 'off', intervalMinutes: 14, windows: [] },
    estimate: {
      windowsPerMonth: 0,
      cmusPerCopy: 2,
      pricePerCmuMinute: 0.05718,
      monthlyCost: 0,
      currency: 'USD',
      notes: [],
    },
    timing: {
      evictionMinutes: 60,
      leadMinutes: 10,
      defaultIntervalMinutes: 14,
    },
    history: [],
    canEdit: true,
    ...overrides,
  };
}

/** A pointer's cold starts: none measured unless a test says otherwise. */
export function coldStartStats(
  alias: string,
  region: string,
  overrides: Partial<ColdStartStats> = {},
): ColdStartStats {
  return {
    modelName: MODEL,
    alias,
    region,
    days: 30,
    count: 0,
    insidePolicy: 0,
    items: [],
    ...overrides,
  };
}

/** Models whose calls met cold starts, as `GET /cold-starts` answers: one unless a test says otherwise. */
export function coldStartAttention(
  overrides: Partial<ColdStartAttention> = {},
): ColdStartAttention {
  return {
    days: 7,
    items: [
      {
        modelName: 'support-assistant',
        owner: 'group:default/support-ml',
        region: 'us-east-1',
        count: 3,
        lastAt: '2026-11-20T08:05:00.000Z',
        p95WaitedMs: 41_000,
        pointers: [
          { alias: 'production', keepWarm: 'off' },
          { alias: 'staging', keepWarm: 'windows' },
        ],
      },
    ],
    ...overrides,
  };
}
