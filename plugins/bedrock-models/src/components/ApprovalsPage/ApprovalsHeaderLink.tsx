import useAsync from 'react-use/esm/useAsync';
import { ButtonLink } from '@backstage/ui';
import { useApi } from '@backstage/frontend-plugin-api';
import { bedrockModelsApiRef } from '../../api/BedrockModelsApi';
import { APPROVALS_PATH } from '../../approvals/approvalViews';

/**
 * The plugin pages' header link to the Approvals page, with how many requests wait for the signed-in
 * user's decision (none shown while that cannot be read).
 */
export const ApprovalsHeaderLink = () => {
  const api = useApi(bedrockModelsApiRef);
  const waiting = useAsync(
    async () =>
      (await api.listApprovalRequests({ mine: 'decide' })).items.length,
    [api],
  );
  const count = waiting.value ?? 0;
  return (
    <ButtonLink href={APPROVALS_PATH} variant="secondary" size="small">
      {count > 0 ? `Approvals (${count} to decide)` : 'Approvals'}
    </ButtonLink>
  );
};
