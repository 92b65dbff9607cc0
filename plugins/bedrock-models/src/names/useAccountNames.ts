import { useCallback } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { useApi } from '@backstage/frontend-plugin-api';
import type { PortalSettings } from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { bedrockModelsApiRef } from '../api/BedrockModelsApi';

/** An AWS account as people read it: its configured alias, else its 12-digit id. */
export type AccountNameOf = (accountId: string | undefined) => string;

/** The account's configured alias (`bedrockModels.accounts[].alias`), else its id. */
export function accountName(
  settings: Pick<PortalSettings, 'accounts'> | undefined,
  accountId: string | undefined,
): string {
  if (!accountId) return '—';
  return (
    settings?.accounts.find(a => a.accountId === accountId)?.alias ?? accountId
  );
}

/** Names of the configured accounts, from `GET /settings` (the client reuses its answer). */
export function useAccountNames(): AccountNameOf {
  const api = useApi(bedrockModelsApiRef);
  const settings = useAsync(() => api.getSettings(), [api]);
  // The same function while the settings are the same, so memoized views that take it stay put.
  return useCallback(
    (accountId: string | undefined) => accountName(settings.value, accountId),
    [settings.value],
  );
}
