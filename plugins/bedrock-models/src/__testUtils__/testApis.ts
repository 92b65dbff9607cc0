import { mockApis } from '@backstage/frontend-test-utils';
import {
  PermissionApi,
  permissionApiRef,
} from '@backstage/plugin-permission-react';
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

/** The APIs the plugin's components need: the client, permissions (allow or deny all) and alerts. */
export function testApis(options: { permission?: 'ALLOW' | 'DENY' } = {}) {
  const alertApi = mockApis.alert();
  return {
    alertApi,
    apis: [
      bedrockModelsApiPair(),
      [permissionApiRef, fixedPermissionApi(options.permission ?? 'ALLOW')],
      alertApi,
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
