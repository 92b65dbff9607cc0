import type {
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
