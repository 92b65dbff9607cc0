import { expect, Page } from '@playwright/test';

/**
 * Opens `path` and signs in as the guest (user:default/guest, a member of support-ml). Every test gets
 * a fresh browser context, so the sign-in page is always shown first; the app stays on `path` after it.
 */
export async function signIn(page: Page, path = '/') {
  await page.goto(path);
  await page.getByRole('button', { name: 'Enter' }).click();
  await expect(
    page
      .getByRole('navigation', { name: 'sidebar nav' })
      .getByRole('link', { name: 'Bedrock models', exact: true }),
  ).toBeVisible();
}

/** The Bedrock tab of a model's catalog page. */
export function modelTabPath(model: string) {
  return `/catalog/default/resource/${model}/bedrock`;
}

/**
 * The row of version `n` in the model tab's versions table (the cost panel has a table of versions
 * too: only the versions table has the actions).
 */
export function versionRow(page: Page, n: number) {
  return page.getByRole('row').filter({
    has: page.getByRole('button', {
      name: `Promote version ${n}`,
      exact: true,
    }),
  });
}

/** The status cell of a version's row: the status, then the failure message if any. */
export function versionStatus(page: Page, n: number) {
  // Version is the row header; then Region, Status, ...
  return versionRow(page, n).getByRole('gridcell').nth(1);
}

/** Opens the Bedrock tab from a model's catalog page. */
export async function openBedrockTab(page: Page) {
  await page
    .getByRole('navigation', { name: 'Content navigation' })
    .getByRole('link', { name: 'Bedrock', exact: true })
    .click();
}

/**
 * The confirmation of a promote or rollback: what moved, then what callers see, since the backend writes
 * SSM within the request when it can ("get the new ARN now") and leaves it to its outbox otherwise.
 */
export function moveConfirmation(summary: string, parameterName: string) {
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  return new RegExp(
    `^${escape(summary)} (Callers reading ${escape(
      parameterName,
    )} get the new ARN now\\.|Saved; SSM \\(${escape(
      parameterName,
    )}\\) is being updated and will follow within a minute\\.)$`,
  );
}
