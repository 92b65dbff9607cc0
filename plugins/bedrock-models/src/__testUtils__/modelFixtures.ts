import type { Entity } from '@backstage/catalog-model';
import {
  AliasPointer,
  ModelDetails,
  ModelVersion,
  PointerMove,
  PortalSettings,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';

export const ACCOUNT = '111122223333';
export const MODEL = 'support-assistant';

const arnOf = (n: number, region = 'us-east-1') =>
  `arn:aws:bedrock:${region}:${ACCOUNT}:imported-model/${MODEL}-v${n}`;

/** A version with sensible defaults; override what a test is about. */
export function aVersion(
  number: number,
  overrides: Partial<ModelVersion> = {},
): ModelVersion {
  const region = overrides.region ?? 'us-east-1';
  return {
    modelName: MODEL,
    number,
    region,
    accountId: ACCOUNT,
    status: 'ready',
    importedModelArn: arnOf(number, region),
    importedModelName: `${MODEL}-v${number}`,
    s3Uri: `s3://ml-artifacts/${MODEL}/v${number}/`,
    architecture: 'llama',
    instructSupported: true,
    cmusPerCopy: 2,
    managed: true,
    createdBy: 'user:default/ana',
    createdAt: `2026-11-0${Math.min(number, 9)}T10:00:00.000Z`,
    updatedAt: `2026-11-0${Math.min(number, 9)}T10:30:00.000Z`,
    ...overrides,
  };
}

/** A pointer with sensible defaults. */
export function aPointer(
  alias: string,
  region: string,
  version: number,
  overrides: Partial<AliasPointer> = {},
): AliasPointer {
  return {
    modelName: MODEL,
    alias,
    region,
    accountId: '123456789012',
    version,
    revision: 1,
    updatedBy: 'user:default/ana',
    updatedAt: '2026-11-10T09:00:00.000Z',
    parameterName: `/bedrock-models/${MODEL}/${alias}`,
    ...overrides,
  };
}

/** A move in a pointer's history. */
export function aMove(overrides: Partial<PointerMove> = {}): PointerMove {
  return {
    id: 1,
    modelName: MODEL,
    alias: 'production',
    region: 'us-east-1',
    seq: 1,
    kind: 'promote',
    fromVersion: null,
    toVersion: 1,
    actor: 'user:default/ana',
    at: '2026-11-02T09:00:00.000Z',
    reason: 'first release',
    ...overrides,
  };
}

/**
 * support-assistant: in us-east-1 production names v2 (moved from v1 by bob), staging names v3,
 * v4 failed to import; in eu-central-1 production names v5 and v6 is still importing.
 */
export function modelDetails(
  overrides: Partial<ModelDetails> = {},
): ModelDetails {
  return {
    model: {
      name: MODEL,
      title: 'Support assistant',
      description: 'Answers support tickets',
      owner: 'group:default/support-ml',
      classification: 'internal',
      lineage: { baseModel: 'meta-llama/Llama-3.1-8B-Instruct' },
      tags: [],
      createdBy: 'user:default/ana',
      createdAt: '2026-11-01T10:00:00.000Z',
      updatedAt: '2026-11-10T09:00:00.000Z',
    },
    versions: [
      aVersion(1, { coldStartMs: 14_200 }),
      aVersion(2),
      aVersion(3, { architecture: 'qwen2', instructSupported: false }),
      aVersion(4, {
        status: 'failed',
        importedModelArn: undefined,
        failureMessage: 'config.json is missing',
        cmusPerCopy: undefined,
      }),
      aVersion(5, { region: 'eu-central-1' }),
      aVersion(6, {
        region: 'eu-central-1',
        status: 'importing',
        importedModelArn: undefined,
      }),
    ],
    pointers: [
      aPointer('production', 'us-east-1', 2, {
        revision: 2,
        rollbackTarget: 1,
        updatedBy: 'user:default/bob',
        updatedAt: '2026-11-10T09:00:00.000Z',
      }),
      aPointer('staging', 'us-east-1', 3),
      aPointer('production', 'eu-central-1', 5),
    ],
    publishStates: [
      {
        alias: 'production',
        region: 'us-east-1',
        status: 'published',
        attempts: 1,
        publishedAt: '2026-11-10T09:00:05.000Z',
      },
      {
        alias: 'staging',
        region: 'us-east-1',
        status: 'published',
        attempts: 1,
      },
      {
        alias: 'production',
        region: 'eu-central-1',
        status: 'pending',
        attempts: 3,
        lastError: 'ThrottlingException',
      },
    ],
    recentHistory: [
      aMove({
        id: 3,
        seq: 2,
        fromVersion: 1,
        toVersion: 2,
        actor: 'user:default/bob',
        at: '2026-11-10T09:00:00.000Z',
        reason: 'better answers on billing tickets',
      }),
      aMove({
        id: 2,
        alias: 'staging',
        toVersion: 3,
        at: '2026-11-04T09:00:00.000Z',
        reason: 'try qwen',
      }),
      aMove({ id: 1 }),
    ],
    sync: [],
    ...overrides,
  };
}

/** Settings as the demo configuration has them. */
export function portalSettings(): PortalSettings {
  return {
    accounts: [{ accountId: ACCOUNT, regions: ['us-east-1', 'eu-central-1'] }],
    aliases: ['production', 'staging'],
    classifications: ['public', 'internal', 'confidential'],
    ssmParameterPrefix: '/bedrock-models',
    prices: {
      currency: 'USD',
      cmuMinute: { 'us-east-1': 0.0785, 'eu-central-1': 0.0865 },
      storageCmuMonth: 1.95,
      source: 'bedrockModels.pricing (defaults: AWS price list, us-east-1)',
      alwaysOnHourly: { 'us-east-1': 21.18, 'eu-central-1': 23.3 },
    },
  };
}

/** The catalog entity of the model. */
export const modelEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name: MODEL,
    annotations: { 'bedrock-models.io/model': MODEL },
  },
  spec: { type: 'ai-model', owner: 'group:default/support-ml' },
};
