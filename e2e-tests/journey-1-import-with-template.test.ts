import { expect, test } from '@playwright/test';
import { PortalApi } from './support/api';
import {
  modelTabPath,
  openBedrockTab,
  signIn,
  versionRow,
  versionStatus,
} from './support/portal';
import {
  freshModelName,
  IMPORT_TEMPLATE_PATH,
  startImport,
} from './support/template';

test('a product team imports a model with the template, watches it import and lands on its page with the ready version', async ({
  page,
  request,
}) => {
  // The emulator imports in 10 s; the run validates, imports and waits for the tracker (2 s polls).
  test.setTimeout(180_000);
  const api = await PortalApi.asGuest(request);
  // A new name per run: the registry keeps every model for as long as the backend runs.
  const modelName = freshModelName('e2e-import');

  await signIn(page, IMPORT_TEMPLATE_PATH);
  await startImport(page, { modelName, ownerName: 'Support ML' });

  // Progress: the steps, then the import step's log lines while the job runs.
  await expect(
    page.getByRole('button', { name: /^Validate the artifacts/ }),
  ).toBeVisible();
  await expect(
    page.getByRole('button', { name: /^Import into Amazon Bedrock/ }),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Show Logs' }).click();
  await expect(
    page.getByText(`can be imported as a new model, ${modelName} in us-east-1`),
  ).toBeVisible();
  await expect(
    page.getByText(
      new RegExp(
        `Started the import of s3://\\S+ as ${modelName} v1 in us-east-1`,
      ),
    ),
  ).toBeVisible({ timeout: 60_000 });
  // Status, elapsed against the expected time (from the weights' size), and what happens next.
  await expect(
    page.getByText(
      /Next: Amazon Bedrock copies the weights from S3 and creates the imported model \(about 12 min for 16\.1 GB of weights\)/,
    ),
  ).toBeVisible();
  await expect(
    page
      .getByText(
        new RegExp(`${modelName} v1: importing, \\d+s of about 12 min`),
      )
      .first(),
  ).toBeVisible();
  await expect(
    page.getByText(new RegExp(`${modelName} v1: ready as arn:aws:bedrock:`)),
  ).toBeVisible({ timeout: 90_000 });

  // The output: ready to call, with links to the model, the version and the console.
  await expect(
    page.getByText(`Its catalog entity (resource:default/${modelName}-v1)`),
  ).toBeVisible();
  const arn = await page
    .getByRole('code')
    .filter({
      hasText: /^arn:aws:bedrock:us-east-1:123456789012:imported-model\//,
    })
    .textContent();
  await expect(
    page.getByRole('link', { name: 'Open version 1' }),
  ).toHaveAttribute('href', `/catalog/default/resource/${modelName}-v1`);
  await page.getByRole('link', { name: 'Open the model' }).click();

  // The model's catalog page, then its Bedrock tab: version 1, ready, with the ARN the run printed.
  await expect(page).toHaveURL(
    new RegExp(`/catalog/default/resource/${modelName}$`),
  );
  await expect(page.getByRole('heading', { name: modelName })).toBeVisible();
  await openBedrockTab(page);
  await expect(page).toHaveURL(new RegExp(`${modelTabPath(modelName)}$`));
  const row = versionRow(page, 1);
  await expect(row).toHaveCount(1);
  await expect(versionStatus(page, 1)).toHaveText('ready');
  await expect(row).toContainText('us-east-1');
  // People and groups by their catalog display names.
  await expect(row).toContainText('Guest');
  await expect(page.getByText('Owner Support ML')).toBeVisible();
  await expect(
    page.getByRole('button', { name: 'Promote version 1' }),
  ).toBeEnabled();

  // The registry agrees: one version, ready, with that ARN.
  const details = await api.model(modelName);
  expect(
    details?.versions.map(v => [v.number, v.status, v.importedModelArn]),
  ).toEqual([[1, 'ready', arn]]);
});
