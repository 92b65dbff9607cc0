import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { useApi } from '@backstage/frontend-plugin-api';
import type { GovernanceReportQuery } from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { bedrockModelsApiRef } from '../../api/BedrockModelsApi';

/** One page of the governance report, read again whenever the query changes. */
export function useGovernanceReport(query: GovernanceReportQuery) {
  const api = useApi(bedrockModelsApiRef);
  const key = JSON.stringify(query);
  return useAsyncRetry(
    () => api.getGovernanceReport(query),
    // The key stands for the query, which is a new object on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, key],
  );
}
