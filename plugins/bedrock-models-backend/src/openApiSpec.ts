import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';
import fs from 'node:fs';
import { parse } from 'yaml';

/** What createValidatedOpenApiRouter takes: an OpenAPI 3.1 document. */
export type OpenApiDocument = Parameters<
  typeof createValidatedOpenApiRouter
>[0];

/** The OpenAPI document of the plugin's API (schema/openapi.yaml), which requests are validated against. */
export function loadOpenApiSpec(): OpenApiDocument {
  const file = resolvePackagePath(
    '@bedrock-portal/backstage-plugin-bedrock-models-backend',
    'schema/openapi.yaml',
  );
  return parse(fs.readFileSync(file, 'utf8')) as OpenApiDocument;
}
