import {
  ApiBlueprint,
  createApiRef,
  discoveryApiRef,
} from '@backstage/frontend-plugin-api';
import { ProxiedDemoUserAuth } from './ProxiedDemoUserAuth';

/** The auth provider id of the local demo's second user (packages/backend/src/demoApproverProvider.ts). */
export const DEMO_APPROVER_PROVIDER = 'demo-approver';

/** Sign-in as the local demo's second user. */
export const demoApproverAuthApiRef = createApiRef<ProxiedDemoUserAuth>({
  id: 'app.auth.demo-approver',
});

/** The API behind the sign-in page's "Demo approver" choice. */
export const demoApproverAuthApi = ApiBlueprint.make({
  name: 'demo-approver-auth',
  params: defineParams =>
    defineParams({
      api: demoApproverAuthApiRef,
      deps: { discoveryApi: discoveryApiRef },
      factory: ({ discoveryApi }) =>
        new ProxiedDemoUserAuth({
          discoveryApi,
          provider: DEMO_APPROVER_PROVIDER,
        }),
    }),
});
