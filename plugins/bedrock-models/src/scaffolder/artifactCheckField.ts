import type { CustomFieldValidator } from '@backstage/plugin-scaffolder-react';
import { createFormField } from '@backstage/plugin-scaffolder-react/alpha';
import { bedrockModelsApiRef } from '../api/BedrockModelsApi';
import { describeError } from '../api/describeError';
import { ArtifactCheck, ArtifactCheckOptions } from './ArtifactCheck';
import { artifactCheckForm } from './artifactCheckInputs';
import { checkArtifacts } from './runArtifactCheck';

/** The name templates use: `ui:field: BedrockArtifactCheck`. */
export const ARTIFACT_CHECK = 'BedrockArtifactCheck';

/**
 * Keeps the form from going on (Next, then Create) while the artifacts cannot be imported: checks them
 * with the backend (or takes the field's answer of the last seconds) and names what stops it.
 */
export const validateArtifactCheck: CustomFieldValidator<
  string,
  ArtifactCheckOptions
> = async (_value, validation, context) => {
  const api = context.apiHolder.get(bedrockModelsApiRef);
  if (!api) return;
  const form = artifactCheckForm(
    context.formData as Record<string, unknown>,
    context.uiSchema?.['ui:options']?.fields,
  );
  if ('missing' in form) {
    validation.addError(
      `Fill in ${form.missing.join(', ')} so the artifacts can be checked.`,
    );
    return;
  }
  try {
    const result = await checkArtifacts(api, form.inputs, form.key);
    const problems = result.errors.length;
    if (problems > 0) {
      validation.addError(
        `The artifacts cannot be imported yet: fix the ${problems} problem${
          problems === 1 ? '' : 's'
        } the check lists, then go on.`,
      );
    }
  } catch (error) {
    validation.addError(
      `The artifacts could not be checked (${describeError(
        error as Error,
      )}); try again.`,
    );
  }
};

/** The artifact check as a scaffolder form field (new frontend system). */
export const artifactCheckField = createFormField({
  name: ARTIFACT_CHECK,
  component: ArtifactCheck,
  validation: validateArtifactCheck,
});
