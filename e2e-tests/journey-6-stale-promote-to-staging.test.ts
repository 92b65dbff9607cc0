import { expect, test } from '@playwright/test';
import { PortalApi, waitForDemoModel } from './support/api';
import { ssmParameter } from './support/emulator';
import { modelTabPath, moveConfirmation, signIn } from './support/portal';

// support-summarizer's versions 1 and 2 in us-east-1 (demo seed). Journey 2 moves production; this one
// moves staging, so the two never disturb each other.
const MODEL = 'support-summarizer';
const ALIAS = 'staging';
const REGION = 'us-east-1';
const GUEST = 'user:default/guest';

test('an owner promotes to staging from a page someone else made stale: the 409 says who moved the pointer to what, the dialog refreshes, and the owner promotes from the new state', async ({
  page,
  request,
}) => {
  test.setTimeout(180_000);
  const api = await PortalApi.asGuest(request);
  await waitForDemoModel(api, MODEL, 3);
  const settings = await api.settings();
  const parameterName = `${settings.ssmParameterPrefix}/${MODEL}/${ALIAS}`;
  const details = (await api.model(MODEL))!;
  const arnOf = (n: number) =>
    details.versions.find(v => v.region === REGION && v.number === n)!
      .importedModelArn!;

  // Start from staging on version 1 (a retried attempt finds it where the last one left it).
  await api.ensurePointer(MODEL, ALIAS, REGION, 1);

  await signIn(page, modelTabPath(MODEL));
  const pointer = page.getByRole('region', { name: `${ALIAS} in ${REGION}` });
  await expect(pointer).toContainText('version 1');

  // The owner opens the promote dialog for version 2 and picks staging: from 1 to 2.
  await page
    .getByRole('button', { name: 'Promote version 2', exact: true })
    .click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: /^production / }).click();
  await page.getByRole('option', { name: ALIAS, exact: true }).click();
  await expect(dialog.getByLabel('move', { exact: true })).toHaveText(
    'from version 1 to version 2',
  );
  await dialog
    .getByRole('textbox', { name: 'Reason' })
    .fill('e2e: try version 2 in staging');

  // Meanwhile a colleague promotes version 2 to staging from somewhere else.
  const colleagueReason = `e2e: a colleague got there first (${Date.now()})`;
  const colleague = await api.promote(MODEL, ALIAS, {
    region: REGION,
    version: 2,
    reason: colleagueReason,
  });
  expect(colleague.ok(), await colleague.text()).toBe(true);

  // The owner's promote is refused: who moved it to what, and the dialog shows the state as it is now.
  await dialog.getByRole('button', { name: 'Promote', exact: true }).click();
  await expect(
    dialog.getByText(`Someone else moved the ${ALIAS} pointer in ${REGION}`),
  ).toBeVisible();
  await expect(dialog).toContainText(
    new RegExp(`It now names version 2, moved by ${GUEST} at `),
  );
  await expect(dialog).toContainText(
    `The ${ALIAS} pointer in ${REGION} already names version 2.`,
  );
  await expect(
    dialog.getByRole('button', { name: 'Promote', exact: true }),
  ).toBeDisabled();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();

  // The page has refreshed: staging names version 2, and the history shows the colleague's move.
  await expect(pointer).toContainText('version 2');
  await expect(
    page
      .getByRole('list', { name: 'Model history' })
      .getByRole('listitem')
      .filter({ hasText: colleagueReason }),
  ).toHaveCount(1);

  // From the new state the owner puts version 1 back in staging: from 2 to 1, and SSM follows.
  await page
    .getByRole('button', { name: 'Promote version 1', exact: true })
    .click();
  await dialog.getByRole('button', { name: /^production / }).click();
  await page.getByRole('option', { name: ALIAS, exact: true }).click();
  await expect(dialog.getByLabel('move', { exact: true })).toHaveText(
    'from version 2 to version 1',
  );
  await dialog
    .getByRole('textbox', { name: 'Reason' })
    .fill('e2e: back to version 1 after the colleague’s test');
  await dialog.getByRole('button', { name: 'Promote', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(
    page.getByText(
      moveConfirmation(
        `Version 1 now serves ${ALIAS} in ${REGION}.`,
        parameterName,
      ),
    ),
  ).toBeVisible();
  await expect(pointer).toContainText('version 1');
  const history = await api.history(MODEL, ALIAS, REGION);
  expect(history.slice(-2)).toMatchObject([
    { toVersion: 2, actor: GUEST, reason: colleagueReason },
    { fromVersion: 2, toVersion: 1, actor: GUEST },
  ]);
  await expect
    .poll(() => ssmParameter(REGION, parameterName), {
      message: `SSM parameter ${parameterName}`,
      timeout: 60_000,
    })
    .toBe(arnOf(1));
});
