import { getComponentData } from '@backstage/core-plugin-api';
import type { FieldExtensionOptions } from '@backstage/plugin-scaffolder-react';
import {
  BedrockArtifactCheckFieldExtension,
  BedrockModelPickerFieldExtension,
  BedrockModelsSettingPickerFieldExtension,
} from '../legacy';
import { ArtifactCheck } from './ArtifactCheck';
import { validateArtifactCheck } from './artifactCheckField';
import { ModelPicker } from './ModelPicker';
import { validateModelPick } from './modelPickerField';

// The key <ScaffolderFieldExtensions> reads a field extension's options under (scaffolder-react).
const FIELD_EXTENSION_KEY = 'scaffolder.extensions.field.v1';

describe('legacy field extensions', () => {
  it('register the template fields under the names templates use, with their validation', () => {
    const options = [
      BedrockModelsSettingPickerFieldExtension,
      BedrockArtifactCheckFieldExtension,
      BedrockModelPickerFieldExtension,
    ].map(Extension =>
      getComponentData<FieldExtensionOptions>(
        <Extension />,
        FIELD_EXTENSION_KEY,
      ),
    );
    expect(options.map(o => o?.name)).toEqual([
      'BedrockModelsSettingPicker',
      'BedrockArtifactCheck',
      'BedrockModelPicker',
    ]);
    expect(options[1]).toMatchObject({
      component: ArtifactCheck,
      validation: validateArtifactCheck,
    });
    expect(options[2]).toMatchObject({
      component: ModelPicker,
      validation: validateModelPick,
    });
  });
});
