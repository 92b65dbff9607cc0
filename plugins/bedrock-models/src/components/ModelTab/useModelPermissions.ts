import { usePermission } from '@backstage/plugin-permission-react';
import {
  bedrockModelPromotePermission,
  bedrockModelRetirePermission,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import type { ModelPermissions } from '../../model/versionActions';

/** Whether the signed-in user may promote, roll back and retire versions of a model. */
export function useModelPermissions(modelName: string): ModelPermissions {
  const promote = usePermission({
    permission: bedrockModelPromotePermission,
    resourceRef: modelName,
  });
  const retire = usePermission({
    permission: bedrockModelRetirePermission,
    resourceRef: modelName,
  });
  return {
    canPromote: promote.allowed,
    canRetire: retire.allowed,
    loading: promote.loading || retire.loading,
  };
}
