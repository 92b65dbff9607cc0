import { expect, Page, test } from '@playwright/test';
import { PortalApi } from './support/api';
import { signIn } from './support/portal';
import {
  artifactCheck,
  fillNewModel,
  freshModelName,
  IMPORT_TEMPLATE_PATH,
} from './support/template';

// The demo seed's artifact sets in us-east-1 (packages/bedrock-emulator/src/seed/seedDemo.ts): one
// without its tokenizer files, and the Llama 3.1 8B fine-tune the template defaults to. Support ML's
// sources allow both.
const BROKEN_SET = 's3://demo-model-artifacts/broken/missing-tokenizer/';
const GOOD_SET = 's3://demo-model-artifacts/support-summarizer/v3/';

/** Screenshots of the form for docs/frontend.md ("Import form"), at the widths reviewers use. */
async function screenshotAtWidths(page: Page, name: string) {
  const check = artifactCheck(page);
  for (const width of [1440, 1920]) {
    await page.setViewportSize({ width, height: 1200 });
    await check.scrollIntoViewIfNeeded();
    await page.screenshot({
      path: `docs/screenshots/import-form-${name}-${width}.png`,
      fullPage: true,
    });
  }
  await page.setViewportSize({ width: 1440, height: 900 });
}

test('the import form checks the artifacts before Create: a broken set is refused with every problem and its fix, a good set passes and imports', async ({
  page,
  request,
}) => {
  // The check reads S3 in the emulator; the import of the good set takes 10 s there, plus the tracker's polls.
  test.setTimeout(180_000);
  const api = await PortalApi.asGuest(request);
  const modelName = freshModelName('e2e-check');
  await signIn(page, IMPORT_TEMPLATE_PATH);

  await test.step('an existing model is picked from the ones the guest may add to, with their owners', async () => {
    await page
      .getByRole('radio', { name: 'A new version of an existing model' })
      .check();
    await page.getByRole('button', { name: /Model$/ }).click();
    // The guest is in support-ml: its models, not claims-ai's or legal-ai's.
    const summarizer = page.getByRole('option', {
      name: /^support-summarizer/,
    });
    await expect(summarizer).toContainText('Owner: group:default/support-ml');
    await expect(
      page.getByRole('option', { name: /^claims-triage/ }),
    ).toHaveCount(0);
    await expect(
      page.getByRole('option', { name: /^contract-classifier/ }),
    ).toHaveCount(0);
    await page.screenshot({
      path: 'docs/screenshots/import-form-model-picker-1440.png',
    });
    await page.keyboard.press('Escape');
    await page.getByRole('radio', { name: 'A new model' }).check();
  });

  await fillNewModel(page, { modelName, ownerName: 'Support ML' });
  const check = artifactCheck(page);
  const s3Uri = page.getByRole('textbox', { name: 'Artifacts in S3' });

  await test.step('Regions follow the classification’s residency rules', async () => {
    // PHI may be stored in us-east-1 and us-west-2 only (bedrockModels.dataResidency in app-config.yaml).
    await page
      .getByRole('button', { name: 'Internal Data classification' })
      .click();
    await page
      .getByRole('option', { name: 'PHI (protected health information)' })
      .click();
    await page.getByRole('button', { name: / Region$/ }).click();
    await expect(page.getByRole('option')).toHaveText([
      'US East (N. Virginia) us-east-1',
      'US West (Oregon) us-west-2',
    ]);
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: /Data classification$/ }).click();
    await page.getByRole('option', { name: 'Internal' }).click();
    await page.getByRole('button', { name: / Region$/ }).click();
    await expect(page.getByRole('option')).toHaveCount(3);
    await page.keyboard.press('Escape');
  });

  await test.step('a broken set is refused before Create, with every problem and its fix', async () => {
    await s3Uri.fill(BROKEN_SET);
    await expect(
      check.getByText('2 problems to fix before you can create the import'),
    ).toBeVisible();
    await expect(
      check
        .getByRole('list', { name: 'Problems to fix' })
        .getByRole('listitem'),
    ).toHaveText([
      'tokenizer_config.json is missing. Save the tokenizer with save_pretrained() and upload its files. (missing-tokenizer-config)',
      'tokenizer.json (or tokenizer.model) is missing. Upload the tokenizer file next to config.json. (missing-tokenizer)',
    ]);
    await expect(check.getByRole('list', { name: 'Warnings' })).toContainText(
      'No chat template ships with the model',
    );
    // What the backend found in the folder.
    await expect(check.getByLabel('What the artifacts are')).toContainText(
      'ArchitectureLlamaForCausalLM (llama)',
    );

    // Next is refused, saying why; the form stays on the Artifacts step.
    await page.getByRole('button', { name: 'Next' }).click();
    await expect(
      page
        .getByText(
          'The artifacts cannot be imported yet: fix the 2 problems the check lists, then go on.',
        )
        .first(),
    ).toBeVisible();
    await screenshotAtWidths(page, 'check-refuses');
    await expect(page.getByRole('textbox', { name: 'Base model' })).toHaveCount(
      0,
    );
    expect(await api.model(modelName)).toBeUndefined();
  });

  await test.step('a good set passes, saying what it is, and the import goes through', async () => {
    await s3Uri.fill(GOOD_SET);
    await expect(
      check.getByText('The artifacts can be imported'),
    ).toBeVisible();
    const found = check.getByLabel('What the artifacts are');
    await expect(found).toContainText('Weights16.1 GB in 8 files');
    await expect(found).toContainText('Context131,072 tokens');
    await expect(found).toContainText('Import timeabout 12 min');

    await page.getByRole('button', { name: 'Next' }).click();
    await expect(
      page.getByRole('textbox', { name: 'Base model' }),
    ).toBeVisible();
    // Back on the Artifacts step (the refusal of the earlier Next is gone), for the docs' picture.
    await page.getByRole('button', { name: 'Back' }).click();
    await expect(
      check.getByText('The artifacts can be imported'),
    ).toBeVisible();
    await screenshotAtWidths(page, 'check-passes');
    await page.getByRole('button', { name: 'Next' }).click();
    await expect(
      page.getByRole('textbox', { name: 'Base model' }),
    ).toBeVisible();
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('button', { name: 'Review' }).click();
    await expect(
      page.getByRole('row', {
        name: 'Check artifacts Passed: LlamaForCausalLM, 16.1 GB',
      }),
    ).toBeVisible();
    await page.getByRole('button', { name: 'Create' }).click();
    await expect(page).toHaveURL(/\/create\/tasks\/[0-9a-f-]+$/);

    await page.getByRole('button', { name: 'Show Logs' }).click();
    await expect(
      page.getByText(new RegExp(`${modelName} v1: ready as arn:aws:bedrock:`)),
    ).toBeVisible({ timeout: 120_000 });
    await expect
      .poll(async () => (await api.model(modelName))?.versions[0]?.status, {
        message: `${modelName} v1 is ready in the registry`,
        timeout: 30_000,
      })
      .toBe('ready');
  });
});
