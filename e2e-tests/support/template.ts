import { expect, Page } from '@playwright/test';

export const IMPORT_TEMPLATE_PATH =
  '/create/templates/default/import-bedrock-model';

/** A model name no earlier run of the journeys has taken (the registry lives as long as the backend). */
export function freshModelName(prefix: string) {
  return `${prefix}-${Date.now().toString(36)}`;
}

/** The template form's artifact check (the BedrockArtifactCheck field of the Artifacts step). */
export function artifactCheck(page: Page) {
  return page.getByRole('group', { name: 'Check artifacts' });
}

/** Fills the Model step for a new model and goes on to the Artifacts step. */
export async function fillNewModel(
  page: Page,
  input: { modelName: string; ownerName: string },
) {
  await expect(
    page.getByRole('heading', {
      name: 'Import a fine-tuned model into Amazon Bedrock',
    }),
  ).toBeVisible();
  await expect(page.getByRole('radio', { name: 'A new model' })).toBeChecked();
  await page.getByRole('textbox', { name: 'Model name' }).fill(input.modelName);
  const owner = page.getByRole('textbox', { name: 'Owner' });
  await owner.fill(input.ownerName);
  await page
    .getByRole('listbox', { name: 'Owner' })
    .getByRole('option', { name: input.ownerName, exact: true })
    .click();
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(
    page.getByRole('textbox', { name: 'Artifacts in S3' }),
  ).toBeVisible();
}

/**
 * Fills the import template's form for a new model and submits it; the page is then on the task's
 * page. The Artifacts step keeps its defaults (account, internal, us-east-1) apart from the S3 folder,
 * and goes on once the artifact check has passed.
 */
export async function startImport(
  page: Page,
  input: {
    modelName: string;
    ownerName: string;
    s3Uri?: string;
    /** Runs on the review step, just before Create (after the form's artifact check passed). */
    beforeCreate?: () => Promise<void>;
  },
) {
  await fillNewModel(page, input);

  // Artifacts
  const s3Uri = page.getByRole('textbox', { name: 'Artifacts in S3' });
  if (input.s3Uri) await s3Uri.fill(input.s3Uri);
  // Account, classification and Region come from the backend's settings (BedrockModelsSettingPicker).
  await expect(
    page.getByRole('button', { name: '123456789012 AWS account' }),
  ).toBeVisible();
  await expect(
    page.getByRole('button', { name: 'Internal Data classification' }),
  ).toBeVisible();
  await expect(
    page.getByRole('button', {
      name: 'US East (N. Virginia) us-east-1 Region',
    }),
  ).toBeVisible();
  // The backend's check of the artifacts, before Create.
  await expect(
    artifactCheck(page).getByText('The artifacts can be imported'),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Next' }).click();

  // Lineage (optional) and Release (no staging promotion)
  await expect(page.getByRole('textbox', { name: 'Base model' })).toBeVisible();
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(
    page.getByRole('checkbox', {
      name: 'Promote the new version to staging when it is ready',
    }),
  ).not.toBeChecked();
  await page.getByRole('button', { name: 'Review' }).click();

  // Review
  await expect(
    page.getByRole('row', { name: `Model name ${input.modelName}` }),
  ).toBeVisible();
  await input.beforeCreate?.();
  await page.getByRole('button', { name: 'Create' }).click();
  await expect(page).toHaveURL(/\/create\/tasks\/[0-9a-f-]+$/);
}
