import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { useApi } from '@backstage/frontend-plugin-api';
import { bedrockModelsApiRef } from '../../api/BedrockModelsApi';
import { toGovernanceRows } from '../../governance/governanceRows';

/** The governance report joined with the production pointers (who moved them, and when). */
export function useGovernanceData() {
  const api = useApi(bedrockModelsApiRef);
  return useAsyncRetry(async () => {
    const [report, inventory] = await Promise.all([
      api.getGovernanceReport(),
      api.getInventory(),
    ]);
    return {
      report,
      rows: toGovernanceRows(report.rows, inventory.pointers),
    };
  }, [api]);
}
