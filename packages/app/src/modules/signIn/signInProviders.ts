import { githubAuthApiRef } from '@backstage/core-plugin-api';
import type { SignInProviderConfig } from '@backstage/core-components';

/**
 * The sign-in choices the app can offer, by the id `app.signIn.providers` names them with. Each needs its
 * provider configured in the backend (auth.providers.<id>); add an entry here with the backend module.
 */
const KNOWN: Record<string, 'guest' | SignInProviderConfig> = {
  guest: 'guest',
  github: {
    id: 'github-auth-provider',
    title: 'GitHub',
    message: "Sign in with your organization's GitHub account",
    apiRef: githubAuthApiRef,
  },
};

/**
 * The sign-in page's providers for the ids configured (unknown ids are named in the error, so a typo in
 * configuration is found at the first page, not by someone who cannot sign in).
 */
export function signInProvidersFor(
  ids: string[],
): Array<'guest' | SignInProviderConfig> {
  const unknown = ids.filter(id => !(id in KNOWN));
  if (unknown.length > 0) {
    throw new Error(
      `app.signIn.providers names ${unknown.join(
        ', ',
      )}, which the portal's sign-in page does not know; it knows ${Object.keys(
        KNOWN,
      ).join(', ')} (packages/app/src/modules/signIn/signInProviders.ts).`,
    );
  }
  return ids.map(id => KNOWN[id]);
}
