import { expect, test } from '@playwright/test';
import { PortalApi, waitForDemoModel } from './support/api';
import { modelTabPath, moveConfirmation, signIn } from './support/portal';

// scripts/e2e.sh gives the journeys a third alias, canary, whose evaluation gate blocks a promote without
// a passing run of all prompts (APP_CONFIG_bedrockModels_aliases / _evaluationGates); the demo's
// production gate only warns. The guest (Support ML) owns support-summarizer, versions 1 and 2 in
// us-east-1.
const MODEL = 'support-summarizer';
const ALIAS = 'canary';
const REGION = 'us-east-1';
const NEVER_SAID = 'e2e-words-no-model-says';

/** Replaces the suite with one prompt whose check passes or fails whatever the model answers. */
async function putSuite(api: PortalApi, passing: boolean) {
  const response = await api.put(
    `/api/bedrock-models/models/${MODEL}/evaluation-suite`,
    {
      prompts: [
        {
          id: 'e2e-gate',
          prompt: 'Say hello to a customer who waits for a parcel.',
          checks: passing
            ? { mustNotContain: [NEVER_SAID] }
            : { mustContain: [NEVER_SAID] },
        },
      ],
    },
  );
  expect(response.ok(), await response.text()).toBe(true);
}

/** Evaluates version 2 and waits until the run has finished; answers its status. */
async function evaluateVersion2(api: PortalApi): Promise<string> {
  const started = await api.post(
    `/api/bedrock-models/models/${MODEL}/versions/2/evaluations`,
    { region: REGION },
  );
  expect(started.status(), await started.text()).toBe(202);
  const runId: string = (await started.json()).run.id;
  let status = 'queued';
  // The runner takes queued runs every 15 s.
  await expect
    .poll(
      async () => {
        const run = await (
          await api.get(
            `/api/bedrock-models/models/${MODEL}/evaluations/${runId}`,
          )
        ).json();
        status = run.status;
        return ['passed', 'failed', 'error'].includes(status);
      },
      { message: `evaluation run ${runId} finishes`, timeout: 120_000 },
    )
    .toBe(true);
  return status;
}

test('a blocking evaluation gate: version 2 cannot be promoted to canary after a failing run, and can after a passing one', async ({
  page,
  request,
}) => {
  test.setTimeout(360_000);
  const api = await PortalApi.asGuest(request);
  await waitForDemoModel(api, MODEL, 3);
  expect((await api.settings()).aliases).toContain(ALIAS);
  // Canary on version 1 (a retried attempt finds it there, or on 2: put it back).
  await api.ensurePointer(MODEL, ALIAS, REGION, 1);

  const openPromote = async () => {
    await page
      .getByRole('button', { name: 'Promote version 2', exact: true })
      .click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: /Alias$/ }).click();
    await page.getByRole('option', { name: ALIAS, exact: true }).click();
    return dialog;
  };

  await test.step('after a failing run the gate blocks: the dialog says why and Promote is disabled', async () => {
    await putSuite(api, false);
    expect(await evaluateVersion2(api)).toBe('failed');
    await signIn(page, modelTabPath(MODEL));
    const dialog = await openPromote();
    const evidence = dialog.getByRole('group', { name: 'Evaluation evidence' });
    await expect(evidence).toContainText(
      `The ${ALIAS} gate blocks a promote without a passing evaluation`,
    );
    await expect(
      dialog.getByText('The gate blocks this promote', { exact: true }),
    ).toBeVisible();
    await dialog
      .getByRole('textbox', { name: 'Reason' })
      .fill('e2e: try the gate');
    await expect(
      dialog.getByRole('button', { name: 'Promote', exact: true }),
    ).toBeDisabled();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toBeHidden();
    // The backend refuses it too, whatever the page shows.
    const refused = await api.promote(MODEL, ALIAS, {
      region: REGION,
      version: 2,
      reason: 'e2e: around the page',
    });
    expect(refused.status()).toBe(409);
    expect((await refused.json()).error.message).toMatch(
      /^The last evaluation of version 2 \(.+\) passed 0% of its prompts; canary needs 100%\.$/,
    );
  });

  await test.step('after a passing run the same promote goes through', async () => {
    await putSuite(api, true);
    expect(await evaluateVersion2(api)).toBe('passed');
    await page.reload();
    const dialog = await openPromote();
    await expect(
      dialog.getByText('The gate blocks this promote', { exact: true }),
    ).toBeHidden();
    await dialog
      .getByRole('textbox', { name: 'Reason' })
      .fill('e2e: the evaluation passes');
    await dialog.getByRole('button', { name: 'Promote', exact: true }).click();
    await expect(dialog).toBeHidden();
    await expect(
      page
        .getByRole('status', { name: 'Move confirmation' })
        .getByText(
          moveConfirmation(
            `Version 2 now serves ${ALIAS} in ${REGION}.`,
            `/bedrock-models/${MODEL}/${ALIAS}`,
          ),
        ),
    ).toBeVisible();
  });
  expect(
    (await api.model(MODEL))!.pointers.find(
      p => p.alias === ALIAS && p.region === REGION,
    )?.version,
  ).toBe(2);
});
