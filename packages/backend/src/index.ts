/*
 * Hi!
 *
 * Note that this is an EXAMPLE Backstage backend. Please check the README.
 *
 * Happy hacking!
 */

import { createBackend } from '@backstage/backend-defaults';
import { permissionModuleBedrockPortalPolicy } from './permissionPolicy/permissionPolicyModule';
import { signInProviders } from './signInProviders';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));
backend.add(import('@backstage/plugin-proxy-backend'));

// scaffolder plugin
backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(import('@backstage/plugin-scaffolder-backend-module-github'));
backend.add(
  import('@backstage/plugin-scaffolder-backend-module-notifications'),
);

// techdocs plugin
backend.add(import('@backstage/plugin-techdocs-backend'));

// auth plugin
backend.add(import('@backstage/plugin-auth-backend'));
// Sign-in providers: guest only where auth.providers.guest is configured (the local demo; a production
// backend with it refuses to start), GitHub where auth.providers.github is (app-config.production.yaml).
// See https://backstage.io/docs/auth/guest/provider and https://backstage.io/docs/auth/github/provider
backend.add(signInProviders);

// catalog plugin
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);

// See https://backstage.io/docs/features/software-catalog/configuration#subscribing-to-catalog-errors
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));

// permission plugin
backend.add(import('@backstage/plugin-permission-backend'));
// See https://backstage.io/docs/permissions/getting-started for how to create your own permission policy
// The portal's policy: model owners and admin groups move model pointers; see permissionPolicy/.
backend.add(permissionModuleBedrockPortalPolicy);

// search plugin
backend.add(import('@backstage/plugin-search-backend'));

// search engine
// See https://backstage.io/docs/features/search/search-engines
backend.add(import('@backstage/plugin-search-backend-module-pg'));

// search collators
backend.add(import('@backstage/plugin-search-backend-module-catalog'));
backend.add(import('@backstage/plugin-search-backend-module-techdocs'));

// kubernetes plugin
backend.add(import('@backstage/plugin-kubernetes-backend'));

// user settings plugin
backend.add(import('@backstage/plugin-user-settings-backend'));

// events plugin: the event bus for every plugin's EventsService. On PostgreSQL it keeps events in the
// database and delivers them to subscribers on every replica (on SQLite, in this process's memory);
// the bedrock-models plugins publish registry changes and the catalog module subscribes through it.
backend.add(import('@backstage/plugin-events-backend'));

// notifications and signals plugins
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));

// mcp actions plugin
backend.add(import('@backstage/plugin-mcp-actions-backend'));

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
