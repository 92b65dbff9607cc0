import { readFile } from 'fs/promises';
import { test, expect, Page, APIRequestContext } from '@playwright/test';
import { PortalApi, waitForDemoModel } from './support/api';
import { openBedrockTab, signIn } from './support/portal';

// Smoke walks of the two screens against the demo seed; the journeys are in their own files.

// Discovery reconciles the emulator's demo seed into the registry shortly after start-up: wait for its
// models, then open the governance page from the sidebar.
async function openGovernancePage(page: Page, request: APIRequestContext) {
  const api = await PortalApi.asGuest(request);
  await waitForDemoModel(api, 'support-summarizer', 3);
  await waitForDemoModel(api, 'legacy-faq-bot', 1);
  await signIn(page);
  await page
    .getByRole('navigation', { name: 'sidebar nav' })
    .getByRole('link', { name: 'Bedrock models', exact: true })
    .click();
  await expect(page).toHaveURL(/\/bedrock-models$/);
  // It opens on what needs attention; the versions are the next tab.
  await expect(page.getByRole('tab', { name: 'Attention' })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  await page.getByRole('tab', { name: 'Versions' }).click();
  await expect(page).toHaveURL(/view=versions/);
  await expect(
    page.getByRole('rowheader', { name: /support-summarizer/ }).first(),
  ).toBeVisible();
}

test('governance: every fine-tune with where it runs, filters, the backend CSV of the filtered versions, and the Region view', async ({
  page,
  request,
}) => {
  await openGovernancePage(page, request);

  await expect(page.getByText(/^\d+ of \d+ versions$/)).toBeVisible();
  await expect(
    page.getByRole('rowheader', { name: /legacy-faq-bot/ }),
  ).toBeVisible();

  // A select's trigger is named by its value, then its label.
  await page.getByRole('button', { name: / Region$/ }).click();
  await page.getByRole('option', { name: 'us-west-2' }).click();
  await expect(page.getByRole('rowheader')).toHaveCount(1);
  await expect(
    page.getByRole('rowheader', { name: /legacy-faq-bot/ }),
  ).toBeVisible();

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const csv = await readFile(await (await download).path(), 'utf8');
  const lines = csv
    .replace(/^\ufeff/, '')
    .trim()
    .split('\r\n');
  expect(lines[0]).toMatch(
    /^model,version,owner,classification,account,region/,
  );
  expect(lines.slice(1).map(line => line.split(',')[0])).toEqual([
    'legacy-faq-bot',
  ]);

  await page.getByRole('button', { name: 'Clear filters' }).click();
  await page.getByRole('tab', { name: 'Where they run' }).click();
  await expect(
    page.getByRole('columnheader', { name: 'us-east-1' }),
  ).toBeVisible();
  await expect(
    page.getByRole('columnheader', { name: 'eu-central-1' }),
  ).toBeVisible();
  await page.getByRole('tab', { name: 'Totals' }).click();
  await expect(page.getByLabel('Overall totals')).toContainText('versions');
  await page.getByRole('tab', { name: 'Cost shape' }).click();
  await expect(page.getByLabel('On-demand per month')).toBeVisible();

  await page.screenshot({
    path: test.info().outputPath('governance.png'),
    fullPage: true,
  });
});

test('model tab: pointers per Region, versions with their actions, history, cost, quotas and how to call it', async ({
  page,
  request,
}) => {
  await openGovernancePage(page, request);
  await page
    .getByRole('rowheader', { name: /support-summarizer/ })
    .first()
    .getByRole('link')
    .click();
  await expect(page).toHaveURL(
    /\/catalog\/default\/resource\/support-summarizer/,
  );
  await openBedrockTab(page);

  await expect(
    page.getByRole('region', { name: 'production in us-east-1' }),
  ).toBeVisible();
  await expect(
    page.getByRole('region', { name: 'production in eu-central-1' }),
  ).toBeVisible();
  // Whether the guest may press them depends on who owns the model; each version has both actions.
  await expect(
    page.getByRole('button', { name: /^Promote version \d+$/ }),
  ).not.toHaveCount(0);
  await expect(
    page.getByRole('button', { name: /^Retire version \d+$/ }),
  ).not.toHaveCount(0);
  await expect(page.getByLabel('Monthly projection')).toBeVisible();
  await expect(
    page.getByRole('group', { name: /^Quotas in us-east-1/ }),
  ).toBeVisible();
  await expect(page.getByText('Use this model')).toBeVisible();

  await page.screenshot({
    path: test.info().outputPath('model-tab.png'),
    fullPage: true,
  });
});
