import type { BedrockModelsServiceMockOptions } from '@bedrock-portal/backstage-plugin-bedrock-models-node/testUtils';

/** The user `createMockActionContext` runs actions as (`mockCredentials.user()`). */
export const TEMPLATE_USER = 'user:default/mock';

/** The account the mocked backend manages (its default). */
export const MOCK_ACCOUNT = '123456789012';

/** The team that owns the seeded model; the template's user belongs to it. */
export const OWNING_TEAM = 'group:default/support-ml';

/** Members of the teams, as the catalog would say. */
export const MEMBERSHIPS = { [TEMPLATE_USER]: [OWNING_TEAM] };

/**
 * A registry holding support-summarizer (internal, owned by the template user's team) with a ready
 * version per given Region, numbered from 1, as if imported earlier.
 */
export function readyModel(
  regions: string[] = [],
): Pick<
  BedrockModelsServiceMockOptions,
  'models' | 'versions' | 'memberships'
> {
  const at = '2026-11-01T10:00:00.000Z';
  return {
    memberships: MEMBERSHIPS,
    models: [
      {
        name: 'support-summarizer',
        owner: OWNING_TEAM,
        classification: 'internal',
        lineage: {},
        tags: [],
        createdBy: 'user:default/seed',
        createdAt: at,
        updatedAt: at,
      },
    ],
    versions: regions.map((region, i) => ({
      modelName: 'support-summarizer',
      number: i + 1,
      region,
      accountId: MOCK_ACCOUNT,
      status: 'ready' as const,
      importedModelArn: `arn:aws:bedrock:${region}:${MOCK_ACCOUNT}:imported-model/seed${
        i + 1
      }`,
      s3Uri: `s3://seed/support-summarizer/v${i + 1}/`,
      managed: true,
      createdBy: 'user:default/seed',
      createdAt: at,
      updatedAt: at,
    })),
  };
}
