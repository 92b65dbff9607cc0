import { screen } from '@testing-library/react';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { DemoSignInPage } from './DemoSignInPage';

// The core sign-in page is Backstage's: what this page decides is which providers it offers.
jest.mock('@backstage/core-components', () => ({
  ...jest.requireActual('@backstage/core-components'),
  SignInPage: (props: { providers: Array<string | { title: string }> }) => (
    <ul aria-label="Sign-in choices">
      {props.providers.map(p => (
        <li key={typeof p === 'string' ? p : p.title}>
          {typeof p === 'string' ? p : p.title}
        </li>
      ))}
    </ul>
  ),
}));
import { signInProvidersFor } from './signInProviders';
import { demoApproverAuthApiRef } from './demoApproverAuthApi';
import { ProxiedDemoUserAuth } from './ProxiedDemoUserAuth';

const GALE = {
  type: 'user',
  userEntityRef: 'user:default/gale',
  ownershipEntityRefs: ['user:default/gale', 'group:default/ml-governance'],
};

/** A token whose `exp` claim is `secondsFromNow` away. */
function tokenExpiringIn(secondsFromNow: number) {
  const claims = { exp: Math.floor(Date.now() / 1000) + secondsFromNow };
  return `h.${window.btoa(JSON.stringify(claims))}.s`;
}

describe('ProxiedDemoUserAuth', () => {
  const realFetch = globalThis.fetch;
  afterEach(() => {
    globalThis.fetch = realFetch;
  });

  function answer(status: number, token = tokenExpiringIn(3600)) {
    const calls: Array<[string, RequestInit | undefined]> = [];
    globalThis.fetch = (async (url: string, init?: RequestInit) => {
      calls.push([url, init]);
      return new Response(
        JSON.stringify(
          status === 200
            ? {
                backstageIdentity: { token, identity: GALE },
                profile: { displayName: 'Gale Governance' },
              }
            : {
                error: {
                  name: 'NotFoundError',
                  message: 'Unknown auth provider',
                },
              },
        ),
        { status, headers: { 'Content-Type': 'application/json' } },
      );
    }) as typeof fetch;
    return calls;
  }

  const auth = () =>
    new ProxiedDemoUserAuth({
      discoveryApi: mockApis.discovery({ baseUrl: 'http://example.com' }),
      provider: 'demo-approver',
    });

  it("signs in through the provider's refresh endpoint, from script, and keeps the session until its token is near expiry", async () => {
    const calls = answer(200);
    const demo = auth();
    expect(await demo.getBackstageIdentity()).toMatchObject({
      identity: GALE,
    });
    expect(await demo.getProfile()).toEqual({ displayName: 'Gale Governance' });
    expect(calls).toHaveLength(1);
    expect(calls[0][0]).toBe(
      'http://example.com/api/auth/demo-approver/refresh',
    );
    expect(calls[0][1]?.headers).toEqual({
      'X-Requested-With': 'XMLHttpRequest',
    });

    const states: string[] = [];
    demo.sessionState$().subscribe(state => states.push(state));
    await demo.signOut();
    expect(states).toEqual(['SignedIn', 'SignedOut']);
  });

  it('renews a token that is about to expire', async () => {
    const calls = answer(200, tokenExpiringIn(30));
    const demo = auth();
    await demo.getBackstageIdentity();
    await demo.getBackstageIdentity();
    expect(calls).toHaveLength(2);
  });

  it('says the provider is not offered when the backend does not have it, and answers nothing when optional', async () => {
    answer(404);
    const demo = auth();
    expect(await demo.isOffered()).toBe(false);
    expect(await demo.getBackstageIdentity({ optional: true })).toBeUndefined();
    await expect(demo.getBackstageIdentity()).rejects.toThrow(
      'The demo-approver sign-in answered 404',
    );
  });
});

describe('DemoSignInPage', () => {
  const renderPage = (offered: boolean, providers?: string[]) =>
    renderInTestApp(<DemoSignInPage onSignInSuccess={() => {}} />, {
      apis: [
        [
          demoApproverAuthApiRef,
          { isOffered: async () => offered } as unknown as ProxiedDemoUserAuth,
        ],
      ],
      config: providers ? { app: { signIn: { providers } } } : {},
    });

  it('offers the guest and the demo approver where the backend has the second sign-in', async () => {
    renderPage(true);
    const choices = await screen.findByRole('list', {
      name: 'Sign-in choices',
    });
    expect(choices).toHaveTextContent('guestDemo approver');
  });

  it('offers the guest alone where it does not', async () => {
    renderPage(false);
    const choices = await screen.findByRole('list', {
      name: 'Sign-in choices',
    });
    expect(choices).toHaveTextContent(/^guest$/);
  });

  it("offers what production configures (GitHub), and neither the guest nor the demo's second user", async () => {
    renderPage(false, ['github']);
    const choices = await screen.findByRole('list', {
      name: 'Sign-in choices',
    });
    expect(choices).toHaveTextContent(/^GitHub$/);
  });

  it('names a provider it does not know, and the ones it does', () => {
    expect(() => signInProvidersFor(['guest', 'okta'])).toThrow(
      "app.signIn.providers names okta, which the portal's sign-in page does not know; it knows guest, github",
    );
  });
});
