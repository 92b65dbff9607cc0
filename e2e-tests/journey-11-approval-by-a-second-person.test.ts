import { expect, test } from '@playwright/test';
import { PortalApi } from './support/api';
import { importReadyModel, signInAsApprover } from './support/approvals';
import { ssmParameter } from './support/emulator';
import { modelTabPath, signIn } from './support/portal';
import { freshModelName } from './support/template';

// The demo's approval rule (app-config.yaml bedrockModels.approvals): production of confidential models
// moves after one approval from someone else, an owner or ML governance. The guest (Support ML) imports a
// confidential model of its own and asks; Gale, the demo's second sign-in (ML governance), approves.
const REGION = 'us-east-1';
const ALIAS = 'production';
const GUEST = 'user:default/guest';
const GALE = 'user:default/gale';
// People by their catalog display names on the pages (examples/org.yaml).
const GUEST_NAME = 'Guest';
// The demo seed's Llama 3.1 8B fine-tune in us-east-1, which Support ML may import from.
const GOOD_SET = 's3://demo-model-artifacts/support-summarizer/v3/';

test('an owner asks to promote a confidential model to production; nothing moves until a second person approves in the Approvals page, then the pointer and SSM follow; the requester cannot approve their own', async ({
  page,
  browser,
  request,
}) => {
  test.setTimeout(300_000);
  const guest = await PortalApi.asGuest(request);
  const gale = await PortalApi.asDemoApprover(request);
  const modelName = freshModelName('e2e-approval');
  const parameterName = `/bedrock-models/${modelName}/${ALIAS}`;
  const arn = await importReadyModel(guest, {
    modelName,
    s3Uri: GOOD_SET,
    region: REGION,
    classification: 'confidential',
  });
  const reason = `e2e: launch ${modelName}`;

  await test.step('the owner asks: the dialog names the rule and the button asks for approval', async () => {
    await signIn(page, modelTabPath(modelName));
    await page
      .getByRole('button', { name: 'Promote version 1', exact: true })
      .click();
    const dialog = page.getByRole('dialog');
    await expect(
      dialog.getByText(
        "Needs one approval from the model's owners or ML governance, someone other than the requester; the request expires 24 h after it is made. Nothing moves until it is approved.",
      ),
    ).toBeVisible();
    await expect(dialog.getByText(parameterName)).toBeVisible();
    await expect(dialog.getByText(arn)).toBeVisible();
    await dialog.getByRole('textbox', { name: 'Reason' }).fill(reason);
    await dialog
      .getByRole('button', { name: 'Request approval', exact: true })
      .click();
    await expect(dialog).toBeHidden();
    const confirmation = page.getByRole('status', {
      name: 'Move confirmation',
    });
    await expect(confirmation).toContainText(
      `Approval requested: the ${ALIAS} pointer in ${REGION} moves to version 1 after one approval`,
    );
    await expect(confirmation).toContainText('Nothing has moved yet.');
    // The pointer card shows the request waiting.
    await expect(
      page
        .getByRole('region', { name: `${ALIAS} in ${REGION}` })
        .getByRole('group', { name: 'Pending approval requests' }),
    ).toContainText(`asked by ${GUEST_NAME}`);
  });

  // Nothing moved: no pointer, nothing in SSM.
  expect(
    (await guest.model(modelName))!.pointers.filter(p => p.alias === ALIAS),
  ).toEqual([]);
  expect(await ssmParameter(REGION, parameterName)).toBeUndefined();

  const requests = (
    await (await gale.get(`/api/bedrock-models/approvals?mine=decide`)).json()
  ).items.filter((r: { modelName: string }) => r.modelName === modelName);
  expect(requests).toHaveLength(1);
  const requestId: string = requests[0].id;

  await test.step('the requester cannot approve their own request, on the page or through the API', async () => {
    await page
      .getByRole('status', { name: 'Move confirmation' })
      .getByRole('link', { name: 'Open the request' })
      .click();
    await expect(page).toHaveURL(
      new RegExp(`/bedrock-models/approvals\\?request=${requestId}$`),
    );
    const followed = page.getByRole('article', {
      name: `Approval request: ${modelName}: ${ALIAS} in ${REGION}`,
    });
    await expect(followed.first()).toContainText(`“${reason}”`);
    const approve = followed.first().getByRole('button', { name: 'Approve' });
    await expect(approve).toBeDisabled();
    await expect(
      followed
        .first()
        .getByText('You asked for this move, so someone else must approve it.'),
    ).toBeVisible();
    const own = await guest.post(
      `/api/bedrock-models/approvals/${requestId}/approve`,
      { reason: 'my own' },
    );
    expect(own.status()).toBe(403);
    expect((await own.json()).error.message).toBe(
      'You asked for this move, so someone else must approve it.',
    );
  });

  await test.step('the second person approves it in the Approvals page: the pointer moves', async () => {
    const context = await browser.newContext();
    const approver = await context.newPage();
    try {
      await signInAsApprover(approver, '/bedrock-models/approvals');
      await expect(
        approver.getByRole('tab', { name: 'To decide', selected: true }),
      ).toBeVisible();
      const card = approver.getByRole('article', {
        name: `Approval request: ${modelName}: ${ALIAS} in ${REGION}`,
      });
      await expect(card).toContainText(
        `Promote ${ALIAS} in ${REGION} from no version to version 1`,
      );
      await expect(card).toContainText(`${GUEST_NAME}, `);
      await card.getByRole('button', { name: 'Approve' }).click();
      const dialog = approver.getByRole('dialog');
      await expect(
        dialog.getByRole('textbox', { name: 'Reason' }),
      ).toBeFocused();
      await dialog
        .getByRole('textbox', { name: 'Reason' })
        .fill('e2e: the evaluation holds');
      await dialog
        .getByRole('button', { name: 'Approve', exact: true })
        .click();
      await expect(approver.getByRole('status')).toContainText(
        `Approved: version 1 of ${modelName} now serves ${ALIAS} in ${REGION}.`,
      );
      await expect(card).toBeHidden();
    } finally {
      await context.close();
    }
  });

  // SSM follows, and the history says who asked and who approved.
  await expect
    .poll(() => ssmParameter(REGION, parameterName), {
      message: `SSM parameter ${parameterName}`,
      timeout: 60_000,
    })
    .toBe(arn);
  expect((await guest.history(modelName, ALIAS, REGION)).at(-1)).toMatchObject({
    kind: 'promote',
    toVersion: 1,
    actor: GALE,
    requestedBy: GUEST,
    approvedBy: [GALE],
    approvalRequestId: requestId,
    reason,
  });
  await page.goto(modelTabPath(modelName));
  await expect(
    page.getByRole('region', { name: `${ALIAS} in ${REGION}` }),
  ).toContainText('version 1');
});
