// The same plugin in an app still on the legacy frontend system (`./legacy`), as its README says.
// Type-checked by scripts/verify-foreign-install.sh; the app itself starts from ../App.tsx.
import { createApp } from '@backstage/app-defaults';
import { AppRouter, FlatRoutes } from '@backstage/core-app-api';
import {
  CatalogEntityPage,
  CatalogIndexPage,
  EntityAboutCard,
  EntityLayout,
  EntitySwitch,
  isKind,
  isResourceType,
} from '@backstage/plugin-catalog';
import { ScaffolderPage } from '@backstage/plugin-scaffolder';
import { ScaffolderFieldExtensions } from '@backstage/plugin-scaffolder-react';
import { Route } from 'react-router-dom';
import {
  BedrockModelsPage,
  BedrockModelsSettingPickerFieldExtension,
  EntityBedrockModelContent,
  EntityBedrockModelVersionCard,
} from '@bedrock-portal/backstage-plugin-bedrock-models/legacy';

// packages/app/src/components/catalog/EntityPage.tsx: the Bedrock tab on ai-model Resources and the
// version card on ai-model-version Resources.
const resourcePage = (
  <EntitySwitch>
    <EntitySwitch.Case if={isResourceType('ai-model')}>
      <EntityLayout>
        <EntityLayout.Route path="/" title="Overview">
          <EntityAboutCard />
        </EntityLayout.Route>
        <EntityLayout.Route path="/bedrock" title="Bedrock">
          <EntityBedrockModelContent />
        </EntityLayout.Route>
      </EntityLayout>
    </EntitySwitch.Case>
    <EntitySwitch.Case if={isResourceType('ai-model-version')}>
      <EntityLayout>
        <EntityLayout.Route path="/" title="Overview">
          <EntityBedrockModelVersionCard />
        </EntityLayout.Route>
      </EntityLayout>
    </EntitySwitch.Case>
  </EntitySwitch>
);

const entityPage = (
  <EntitySwitch>
    <EntitySwitch.Case if={isKind('resource')}>
      {resourcePage}
    </EntitySwitch.Case>
  </EntitySwitch>
);

const app = createApp({});

// packages/app/src/App.tsx: the governance page, and the template field in the scaffolder.
const routes = (
  <FlatRoutes>
    <Route path="/catalog" element={<CatalogIndexPage />} />
    <Route
      path="/catalog/:namespace/:kind/:name"
      element={<CatalogEntityPage />}
    >
      {entityPage}
    </Route>
    <Route path="/create" element={<ScaffolderPage />}>
      <ScaffolderFieldExtensions>
        <BedrockModelsSettingPickerFieldExtension />
      </ScaffolderFieldExtensions>
    </Route>
    <Route path="/bedrock-models" element={<BedrockModelsPage />} />
  </FlatRoutes>
);

export default app.createRoot(<AppRouter>{routes}</AppRouter>);
