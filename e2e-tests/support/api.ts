import { APIRequestContext, expect } from '@playwright/test';
import type {
  ModelDetails,
  PointerMove,
  PortalSettings,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';

/** A catalog entity, as far as the journeys read it. */
export type CatalogEntity = {
  metadata: {
    name: string;
    annotations?: Record<string, string>;
    labels?: Record<string, string>;
  };
  spec?: Record<string, unknown>;
};

/**
 * The portal's REST API as the signed-in guest. The token comes from the guest provider's refresh
 * endpoint, the same call the app makes at sign-in, so it is the browser user's identity
 * (user:default/guest) and the backend's permission policy applies to it as it does to the page.
 */
export class PortalApi {
  private constructor(
    private readonly request: APIRequestContext,
    readonly token: string,
  ) {}

  static async asGuest(request: APIRequestContext): Promise<PortalApi> {
    return PortalApi.signedIn(request, 'guest', 'user:default/guest');
  }

  /**
   * The API as the local demo's second user (user:default/gale, in ML governance), who approves what
   * the guest asks for: the demo-approver provider of app-config.yaml.
   */
  static async asDemoApprover(request: APIRequestContext): Promise<PortalApi> {
    return PortalApi.signedIn(request, 'demo-approver', 'user:default/gale');
  }

  private static async signedIn(
    request: APIRequestContext,
    provider: string,
    userEntityRef: string,
  ): Promise<PortalApi> {
    const response = await request.get(`/api/auth/${provider}/refresh`, {
      // The auth backend answers refresh calls only from script (CSRF guard).
      headers: { 'X-Requested-With': 'XMLHttpRequest' },
    });
    expect(response.ok(), await response.text()).toBe(true);
    const body = await response.json();
    const token: string = body.backstageIdentity.token;
    expect(body.backstageIdentity.identity.userEntityRef).toBe(userEntityRef);
    return new PortalApi(request, token);
  }

  private get headers() {
    return { Authorization: `Bearer ${this.token}` };
  }

  async get(path: string) {
    return this.request.get(path, { headers: this.headers });
  }

  async post(
    path: string,
    data: unknown,
    headers: Record<string, string> = {},
  ) {
    return this.request.post(path, {
      headers: { ...this.headers, ...headers },
      data,
    });
  }

  async put(path: string, data: unknown) {
    return this.request.put(path, { headers: this.headers, data });
  }

  private async json<T>(path: string): Promise<T> {
    const response = await this.get(path);
    expect(response.ok(), `GET ${path}: ${await response.text()}`).toBe(true);
    return response.json();
  }

  /** The model with its versions, pointers and publish states; undefined when the registry lacks it. */
  async model(name: string): Promise<ModelDetails | undefined> {
    const response = await this.get(`/api/bedrock-models/models/${name}`);
    if (response.status() === 404) return undefined;
    expect(response.ok(), await response.text()).toBe(true);
    return response.json();
  }

  /** Every move of one pointer, oldest first. */
  async history(
    model: string,
    alias: string,
    region: string,
  ): Promise<PointerMove[]> {
    const body = await this.json<{ items: PointerMove[] }>(
      `/api/bedrock-models/models/${model}/aliases/${alias}/history?region=${region}`,
    );
    return body.items;
  }

  async promote(
    model: string,
    alias: string,
    body: { region: string; version: number; reason: string },
  ) {
    return this.post(
      `/api/bedrock-models/models/${model}/aliases/${alias}`,
      body,
    );
  }

  /**
   * Puts a pointer on `version` unless it is there already (journeys start from a known state, and a
   * retried attempt finds the pointer where the last one left it).
   */
  async ensurePointer(
    model: string,
    alias: string,
    region: string,
    version: number,
  ) {
    const current = (await this.model(model))?.pointers.find(
      p => p.alias === alias && p.region === region,
    );
    if (current?.version === version) return;
    const moved = await this.promote(model, alias, {
      region,
      version,
      reason: `e2e: ${alias} starts on version ${version}`,
    });
    expect(moved.ok(), await moved.text()).toBe(true);
  }

  async settings(): Promise<PortalSettings> {
    return this.json<PortalSettings>('/api/bedrock-models/settings');
  }

  /** A Resource entity of the catalog; undefined while the catalog does not have it. */
  async resource(name: string): Promise<CatalogEntity | undefined> {
    const response = await this.get(
      `/api/catalog/entities/by-name/resource/default/${name}`,
    );
    if (response.status() === 404) return undefined;
    expect(response.ok(), await response.text()).toBe(true);
    return response.json();
  }
}

/**
 * Discovery brings the emulator's demo seed into the registry a few seconds after the backend starts,
 * and the catalog module turns it into entities: waits until the model is in both, with `versions`
 * versions at least, so a journey can open its page.
 */
export async function waitForDemoModel(
  api: PortalApi,
  name: string,
  versions: number,
) {
  await expect
    .poll(async () => (await api.model(name))?.versions.length ?? 0, {
      message: `${name} is discovered in the emulator`,
      timeout: 90_000,
    })
    .toBeGreaterThanOrEqual(versions);
  await expect
    .poll(async () => (await api.resource(name))?.metadata.name, {
      message: `${name} is in the catalog`,
      timeout: 90_000,
    })
    .toBe(name);
}
