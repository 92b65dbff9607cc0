import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { useApi } from '@backstage/frontend-plugin-api';
import { bedrockModelsApiRef } from '../../api/BedrockModelsApi';

/** A model's pending approval requests (none while they cannot be read: the page works without them). */
export function usePendingApprovals(modelName: string) {
  const api = useApi(bedrockModelsApiRef);
  return useAsyncRetry(
    async () =>
      (await api.listApprovalRequests({ model: modelName, status: 'pending' }))
        .items,
    [api, modelName],
  );
}
