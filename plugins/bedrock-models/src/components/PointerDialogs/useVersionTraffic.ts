import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { useApi } from '@backstage/frontend-plugin-api';
import type {
  GovernanceReportRow,
  ModelVersion,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { bedrockModelsApiRef } from '../../api/BedrockModelsApi';

/** The most rows the search for a model's versions reads (a model has far fewer versions). */
const MODEL_ROWS_LIMIT = 500;

/**
 * How much a version was called in the last 30 days and when last, as the governance report has it
 * (CloudWatch `Invocations`, read with the cost estimates): the report row of that version, found by
 * searching the report for the model's name.
 */
export function useVersionTraffic(modelName: string, version: ModelVersion) {
  const api = useApi(bedrockModelsApiRef);
  return useAsyncRetry(async (): Promise<GovernanceReportRow | undefined> => {
    const report = await api.getGovernanceReport({
      q: modelName,
      limit: String(MODEL_ROWS_LIMIT),
    });
    return report.rows.find(
      row =>
        row.model === modelName &&
        row.version === version.number &&
        row.region === version.region &&
        row.accountId === version.accountId,
    );
  }, [api, modelName, version.number, version.region, version.accountId]);
}
