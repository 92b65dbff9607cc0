import { expect, test } from '@playwright/test';
import { PortalApi, waitForDemoModel } from './support/api';
import { modelTabPath, signIn } from './support/portal';

// The guest (Support ML) owns support-summarizer; the demo seed imported its versions 1 and 2 into
// us-east-1. Production's evaluation gate warns in the demo (app-config.yaml evaluationGates).
const MODEL = 'support-summarizer';
const ALIAS = 'production';
const REGION = 'us-east-1';

test('an owner edits the evaluation suite, evaluates version 2 against production side by side, and the promote dialog shows that evidence', async ({
  page,
  request,
}) => {
  test.setTimeout(240_000);
  const api = await PortalApi.asGuest(request);
  await waitForDemoModel(api, MODEL, 3);
  // Production on version 1, so version 2 is compared with it; a retry finds it where it was left.
  await api.ensurePointer(MODEL, ALIAS, REGION, 1);
  const promptId = `e2e-greeting-${Date.now().toString(36)}`;

  await signIn(page, modelTabPath(MODEL));

  await test.step('the owner writes a prompt with its checks and saves the suite', async () => {
    await page.getByRole('button', { name: 'Edit suite' }).click();
    const editor = page.getByRole('group', {
      name: 'Evaluation suite editor',
    });
    // Start from one prompt of this run's own (earlier runs may have left theirs).
    const remove = editor.getByRole('button', { name: /^Remove prompt/ });
    while ((await remove.count()) > 1) await remove.last().click();
    const prompt = editor.getByRole('group', { name: 'Prompt 1' });
    await prompt.getByRole('textbox', { name: 'Id' }).fill(promptId);
    await prompt
      .getByRole('textbox', { name: 'Prompt' })
      .fill('Say hello to a customer who waits for a parcel.');
    await prompt
      .getByRole('textbox', { name: 'Must not contain' })
      .fill('refund denied');
    await prompt
      .getByRole('textbox', { name: 'Max output tokens' })
      .fill('300');
    // A pattern that could take exponential time: the backend refuses it, next to the field.
    const pattern = prompt.getByRole('textbox', {
      name: 'Must match (regular expression)',
    });
    await pattern.fill('(a+)+$');
    await editor.getByRole('button', { name: 'Save suite' }).click();
    await expect(editor.getByRole('alert')).toContainText(
      'The suite was not saved',
    );
    await expect(pattern).toHaveAttribute('aria-invalid', 'true');
    await expect(prompt).toContainText('simplify the pattern');
    await pattern.fill('\\w+');
    await editor.getByRole('button', { name: 'Save suite' }).click();
    await expect(page.getByText(`1 prompt: ${promptId}`)).toBeVisible();
  });

  await test.step('evaluates version 2 next to production, and reads the run side by side', async () => {
    await page.getByRole('button', { name: /Version to evaluate/ }).click();
    await page
      .getByRole('option', { name: `version 2 · ${REGION}`, exact: true })
      .click();
    await page.getByRole('button', { name: /Compare with/ }).click();
    await page
      .getByRole('option', { name: `${ALIAS} (version 1)`, exact: true })
      .click();
    await page.getByRole('button', { name: 'Evaluate', exact: true }).click();
    const run = page.getByRole('region', { name: 'Evaluation run' });
    await expect(run).toContainText(
      `Run of version 2 in ${REGION}, compared with version 1`,
    );
    // The runner takes queued runs every 15 s; the page reads the run again until both have finished.
    await expect(run).not.toContainText('still running', { timeout: 90_000 });
    const row = run.getByRole('row').filter({ hasText: promptId });
    await expect(row.getByText(/^(passed|failed)$/)).toHaveCount(2);
    await expect(run.getByRole('columnheader').nth(1)).toContainText(
      'Version 2 (candidate)',
    );
    await expect(run.getByRole('columnheader').nth(2)).toContainText(
      'Version 1 (compared)',
    );
  });

  await test.step('the promote dialog shows the gate, both runs and links to them', async () => {
    await page
      .getByRole('button', { name: 'Promote version 2', exact: true })
      .click();
    const dialog = page.getByRole('dialog');
    const evidence = dialog.getByRole('group', { name: 'Evaluation evidence' });
    await expect(evidence).toContainText(
      'The production gate warns about a promote without a passing evaluation (100% of prompts must pass).',
    );
    await expect(evidence).toContainText(
      /Version 2 \(candidate\): 1 of 1 prompts passed \(100%\)|Version 2 \(candidate\): 0 of 1 prompts passed \(0%\)/,
    );
    await expect(evidence).toContainText(
      /Version 1 \(production now\): \d of 1 prompts passed/,
    );
    await expect(
      evidence.getByRole('link', { name: 'Open the run of version 2' }),
    ).toBeVisible();
    // Looking is free: nothing is promoted.
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toBeHidden();
  });
  expect(
    (await api.model(MODEL))!.pointers.find(
      p => p.alias === ALIAS && p.region === REGION,
    )?.version,
  ).toBe(1);
});
