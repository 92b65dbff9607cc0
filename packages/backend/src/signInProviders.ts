import {
  coreServices,
  createBackendFeatureLoader,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import githubProvider from '@backstage/plugin-auth-backend-module-github-provider';
import guestProvider from '@backstage/plugin-auth-backend-module-guest-provider';
import {
  authModuleDemoApproverProvider,
  DEMO_APPROVER_PROVIDER,
} from './demoApproverProvider';

/**
 * Why the backend must not start with this config, or undefined. The second demo user (demo-approver)
 * never belongs outside local development. Guest sign-in makes every visitor
 * the same demo user, which empties the owner and admin rules of their meaning; it belongs to the
 * local demo. Backstage's guest provider only refuses at sign-in (outside NODE_ENV=development,
 * unless `dangerouslyAllowOutsideDevelopment`), so a production portal would start, look healthy and
 * fail at the first sign-in. This refuses at start instead.
 */
export function guestSignInProblem(
  config: Config,
  nodeEnv: string | undefined,
): string | undefined {
  if (nodeEnv !== 'production') {
    return undefined;
  }
  const problems: string[] = [];
  if (
    config.has('auth.providers.guest') &&
    config.getOptionalBoolean(
      'auth.providers.guest.dangerouslyAllowOutsideDevelopment',
    ) !== true
  ) {
    problems.push(
      'auth.providers.guest is configured while NODE_ENV=production: guest sign-in is for the local demo only. ' +
        'Start with --config app-config.yaml --config app-config.production.yaml (which removes it and configures a real ' +
        'sign-in provider), or set auth.providers.guest.dangerouslyAllowOutsideDevelopment: true if you really mean it.',
    );
  }
  if (config.has(`auth.providers.${DEMO_APPROVER_PROVIDER}`)) {
    // The demo's second user has no escape hatch: it exists to try approvals locally.
    problems.push(
      `auth.providers.${DEMO_APPROVER_PROVIDER} is configured while NODE_ENV=production: the second demo sign-in is for ` +
        'local development only. Start with --config app-config.yaml --config app-config.production.yaml, which removes it.',
    );
  }
  return problems.length > 0 ? problems.join(' ') : undefined;
}

/**
 * The auth provider modules, chosen by config: GitHub always (the auth backend skips a provider with no
 * `auth.providers.<id>` section, so the demo is unaffected), guest only when `auth.providers.guest` is
 * configured, the local demo's second user (demo-approver) only when `auth.providers.demo-approver` is.
 * The guest module reads that section when it starts and fails without it, so production, which removes
 * it, must not load the module at all. Refuses to start a production backend with guest sign-in
 * (guestSignInProblem) or with the second demo user.
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
    if (config.has(`auth.providers.${DEMO_APPROVER_PROVIDER}`)) {
      yield authModuleDemoApproverProvider;
    }
    yield githubProvider;
  },
});
