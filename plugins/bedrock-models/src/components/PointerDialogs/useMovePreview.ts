import useAsync from 'react-use/esm/useAsync';
import { DependencyList } from 'react';
import { useApi } from '@backstage/frontend-plugin-api';
import {
  isApprovalRequested,
  PointerMoveResult,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { bedrockModelsApiRef } from '../../api/BedrockModelsApi';
import { lastActivity } from '../../model/lastActivity';

/**
 * The reason a dry run carries: the contract asks for one, and a dry run records nothing, so this is
 * never kept.
 */
export const PREVIEW_REASON = 'Preview of what the move would do';

/**
 * What a move would do, as the backend's dry run answers (the SSM parameter, the approval rule that
 * covers it, the evaluation gate's view), read again whenever `deps` change.
 */
export function useMovePreview(
  dryRun: () => Promise<PointerMoveResult | undefined>,
  deps: DependencyList,
) {
  return useAsync(async () => {
    const result = await dryRun();
    // A dry run never opens a request; this keeps the types honest.
    return !result || isApprovalRequested(result) ? undefined : result;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
}

/** When `version` last ran a copy in `region`, from the model's cost report (last 30 days). */
export function useLastActivity(
  modelName: string,
  version: number | undefined,
  region: string,
) {
  const api = useApi(bedrockModelsApiRef);
  return useAsync(async () => {
    if (version === undefined) return undefined;
    const report = await api.getModelCost({ modelName });
    return lastActivity(report, version, region);
  }, [api, modelName, version, region]);
}
