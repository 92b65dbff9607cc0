import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  NotificationSendOptions,
  notificationService,
} from '@backstage/plugin-notifications-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { RunningEmulator } from '@bedrock-portal/bedrock-emulator';
import { Knex } from 'knex';
import request from 'supertest';
import { bedrockModelsPlugin } from '../plugin';
import { registryTestConfig } from './registryFixtures';

/** Who belongs to which group in these tests, as the catalog would say through the user info service. */
export const MEMBERS: Record<string, string[]> = {
  'user:default/ana': ['group:default/claims-ai'],
  'user:default/cy': ['group:default/claims-ai'],
  'user:default/gov': ['group:default/ml-governance'],
  'user:default/bo': ['group:default/other-team'],
};

/**
 * A bedrock-models backend for the promotion-trust tests: the emulator, approval rules and evaluation
 * gates from `bedrockModels`, users in groups, notifications captured, and a scheduler the test drives.
 */
export async function startTrustBackend(
  knex: Knex,
  emulator: RunningEmulator,
  bedrockModels: object,
) {
  const scheduler = mockServices.scheduler();
  const sent: NotificationSendOptions[] = [];
  const base = registryTestConfig({
    regions: ['us-east-1'],
    awsEndpoint: emulator.endpoint,
  });
  const backend = await startTestBackend({
    features: [
      bedrockModelsPlugin,
      mockServices.database.factory({ knex }),
      createServiceFactory({
        service: coreServices.scheduler,
        deps: {},
        factory: () => scheduler,
      }),
      mockServices.rootConfig.factory({
        data: {
          ...base,
          bedrockModels: { ...base.bedrockModels, ...bedrockModels },
        },
      }),
      // Everyone may do what owners do; acting as a registry admin is for nobody here (the portal's
      // policy and its admin groups are tested in packages/backend).
      mockServices.permissions.mock({
        authorize: async requests =>
          requests.map(r => ({
            result:
              r.permission.name === 'bedrock.model.administer'
                ? AuthorizeResult.DENY
                : AuthorizeResult.ALLOW,
          })),
      }).factory,
      mockServices.userInfo.mock({
        getUserInfo: async credentials => {
          const userEntityRef = (
            credentials.principal as { userEntityRef: string }
          ).userEntityRef;
          return {
            userEntityRef,
            ownershipEntityRefs: [
              userEntityRef,
              ...(MEMBERS[userEntityRef] ?? []),
            ],
          };
        },
      }).factory,
      createServiceFactory({
        service: notificationService,
        deps: {},
        factory: () => ({
          send: async (options: NotificationSendOptions) => {
            sent.push(options);
          },
        }),
      }),
    ],
  });
  const as = (user: string) => mockCredentials.user.header(user);
  const post = (user: string, path: string, body: object) =>
    request(backend.server)
      .post(`/api/bedrock-models${path}`)
      .set('Authorization', as(user))
      .send(body);
  const put = (user: string, path: string, body: object) =>
    request(backend.server)
      .put(`/api/bedrock-models${path}`)
      .set('Authorization', as(user))
      .send(body);
  const get = (user: string, path: string) =>
    request(backend.server)
      .get(`/api/bedrock-models${path}`)
      .set('Authorization', as(user));
  return {
    server: backend.server,
    scheduler,
    sent,
    post,
    put,
    get,
    stop: () => backend.stop(),
  };
}
