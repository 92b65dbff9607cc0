import type { CustomFieldValidator } from '@backstage/plugin-scaffolder-react';
import { createFormField } from '@backstage/plugin-scaffolder-react/alpha';
import { bedrockModelsApiRef } from '../api/BedrockModelsApi';
import {
  PortalSettingPicker,
  PortalSettingPickerOptions,
} from './PortalSettingPicker';
import { settingChoiceProblem } from './settingChoices';

/** The name templates use: `ui:field: BedrockModelsSettingPicker`. */
export const PORTAL_SETTING_PICKER = 'BedrockModelsSettingPicker';

/** Refuses, before the task starts, a value the portal's configuration does not offer. */
export const validatePortalSetting: CustomFieldValidator<
  string,
  PortalSettingPickerOptions
> = async (value, validation, context) => {
  const options = context.uiSchema?.['ui:options'];
  const list = options?.list ?? 'accounts';
  const api = context.apiHolder.get(bedrockModelsApiRef);
  if (!api || !value) return;
  const settings = await api.getSettings().catch(() => undefined);
  // Unreadable settings: the picker shows the error, and the backend still refuses a wrong value.
  if (!settings) return;
  const accountId =
    list === 'regions'
      ? (context.formData[options?.accountField ?? 'accountId'] as
          | string
          | undefined)
      : undefined;
  const classification =
    list === 'regions' && options?.classificationField
      ? (context.formData[options.classificationField] as string | undefined)
      : undefined;
  const problem = settingChoiceProblem(
    settings,
    list,
    value,
    accountId,
    classification,
  );
  if (problem) validation.addError(problem);
};

/** The settings picker as a scaffolder form field (new frontend system). */
export const portalSettingPickerField = createFormField({
  name: PORTAL_SETTING_PICKER,
  component: PortalSettingPicker,
  validation: validatePortalSetting,
});
