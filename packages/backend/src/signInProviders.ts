import {
  coreServices,
  createBackendFeatureLoader,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import githubProvider from '@backstage/plugin-auth-backend-module-github-provider';
import guestProvider from '@backstage/plugin-auth-backend-module-guest-provider';

/**
 * Why the backend must not start with this config, or undefined. Guest sign-in makes every visitor
 * the same demo user, which empties the owner and admin rules of their meaning; it belongs to the
 * local demo. Backstage's guest provider only refuses at sign-in (outside NODE_ENV=development,
 * unless `dangerouslyAllowOutsideDevelopment`), so a production portal would start, look healthy and
 * fail at the first sign-in. This refuses at start instead.
 */
export function guestSignInProblem(
  config: Config,
  nodeEnv: string | undefined,
): string | undefined {
  if (nodeEnv !== 'production' || !config.has('auth.providers.guest')) {
    return undefined;
  }
  if (
    config.getOptionalBoolean(
      'auth.providers.guest.dangerouslyAllowOutsideDevelopment',
    ) === true
  ) {
    return undefined;
  }
  return (
    'auth.providers.guest is configured while NODE_ENV=production: guest sign-in is for the local demo only. ' +
    'Start with --config app-config.yaml --config app-config.production.yaml (which removes it and configures a real ' +
    'sign-in provider), or set auth.providers.guest.dangerouslyAllowOutsideDevelopment: true if you really mean it.'
  );
}

/**
 * The auth provider modules, chosen by config: GitHub always (the auth backend skips a provider with no
 * `auth.providers.<id>` section, so the demo is unaffected), guest only when `auth.providers.guest` is
 * configured. The guest module reads that section when it starts and fails without it, so production,
 * which removes it, must not load the module at all. Refuses to start a production backend with guest
 * sign-in (guestSignInProblem).
 */
export const signInProviders = createBackendFeatureLoader({
  deps: { config: coreServices.rootConfig, logger: coreServices.rootLogger },
  *loader({ config, logger }) {
    const problem = guestSignInProblem(config, process.env.NODE_ENV);
    if (problem) {
      throw new Error(problem);
    }
    if (config.has('auth.providers.guest')) {
      if (process.env.NODE_ENV === 'production') {
        logger.warn(
          'Guest sign-in is enabled in production (auth.providers.guest.dangerouslyAllowOutsideDevelopment): every visitor signs in as the same user',
        );
      }
      yield guestProvider;
    }
    yield githubProvider;
  },
});
