import { EntityLink } from '@backstage/catalog-model';
import {
  importedModelConsoleUrl,
  importedModelsConsoleUrl,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';

/** The Bedrock console's list of imported models in a Region. */
export function importedModelsConsoleLink(region: string): EntityLink {
  return {
    url: importedModelsConsoleUrl(region),
    title: `AWS console: imported models (${region})`,
    icon: 'cloud',
    type: 'aws-console',
  };
}

/** The Bedrock console's page of one imported model. */
export function importedModelConsoleLink(
  region: string,
  importedModelArn: string,
): EntityLink {
  return {
    url: importedModelConsoleUrl(region, importedModelArn),
    title: `AWS console (${region})`,
    icon: 'cloud',
    type: 'aws-console',
  };
}
