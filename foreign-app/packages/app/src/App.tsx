// The app on the new frontend system, with the bedrock-models plugin added as its README says.
import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import scaffolderPlugin from '@backstage/plugin-scaffolder/alpha';
import bedrockModelsPlugin from '@bedrock-portal/backstage-plugin-bedrock-models';

export default createApp({
  features: [catalogPlugin, scaffolderPlugin, bedrockModelsPlugin],
});
