import { UserInfoService } from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  bedrockModelAdministerPermission,
  bedrockModelPromotePermission,
  checkNewModelOwner,
  checkVersionClassification,
  ImportVersionRequest,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { RegistryConfig } from '../config/readRegistryConfig';
import { ModelStore } from '../database/ModelStore';
import { RegistryAccess } from './RegistryAccess';
import { RegistryCallOptions } from './RegistryService';

/**
 * Who may create what: a version of an existing model is for those who may move its pointers, and
 * may raise its classification only as an admin; a new model is owned by the caller or a group they
 * belong to, unless an admin creates it for another team.
 */
export async function checkImportRights(
  access: RegistryAccess,
  deps: {
    models: ModelStore;
    userInfo: UserInfoService;
    config: RegistryConfig;
  },
  modelName: string,
  request: ImportVersionRequest,
  options: RegistryCallOptions,
) {
  const model = await deps.models.getModel(modelName);
  if (model) {
    await access.requireOnModel(
      bedrockModelPromotePermission,
      modelName,
      options,
      `add versions to model ${modelName}`,
    );
    const check = checkVersionClassification({
      modelName,
      model: model.classification,
      requested: request.classification,
      order: deps.config.classifications,
    });
    if (
      check.kind === 'raise' &&
      !(await access.allowed(bedrockModelAdministerPermission, options))
    ) {
      throw new NotAllowedError(check.message);
    }
    return;
  }
  if (!request.owner) return; // The service answers 400: a new model needs an owner.
  const { ownershipEntityRefs } = await deps.userInfo.getUserInfo(
    options.credentials,
  );
  const refusal = checkNewModelOwner({
    owner: request.owner,
    callerOwnershipRefs: ownershipEntityRefs,
    isAdmin: await access.allowed(bedrockModelAdministerPermission, options),
  });
  if (refusal) throw new NotAllowedError(refusal);
}
