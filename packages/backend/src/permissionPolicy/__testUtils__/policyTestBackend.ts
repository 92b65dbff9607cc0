import type { BackendFeature } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { JsonObject } from '@backstage/types';
import permissionBackend from '@backstage/plugin-permission-backend';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { RunningEmulator } from '@bedrock-portal/bedrock-emulator';
import bedrockModelsBackend from '@bedrock-portal/backstage-plugin-bedrock-models-backend';
import knexFactory, { Knex } from 'knex';
import { permissionModuleBedrockPortalPolicy } from '../permissionPolicyModule';
import { authWithActors, userInfoFrom } from './authWithActors';

/** The one account the matrix backends manage, in us-east-1. */
export const ACCOUNT = '123456789012';

/**
 * The bedrock-models backend behind the real permission backend and the portal's policy, on an in-memory
 * SQLite database and the emulator: one account in us-east-1, `group:default/admins` as the admins, the
 * given group memberships, and `bedrockModels` config on top (approval rules, prices, ...).
 */
export async function startPolicyTestBackend(options: {
  emulator: RunningEmulator;
  groups: Record<string, string[]>;
  bedrockModels?: JsonObject;
  /** More features, e.g. a module that hands a test the service other plugins call the backend through. */
  extraFeatures?: BackendFeature[];
}) {
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: ':memory:',
    useNullAsDefault: true,
  });
  const { server } = await startTestBackend({
    features: [
      bedrockModelsBackend,
      permissionBackend,
      permissionModuleBedrockPortalPolicy,
      authWithActors,
      mockServices.database.factory({ knex }),
      catalogServiceMock.factory({ entities: [] }),
      mockServices.rootConfig.factory({
        data: {
          permission: { enabled: true },
          bedrockModels: {
            accounts: [{ accountId: ACCOUNT, regions: ['us-east-1'] }],
            adminGroups: ['group:default/admins'],
            awsEndpoint: options.emulator.endpoint,
            ...options.bedrockModels,
          },
          aws: {
            accounts: [
              {
                accountId: ACCOUNT,
                accessKeyId: ACCOUNT,
                secretAccessKey: 'l',
              },
            ],
          },
        },
      }),
      userInfoFrom(options.groups),
      ...(options.extraFeatures ?? []),
    ],
  });
  return { server, knex };
}

/**
 * The model the matrices move, `summarizer` of support-ml, with ready versions in us-east-1 (each
 * version's columns over the defaults).
 */
export async function insertSummarizer(
  knex: Knex,
  versions: Array<{ number: number } & Record<string, unknown>>,
) {
  const now = new Date();
  await knex('models').insert({
    name: 'summarizer',
    owner: 'group:default/support-ml',
    classification: 'internal',
    lineage: '{}',
    tags: '[]',
    created_by: 'x',
    created_at: now,
    updated_at: now,
  });
  await knex('model_versions').insert(
    versions.map(version => ({
      model_name: 'summarizer',
      account_id: ACCOUNT,
      region: 'us-east-1',
      status: 'ready',
      imported_model_arn: `arn:aws:bedrock:us-east-1:${ACCOUNT}:imported-model/v${version.number}aaaaaaaaaa`,
      s3_uri: 's3://ml-artifacts/teams/support-ml/llama/',
      managed: true,
      created_at: now,
      updated_at: now,
      ...version,
    })),
  );
}
