import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { useApi } from '@backstage/frontend-plugin-api';
import type { GovernanceReportQuery } from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { bedrockModelsApiRef } from '../../api/BedrockModelsApi';
import { ReportPrefetch, reportQueryKey } from './ReportPrefetch';

/**
 * One page of the governance report, read again whenever the query changes; the read a click already
 * started for this query (`prefetch`) is used instead of a second one.
 */
export function useGovernanceReport(
  query: GovernanceReportQuery,
  prefetch?: ReportPrefetch,
) {
  const api = useApi(bedrockModelsApiRef);
  const key = reportQueryKey(query);
  return useAsyncRetry(
    () => prefetch?.take(query) ?? api.getGovernanceReport(query),
    // The key stands for the query, which is a new object on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, key],
  );
}
