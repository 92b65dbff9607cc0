import {
  BedrockModelsClient,
  PortalSettings,
  RequestOptions,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';

/** How long one answer of `GET /settings` is reused. */
const SETTINGS_REUSE_MS = 60_000;

/**
 * The `-common` client as the browser uses it, over the app's discovery and fetch APIs (which add the
 * signed-in user's token), with one addition: the settings answer is reused for a minute.
 *
 * @public
 */
export class CachingBedrockModelsClient extends BedrockModelsClient {
  private settings?: { at: number; answer: Promise<PortalSettings> };

  /**
   * The backend's configuration changes only when it restarts, and a page or template form asks for it
   * from several places at once: one answer (or one request in flight) serves for a minute. A failed
   * request is not kept, so a retry asks again. A call with its own token is not cached.
   */
  getSettings(options?: RequestOptions): Promise<PortalSettings> {
    if (options?.token) return super.getSettings(options);
    const now = Date.now();
    if (!this.settings || now - this.settings.at > SETTINGS_REUSE_MS) {
      const answer = super.getSettings();
      const entry = { at: now, answer };
      this.settings = entry;
      answer.catch(() => {
        if (this.settings === entry) this.settings = undefined;
      });
    }
    return this.settings.answer;
  }
}
