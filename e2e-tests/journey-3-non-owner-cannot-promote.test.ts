import { expect, test } from '@playwright/test';
import { PortalApi, waitForDemoModel } from './support/api';
import { modelTabPath, signIn, versionRow } from './support/portal';

// claims-triage (eu-central-1, version 1) is owned by group claims-ai; the guest is not in it, nor
// in the admins group.
const MODEL = 'claims-triage';
const REGION = 'eu-central-1';
const NOT_OWNER =
  'Only the owners of this model and the portal admins may do this.';

test('a user who does not own the model cannot promote: the button says why, and the API answers 403', async ({
  page,
  request,
}) => {
  const api = await PortalApi.asGuest(request);
  await waitForDemoModel(api, MODEL, 1);
  const before = (await api.model(MODEL))!;
  expect(before.model.owner).toBe('group:default/claims-ai');
  expect(before.versions.find(v => v.number === 1)?.status).toBe('ready');

  await signIn(page, modelTabPath(MODEL));
  await expect(page.getByText('Owner Claims AI')).toBeVisible();

  // The version is ready, so only ownership stands in the way; the button is disabled and points to
  // the notice that says so (its accessible description), as do Retire's.
  const promote = versionRow(page, 1).getByRole('button', {
    name: 'Promote version 1',
    exact: true,
  });
  await expect(promote).toBeDisabled();
  await expect(promote).toHaveAccessibleDescription(
    `You can see this model but not promote, roll back or retire its versions. ${NOT_OWNER}`,
  );
  await expect(
    page.getByText(
      'You can see this model but not promote, roll back or retire its versions.',
    ),
  ).toBeVisible();
  await expect(
    page.locator('#bedrock-models-permission-notice').getByText(NOT_OWNER),
  ).toBeVisible();
  await expect(
    versionRow(page, 1).getByRole('button', { name: 'Retire version 1' }),
  ).toBeDisabled();

  // The API refuses the same move for the same user, with a message, and writes nothing.
  const response = await api.promote(MODEL, 'production', {
    region: REGION,
    version: 1,
    reason: 'e2e: a non-owner tries to promote',
  });
  expect(response.status()).toBe(403);
  const body = await response.json();
  expect(body.error.name).toBe('NotAllowedError');
  // The message says why, as the page does.
  expect(body.error.message).toMatch(
    new RegExp(`model ${MODEL}: only its owners and the portal admins may`),
  );
  const rollback = await api.post(
    `/api/bedrock-models/models/${MODEL}/aliases/production/rollback`,
    { region: REGION, reason: 'e2e: a non-owner tries to roll back' },
  );
  expect(rollback.status()).toBe(403);
  expect((await rollback.json()).error.name).toBe('NotAllowedError');

  const after = (await api.model(MODEL))!;
  expect(after.pointers).toEqual(before.pointers);
  expect(after.recentHistory).toEqual(before.recentHistory);
});
