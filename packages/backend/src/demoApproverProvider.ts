import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  authProvidersExtensionPoint,
  createProxyAuthenticator,
  createProxyAuthProviderFactory,
} from '@backstage/plugin-auth-node';

/** The auth provider id of the local demo's second user: `auth.providers.demo-approver`. */
export const DEMO_APPROVER_PROVIDER = 'demo-approver';

/**
 * Signs in, with one click and no password, as a second demo user who approves what the guest asks
 * for (approval rules never let someone approve their own request). Like the guest provider it answers
 * only under NODE_ENV=development; unlike it, nothing makes it answer elsewhere.
 */
const demoApproverAuthenticator = createProxyAuthenticator({
  defaultProfileTransform: async () => ({ profile: {} }),
  initialize: () => undefined,
  async authenticate() {
    if (process.env.NODE_ENV !== 'development') {
      throw new NotAllowedError(
        `The ${DEMO_APPROVER_PROVIDER} sign-in is for local development only (NODE_ENV=development).`,
      );
    }
    return { result: {} };
  },
});

/**
 * The local demo's second sign-in (`auth.providers.demo-approver.userEntityRef`, a catalog User; its
 * groups come from the catalog, or from `ownershipEntityRefs` while the catalog does not have it), so
 * an approval can be tried as someone other than the requester. Loaded only when configured
 * (signInProviders), which app-config.production.yaml never is.
 */
export const authModuleDemoApproverProvider = createBackendModule({
  pluginId: 'auth',
  moduleId: 'demo-approver-provider',
  register(reg) {
    reg.registerInit({
      deps: {
        providers: authProvidersExtensionPoint,
        config: coreServices.rootConfig,
      },
      async init({ providers, config }) {
        const section = config.getConfig(
          `auth.providers.${DEMO_APPROVER_PROVIDER}`,
        );
        const userEntityRef = section.getString('userEntityRef');
        const ownershipEntityRefs = section.getOptionalStringArray(
          'ownershipEntityRefs',
        ) ?? [userEntityRef];
        providers.registerProvider({
          providerId: DEMO_APPROVER_PROVIDER,
          factory: createProxyAuthProviderFactory({
            authenticator: demoApproverAuthenticator,
            signInResolver: async (_info, ctx) => {
              try {
                return await ctx.signInWithCatalogUser({
                  entityRef: userEntityRef,
                });
              } catch {
                // Not in the catalog (yet): the user and the groups the config names, as the guest
                // provider does.
                return ctx.issueToken({
                  claims: {
                    sub: userEntityRef,
                    ent: ownershipEntityRefs,
                  },
                });
              }
            },
          }),
        });
      },
    });
  },
});
