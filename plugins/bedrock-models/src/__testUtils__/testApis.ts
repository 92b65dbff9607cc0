import { mockApis } from '@backstage/frontend-test-utils';
import {
  PermissionApi,
  permissionApiRef,
} from '@backstage/plugin-permission-react';
import {
  EntityPresentationApi,
  entityPresentationApiRef,
} from '@backstage/plugin-catalog-react';
import { bedrockModelsApiRef } from '../api/BedrockModelsApi';
import { CachingBedrockModelsClient } from '../api/CachingBedrockModelsClient';

/** msw path prefix of the backend as the test discovery API resolves it. */
export const API = 'http://example.com/api/bedrock-models';

/** The real API client over global fetch (msw answers), for renderInTestApp's `apis`. */
export function bedrockModelsApiPair() {
  return [
    bedrockModelsApiRef,
    new CachingBedrockModelsClient({
      discoveryApi: mockApis.discovery({ baseUrl: 'http://example.com' }),
      fetchApi: { fetch: (...args) => globalThis.fetch(...args) },
    }),
  ] as const;
}

type Decision = Awaited<ReturnType<PermissionApi['authorize']>>;

/** A permission API that answers every request the same. */
export function fixedPermissionApi(answer: 'ALLOW' | 'DENY'): PermissionApi {
  // AuthorizeResult is a string enum in a package this plugin does not depend on; its values are these strings.
  const decision = { result: answer } as unknown as Decision;
  return { authorize: async () => decision };
}

/**
 * The APIs the plugin's components need: the client, permissions (allow or deny all), alerts, and the
 * catalog's presentation of entity refs (display names).
 */
export function testApis(options: { permission?: 'ALLOW' | 'DENY' } = {}) {
  const alertApi = mockApis.alert();
  return {
    alertApi,
    apis: [
      bedrockModelsApiPair(),
      [permissionApiRef, fixedPermissionApi(options.permission ?? 'ALLOW')],
      alertApi,
      entityPresentationPair(),
    ] as const,
  };
}

/** Backstage's error body, as the backend sends it. */
export function errorBody(status: number, name: string, message: string) {
  return {
    error: { name, message },
    request: { method: 'GET', url: '/' },
    response: { statusCode: status },
  };
}

/** Display names of the fixtures' people and groups, as the catalog would present them. */
export const DISPLAY_NAMES: Record<string, string> = {
  'group:default/support-ml': 'Support ML',
  'group:default/claims': 'Claims AI',
  'group:default/platform': 'ML Platform',
  'group:default/ml-governance': 'ML Governance',
  'user:default/ana': 'Ana Analyst',
  'user:default/bob': 'Bob Builder',
  'user:default/carol': 'Carol Claims',
};

/**
 * An entity presentation API that knows the display names given (and presents other refs by their
 * name), answering at once as the catalog would after reading them.
 */
export function entityPresentationPair(
  names: Record<string, string> = DISPLAY_NAMES,
) {
  const api: EntityPresentationApi = {
    forEntity(entityOrRef) {
      const ref = typeof entityOrRef === 'string' ? entityOrRef : '';
      const snapshot = {
        entityRef: ref,
        primaryTitle: names[ref] ?? ref.replace(/^.*[/:]/, ''),
      };
      return { snapshot, promise: Promise.resolve(snapshot) };
    },
  };
  return [entityPresentationApiRef, api] as const;
}
