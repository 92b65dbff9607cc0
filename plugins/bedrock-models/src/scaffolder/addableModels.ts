import type { IdentityApi } from '@backstage/core-plugin-api';
import type { PermissionApi } from '@backstage/plugin-permission-react';
import {
  bedrockModelAdministerPermission,
  BedrockModelsApi,
  ModelSummary,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';

/** The models a user may add versions to, and whether that is because they are a portal admin. */
export type AddableModels = { models: ModelSummary[]; admin: boolean };

/** Models per page when reading them: the most `GET /models` gives at once. */
const PAGE = 200;

/** Every model one search finds, page by page. */
async function allPages(
  api: BedrockModelsApi,
  owner?: string,
): Promise<ModelSummary[]> {
  const models: ModelSummary[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = await api.searchModels({
      owner,
      sort: 'name',
      limit: String(PAGE),
      offset: String(offset),
    });
    models.push(...page.items);
    if (page.items.length < PAGE || models.length >= page.totalCount) {
      return models;
    }
  }
}

/**
 * The models the signed-in user may add versions to, as the backend's rule has it: those owned by the
 * user or one of their groups (the identity's ownership refs), or every model for the portal admins
 * (`bedrock.model.administer`). Sorted by name. The backend still decides at import time.
 */
export async function loadAddableModels(deps: {
  api: BedrockModelsApi;
  identityApi: IdentityApi;
  permissionApi: PermissionApi;
}): Promise<AddableModels> {
  const { api, identityApi, permissionApi } = deps;
  const decision = await permissionApi.authorize({
    permission: bedrockModelAdministerPermission,
  });
  // AuthorizeResult is a string enum of a package this plugin does not depend on; ALLOW is 'ALLOW'.
  const admin = (decision.result as string) === 'ALLOW';
  if (admin) return { models: await allPages(api), admin };

  const { ownershipEntityRefs } = await identityApi.getBackstageIdentity();
  const byName = new Map<string, ModelSummary>();
  const owned = await Promise.all(
    [...new Set(ownershipEntityRefs)].map(ref => allPages(api, ref)),
  );
  for (const model of owned.flat()) byName.set(model.name, model);
  const models = [...byName.values()].sort((a, b) =>
    a.name.localeCompare(b.name),
  );
  return { models, admin };
}

/** How long the list is reused: the picker and the Next button's check ask for it within moments. */
const REUSE_MS = 60_000;
const listsByApi = new WeakMap<
  BedrockModelsApi,
  { at: number; answer: Promise<AddableModels> }
>();

/** {@link loadAddableModels}, one answer (or request in flight) per API client for a minute; failures are not kept. */
export function addableModels(deps: {
  api: BedrockModelsApi;
  identityApi: IdentityApi;
  permissionApi: PermissionApi;
}): Promise<AddableModels> {
  const now = Date.now();
  const kept = listsByApi.get(deps.api);
  if (kept && now - kept.at < REUSE_MS) return kept.answer;
  const answer = loadAddableModels(deps);
  const entry = { at: now, answer };
  listsByApi.set(deps.api, entry);
  answer.catch(() => {
    if (listsByApi.get(deps.api) === entry) listsByApi.delete(deps.api);
  });
  return answer;
}
