import type {
  AuthRequestOptions,
  BackstageIdentityApi,
  BackstageIdentityResponse,
  BackstageUserIdentity,
  DiscoveryApi,
  ProfileInfo,
  ProfileInfoApi,
  SessionApi,
} from '@backstage/frontend-plugin-api';
import { SessionState } from '@backstage/frontend-plugin-api';

/** A session as the auth backend's refresh endpoint of a proxy provider answers it. */
type Session = {
  token: string;
  identity: BackstageUserIdentity;
  profile: ProfileInfo;
  /** When to ask for a new token: a minute before this one expires. */
  renewAt: number;
};

const RENEW_MARGIN_MS = 60_000;

/** When a Backstage token expires, from its `exp` claim (in 5 minutes if it has none). */
function expiryOf(token: string): number {
  try {
    const payload = JSON.parse(
      window.atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')),
    );
    if (typeof payload.exp === 'number') return payload.exp * 1000;
  } catch {
    // Not a JWT we can read: renew soon.
  }
  return Date.now() + 5 * 60_000;
}

type Listener = (state: SessionState) => void;

/**
 * Sign-in through an auth provider that asks nothing (a proxy provider such as the local demo's second
 * user): a session is its refresh endpoint's answer, renewed before its token expires. What the core
 * sign-in page needs of a provider it offers: identity, profile and session state.
 */
export class ProxiedDemoUserAuth
  implements ProfileInfoApi, BackstageIdentityApi, SessionApi
{
  private session?: Session;
  private pending?: Promise<Session>;
  private readonly listeners = new Set<Listener>();

  constructor(
    private readonly options: { discoveryApi: DiscoveryApi; provider: string },
  ) {}

  /** Whether the backend offers the provider at all (it answers 404 for one it does not have). */
  async isOffered(): Promise<boolean> {
    try {
      await this.fetchSession();
      return true;
    } catch {
      return false;
    }
  }

  private async fetchSession(): Promise<Session> {
    const base = await this.options.discoveryApi.getBaseUrl('auth');
    const response = await fetch(`${base}/${this.options.provider}/refresh`, {
      // The auth backend answers refresh calls only from script (its CSRF guard).
      headers: { 'X-Requested-With': 'XMLHttpRequest' },
      credentials: 'include',
    });
    if (!response.ok) {
      throw new Error(
        `The ${this.options.provider} sign-in answered ${response.status} ${response.statusText}`,
      );
    }
    const body = await response.json();
    const token: string = body.backstageIdentity.token;
    return {
      token,
      identity: body.backstageIdentity.identity,
      profile: body.profile ?? {},
      renewAt: expiryOf(token) - RENEW_MARGIN_MS,
    };
  }

  private async currentSession(
    optional: boolean,
  ): Promise<Session | undefined> {
    if (this.session && Date.now() < this.session.renewAt) return this.session;
    if (!this.pending) {
      this.pending = this.fetchSession().finally(() => {
        this.pending = undefined;
      });
    }
    try {
      this.session = await this.pending;
      this.notify(SessionState.SignedIn);
      return this.session;
    } catch (error) {
      if (optional) return undefined;
      throw error;
    }
  }

  async getBackstageIdentity(
    options?: AuthRequestOptions,
  ): Promise<BackstageIdentityResponse | undefined> {
    const session = await this.currentSession(options?.optional ?? false);
    if (!session) return undefined;
    return {
      token: session.token,
      identity: session.identity,
      expiresAt: new Date(session.renewAt + RENEW_MARGIN_MS),
    };
  }

  async getProfile(
    options?: AuthRequestOptions,
  ): Promise<ProfileInfo | undefined> {
    return (await this.currentSession(options?.optional ?? false))?.profile;
  }

  async signIn(): Promise<void> {
    await this.currentSession(false);
  }

  async signOut(): Promise<void> {
    this.session = undefined;
    this.notify(SessionState.SignedOut);
  }

  private notify(state: SessionState) {
    this.listeners.forEach(listener => listener(state));
  }

  sessionState$() {
    const listeners = this.listeners;
    const current = this.session
      ? SessionState.SignedIn
      : SessionState.SignedOut;
    // The few members of an Observable the app uses: subscribe, with the current state first.
    const observable = {
      subscribe(
        observer: ((state: SessionState) => void) | { next?: Listener },
      ) {
        const listener: Listener =
          typeof observer === 'function'
            ? observer
            : state => observer.next?.(state);
        listeners.add(listener);
        listener(current);
        let closed = false;
        return {
          unsubscribe() {
            listeners.delete(listener);
            closed = true;
          },
          get closed() {
            return closed;
          },
        };
      },
      [Symbol.observable]() {
        return observable;
      },
    };
    return observable as unknown as ReturnType<SessionApi['sessionState$']>;
  }
}
