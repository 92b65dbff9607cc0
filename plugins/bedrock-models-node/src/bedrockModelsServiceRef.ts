import {
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import { BedrockModelsService } from './BedrockModelsService';
import { DefaultBedrockModelsService } from './DefaultBedrockModelsService';

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
        new DefaultBedrockModelsService({ discovery, auth }),
    }),
});
