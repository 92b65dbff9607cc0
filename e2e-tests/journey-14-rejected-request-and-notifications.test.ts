import { expect, Page, test } from '@playwright/test';
import { PortalApi } from './support/api';
import { importReadyModel, signInAsApprover } from './support/approvals';
import { ssmParameter } from './support/emulator';
import { signIn } from './support/portal';
import { freshModelName } from './support/template';

// The demo's approval rule: production of confidential models needs one approval from someone else, an
// owner or ML governance. The guest (Support ML) asks to promote a confidential model of its own; Gale
// (ML governance, the demo's second sign-in) is told in her notifications, follows the link and rejects
// it; the guest is told in theirs, with Gale's reason; nothing moves.
const REGION = 'us-east-1';
const ALIAS = 'production';
const GOOD_SET = 's3://demo-model-artifacts/support-summarizer/v3/';

/** Waits for a notification on the Notifications page (they arrive as the backend sends them). */
async function notification(page: Page, title: string) {
  const item = page.getByText(title, { exact: true }).first();
  await expect(async () => {
    await page.goto('/notifications');
    await expect(item).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 60_000 });
  return item;
}

test('an approver is notified of a request, rejects it with a reason from the Approvals page, and the requester is notified of why; nothing moves', async ({
  page,
  browser,
  request,
}) => {
  test.setTimeout(300_000);
  const guest = await PortalApi.asGuest(request);
  const modelName = freshModelName('e2e-reject');
  const parameterName = `/bedrock-models/${modelName}/${ALIAS}`;
  await importReadyModel(guest, {
    modelName,
    s3Uri: GOOD_SET,
    region: REGION,
    classification: 'confidential',
  });
  const asked = await guest.promote(modelName, ALIAS, {
    region: REGION,
    version: 1,
    reason: `e2e: launch ${modelName}`,
  });
  expect(asked.ok(), await asked.text()).toBe(true);
  const requestId: string = (await asked.json()).approvalRequest.id;
  const rejection = 'e2e: no evaluation run yet';

  await test.step('the approver finds the request in her notifications and rejects it, saying why', async () => {
    const context = await browser.newContext();
    const approver = await context.newPage();
    try {
      await signInAsApprover(approver, '/notifications');
      const asking = await notification(
        approver,
        `Approval asked: ${modelName} ${ALIAS} in ${REGION} to v1`,
      );
      await asking.click();
      await expect(approver).toHaveURL(
        new RegExp(`/bedrock-models/approvals\\?request=${requestId}$`),
      );
      const card = approver
        .getByRole('article', {
          name: `Approval request: ${modelName}: ${ALIAS} in ${REGION}`,
        })
        .first();
      await card.getByRole('button', { name: 'Reject' }).click();
      const dialog = approver.getByRole('dialog');
      await dialog.getByRole('textbox', { name: 'Reason' }).fill(rejection);
      await dialog.getByRole('button', { name: 'Reject', exact: true }).click();
      await expect(approver.getByRole('status')).toContainText(
        `Rejected: the ${ALIAS} pointer of ${modelName} in ${REGION} stays where it is.`,
      );
    } finally {
      await context.close();
    }
  });

  await test.step('the requester is told, with the approver and the reason', async () => {
    await signIn(page, '/notifications');
    await notification(
      page,
      `Your request to promote ${modelName} ${ALIAS} to v1 is rejected`,
    );
    await expect(
      page.getByText(`user:default/gale: ${rejection}`).first(),
    ).toBeVisible();
  });

  // Nothing moved: no pointer, nothing in SSM; the request says who rejected it and why.
  expect(
    (await guest.model(modelName))!.pointers.filter(p => p.alias === ALIAS),
  ).toEqual([]);
  expect(await ssmParameter(REGION, parameterName)).toBeUndefined();
  const decided = await (
    await guest.get(`/api/bedrock-models/approvals/${requestId}`)
  ).json();
  expect(decided).toMatchObject({
    status: 'rejected',
    decisions: [
      expect.objectContaining({
        actor: 'user:default/gale',
        decision: 'reject',
        reason: rejection,
      }),
    ],
  });
});
