import { test, expect } from '@playwright/test';

test('the Bedrock models page is in the sidebar and shows its backend is up', async ({
  page,
}) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();

  await page
    .getByRole('navigation', { name: 'sidebar nav' })
    .getByRole('link', { name: 'Bedrock models', exact: true })
    .click();

  await expect(page).toHaveURL(/\/bedrock-models$/);
  await expect(page.getByText('Status: ok')).toBeVisible();
  await expect(
    page.getByText(/Database: (better-sqlite3|pg) \(\d+ migrations? applied\)/),
  ).toBeVisible();
  await page.screenshot({
    path: test.info().outputPath('bedrock-models.png'),
    fullPage: true,
  });
});
