// A platform team's backend: the core plugins it already runs, plus the bedrock-models plugins added
// exactly as their READMEs say (scripts/verify-foreign-install.sh checks those lines are here).
import { createBackend } from '@backstage/backend-defaults';
import { permissionModuleAcmePolicy } from './permissionPolicy';

const backend = createBackend();

backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(import('@backstage/plugin-events-backend'));
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(permissionModuleAcmePolicy);

// Bedrock models
backend.add(import('@bedrock-portal/backstage-plugin-bedrock-models-backend'));
backend.add(
  import(
    '@bedrock-portal/backstage-plugin-catalog-backend-module-bedrock-models'
  ),
);
backend.add(
  import(
    '@bedrock-portal/backstage-plugin-scaffolder-backend-module-bedrock-models'
  ),
);

backend.start();
