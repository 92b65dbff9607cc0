import {
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import {
  BedrockModelsClient,
  BedrockModelsService,
} from './BedrockModelsClient';

/**
 * The service other backend plugins and modules depend on to call the bedrock-models backend.
 *
 * @public
 */
export const bedrockModelsServiceRef = createServiceRef<BedrockModelsService>({
  id: 'bedrock-models.client',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: { discovery: coreServices.discovery, auth: coreServices.auth },
      factory: ({ discovery, auth }) =>
        new BedrockModelsClient({ discovery, auth }),
    }),
});
