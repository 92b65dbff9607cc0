import { identityApiRef } from '@backstage/core-plugin-api';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import type { CustomFieldValidator } from '@backstage/plugin-scaffolder-react';
import { createFormField } from '@backstage/plugin-scaffolder-react/alpha';
import { bedrockModelsApiRef } from '../api/BedrockModelsApi';
import { addableModels } from './addableModels';
import { modelNameOf } from './artifactCheckInputs';
import { ModelPicker } from './ModelPicker';

/** The name templates use: `ui:field: BedrockModelPicker`. */
export const MODEL_PICKER = 'BedrockModelPicker';

/** Refuses, before the task starts, a model the user may not add versions to (or that does not exist). */
export const validateModelPick: CustomFieldValidator<string> = async (
  value,
  validation,
  context,
) => {
  const api = context.apiHolder.get(bedrockModelsApiRef);
  const identityApi = context.apiHolder.get(identityApiRef);
  const permissionApi = context.apiHolder.get(permissionApiRef);
  const name = modelNameOf(value);
  if (!api || !identityApi || !permissionApi || !name) return;
  // Unreadable list: the picker shows the error, and the backend still refuses a model the user may not change.
  const list = await addableModels({ api, identityApi, permissionApi }).catch(
    () => undefined,
  );
  if (list && !list.models.some(model => model.name === name)) {
    validation.addError(
      `You may not add versions to ${name}: only its owners and the portal admins may. Choose one of your models, or import a new model.`,
    );
  }
};

/** The model picker as a scaffolder form field (new frontend system). */
export const modelPickerField = createFormField({
  name: MODEL_PICKER,
  component: ModelPicker,
  validation: validateModelPick,
});
