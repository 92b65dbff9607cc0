import { expect, Page } from '@playwright/test';
import { PortalApi } from './api';

/**
 * Opens `path` and signs in as the local demo's second user (user:default/gale, in ML governance):
 * the sign-in page's "Demo approver" card, offered where the backend has auth.providers.demo-approver.
 */
export async function signInAsApprover(page: Page, path = '/') {
  await page.goto(path);
  const card = page
    .locator('div')
    .filter({ has: page.getByText('Demo approver', { exact: true }) })
    .filter({ has: page.getByRole('button', { name: 'Sign In' }) })
    .last();
  await card.getByRole('button', { name: 'Sign In' }).click();
  await expect(
    page
      .getByRole('navigation', { name: 'sidebar nav' })
      .getByRole('link', { name: 'Bedrock models', exact: true }),
  ).toBeVisible();
}

/**
 * Imports a new model's first version through the API as the guest (owner Support ML) and waits until
 * it is ready in the registry and in the catalog; answers its imported-model ARN.
 */
export async function importReadyModel(
  api: PortalApi,
  input: {
    modelName: string;
    s3Uri: string;
    region: string;
    classification: string;
  },
): Promise<string> {
  const response = await api.post(
    `/api/bedrock-models/models/${input.modelName}/versions`,
    {
      s3Uri: input.s3Uri,
      accountId: '123456789012',
      region: input.region,
      classification: input.classification,
      owner: 'group:default/support-ml',
    },
    { 'Idempotency-Key': `e2e-${input.modelName}` },
  );
  expect(response.ok(), await response.text()).toBe(true);
  await expect
    .poll(
      async () =>
        (await api.model(input.modelName))?.versions.find(v => v.number === 1)
          ?.status,
      { message: `${input.modelName} v1 is imported`, timeout: 120_000 },
    )
    .toBe('ready');
  await expect
    .poll(async () => (await api.resource(input.modelName))?.metadata.name, {
      message: `${input.modelName} is in the catalog`,
      timeout: 60_000,
    })
    .toBe(input.modelName);
  const model = await api.model(input.modelName);
  return model!.versions.find(v => v.number === 1)!.importedModelArn!;
}
