import { expect, test } from '@playwright/test';
import { PortalApi, waitForDemoModel } from './support/api';
import { ssmParameter } from './support/emulator';
import { arrowTo, tabInto, tabTo } from './support/keyboard';
import { modelTabPath, moveConfirmation } from './support/portal';

// The guest (Support ML) owns support-summarizer; the demo seed imported its versions 1 and 2 into
// us-east-1. Everything below is done with Tab, the arrow keys (inside the versions table), Enter and
// typing: no clicks.
const MODEL = 'support-summarizer';
const ALIAS = 'production';
const REGION = 'us-east-1';

test('keyboard only: an owner promotes version 2 to production and undoes it, with Tab, the arrow keys, Enter and typing', async ({
  page,
  request,
}) => {
  test.setTimeout(240_000);
  const api = await PortalApi.asGuest(request);
  await waitForDemoModel(api, MODEL, 3);
  const parameterName = `/bedrock-models/${MODEL}/${ALIAS}`;
  const before = (await api.model(MODEL))!;
  const arnOf = (n: number) =>
    before.versions.find(v => v.number === n && v.region === REGION)!
      .importedModelArn!;
  await api.ensurePointer(MODEL, ALIAS, REGION, 1);

  // Sign in with the keyboard: the guest's Enter button.
  await page.goto(modelTabPath(MODEL));
  const enter = page.getByRole('button', { name: 'Enter' });
  await tabTo(page, enter);
  await page.keyboard.press('Enter');
  const pointer = page.getByRole('region', { name: `${ALIAS} in ${REGION}` });
  await expect(pointer).toContainText('version 1');

  const reason = `e2e: keyboard promote (${Date.now()})`;
  await test.step('Tab into the versions table, arrows to Promote version 2, Enter: the dialog focuses its first field', async () => {
    const promote = page.getByRole('button', {
      name: 'Promote version 2',
      exact: true,
    });
    // The versions table is one stop in the tab order (a grid): the arrow keys move inside it.
    await tabInto(page, page.getByRole('grid').filter({ has: promote }));
    await arrowTo(page, promote);
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog');
    await expect(
      dialog.getByRole('button', { name: /^production / }),
    ).toBeFocused();
    await expect(dialog.getByLabel('move', { exact: true })).toHaveText(
      'from version 1 to version 2',
    );
    await expect(dialog.getByText(arnOf(2))).toBeVisible();
    await tabTo(page, dialog.getByRole('textbox', { name: 'Reason' }));
    await page.keyboard.type(reason);
    await tabTo(
      page,
      dialog.getByRole('button', { name: 'Promote', exact: true }),
    );
    await page.keyboard.press('Enter');
    await expect(dialog).toBeHidden();
  });

  const confirmation = page.getByRole('status', { name: 'Move confirmation' });
  await expect(confirmation).toBeFocused();
  await expect(
    confirmation.getByText(
      moveConfirmation(
        `Version 2 now serves ${ALIAS} in ${REGION}.`,
        parameterName,
      ),
    ),
  ).toBeVisible();
  await expect
    .poll(() => ssmParameter(REGION, parameterName), { timeout: 60_000 })
    .toBe(arnOf(2));

  await test.step('Tab to Undo, Enter: the rollback dialog has the reason filled in; Tab to Roll back, Enter', async () => {
    await tabTo(page, confirmation.getByRole('button', { name: 'Undo' }));
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog');
    const undoReason = dialog.getByRole('textbox', { name: 'Reason' });
    await expect(undoReason).toBeFocused();
    await expect(undoReason).toHaveValue(
      `Undo of the promote of ${ALIAS} in ${REGION} to version 2 (${reason})`,
    );
    await expect(dialog.getByLabel('move', { exact: true })).toHaveText(
      'from version 2 to version 1',
    );
    await tabTo(
      page,
      dialog.getByRole('button', { name: 'Roll back', exact: true }),
    );
    await page.keyboard.press('Enter');
    await expect(dialog).toBeHidden();
  });

  await expect(
    confirmation.getByText(
      moveConfirmation(
        `The ${ALIAS} pointer in ${REGION} is back on version 1.`,
        parameterName,
      ),
    ),
  ).toBeVisible();
  await expect(pointer).toContainText('version 1');
  await expect
    .poll(() => ssmParameter(REGION, parameterName), { timeout: 60_000 })
    .toBe(arnOf(1));
  expect((await api.history(MODEL, ALIAS, REGION)).at(-1)).toMatchObject({
    kind: 'rollback',
    fromVersion: 2,
    toVersion: 1,
    reason: `Undo of the promote of ${ALIAS} in ${REGION} to version 2 (${reason})`,
  });
});
