import { expect, Page, test } from '@playwright/test';
import { PortalApi } from './support/api';
import { copyArtifactSet, deleteArtifact } from './support/emulator';
import { modelTabPath, versionStatus, signIn } from './support/portal';
import {
  freshModelName,
  IMPORT_TEMPLATE_PATH,
  startImport,
} from './support/template';

const REGION = 'us-east-1';
// The demo seed's Llama 3.1 8B fine-tune in us-east-1 (packages/bedrock-emulator/src/seed/seedDemo.ts),
// the template's default; each step works on a copy of its own.
const GOOD_SET = 's3://demo-model-artifacts/support-summarizer/v3/';

const escapeRegExp = (text: string) =>
  text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** The task page's error banner: the failed step's message. */
function taskError(page: Page) {
  return page.getByRole('alert').filter({ hasText: /^Error: / });
}

test('an import of a broken artifact set stops at validation with the message; one that AWS fails shows AWS’s message in the run and in the versions table', async ({
  page,
  request,
}) => {
  // Two template runs; the second waits for the emulator's 10-second import job to fail.
  test.setTimeout(240_000);
  const api = await PortalApi.asGuest(request);
  await signIn(page, IMPORT_TEMPLATE_PATH);

  await test.step('a set broken after the form checked it stops at validation, with every problem', async () => {
    // The form refuses a broken set before Create (journey 7). Here the set is whole when the form
    // checks it, and loses its tokenizer files before Create, as when someone cleans up the bucket:
    // the validate step checks again and stops the run.
    const modelName = freshModelName('e2e-broken');
    const s3Uri = `s3://demo-model-artifacts/teams/support-ml/${modelName}/`;
    await copyArtifactSet(REGION, GOOD_SET, s3Uri);
    await startImport(page, {
      modelName,
      ownerName: 'Support ML',
      s3Uri,
      beforeCreate: async () => {
        await deleteArtifact(REGION, s3Uri, 'tokenizer.json');
        await deleteArtifact(REGION, s3Uri, 'tokenizer_config.json');
      },
    });
    const error = taskError(page);
    await expect(error).toContainText(
      `${modelName} cannot be imported from ${s3Uri} into ${REGION} (account 123456789012); fix these 2 problem(s):`,
      { timeout: 60_000 },
    );
    // Each problem says what to fix; the warning comes after them, apart.
    await expect(error.getByRole('listitem')).toHaveText([
      '[missing-tokenizer-config] tokenizer_config.json is missing. Save the tokenizer with save_pretrained() and upload its files.',
      '[missing-tokenizer] tokenizer.json (or tokenizer.model) is missing. Upload the tokenizer file next to config.json.',
      /^\[no-chat-template\] No chat template ships with the model/,
    ]);
    // It stopped there: the import step never ran, so nothing reached the registry or AWS.
    await expect(
      page.getByText('Skipping step import because a previous step failed'),
    ).toBeVisible();
    expect(await api.model(modelName)).toBeUndefined();
  });

  await test.step('an import that AWS fails shows AWS’s message in the run and in the versions table', async () => {
    const modelName = freshModelName('e2e-aws-fails');
    // A copy of the good set of its own, so taking a file away from it affects no other journey.
    // Support ML's own folder: the sources allow each team its own.
    const s3Uri = `s3://demo-model-artifacts/teams/support-ml/${modelName}/`;
    await copyArtifactSet(REGION, GOOD_SET, s3Uri);

    await page.goto(IMPORT_TEMPLATE_PATH);
    await startImport(page, { modelName, ownerName: 'Support ML', s3Uri });

    // The set passes validation and the job starts; while it runs (10 s in the emulator), config.json
    // goes missing, as if someone cleaned up the bucket too early. AWS reads the artifacts when the
    // job runs, so the job fails.
    await expect
      .poll(
        async () =>
          (await api.model(modelName))?.versions.find(v => v.number === 1)
            ?.jobArn,
        {
          message: 'the import job is started',
          intervals: [250],
          timeout: 60_000,
        },
      )
      .toMatch(/^arn:aws:bedrock:us-east-1:\d+:model-import-job\//);
    await deleteArtifact(REGION, s3Uri, 'config.json');

    const awsMessage = `The model artifacts at ${s3Uri} are missing config.json. Add the model's Hugging Face config.json and try again.`;
    // In the run: the import step fails with a plain summary in AWS's words and what to do ...
    const error = taskError(page);
    await expect(error).toContainText(
      new RegExp(
        `The import of ${modelName} v1 into ${REGION} failed after [\\dhms ]+: ${escapeRegExp(
          awsMessage,
        )} Nothing is serving it: fix the cause and run the template again \\(version 1 stays in the registry as failed\\)\\.`,
      ),
      { timeout: 90_000 },
    );
    // ... and, apart, the details: AWS's message as it came and the job.
    await expect(error.getByRole('listitem')).toHaveText([
      `Message: ${awsMessage}`,
      /^Import job: arn:aws:bedrock:us-east-1:\d+:model-import-job\//,
    ]);
    // No server stack trace or source file in the card or the log.
    await expect(page.getByText(/\.(ts|js|cjs):\d+/)).toHaveCount(0);
    await page.screenshot({
      path: 'e2e-test-report/artifacts/journey-5-import-failed.png',
      fullPage: true,
    });

    // In the registry and on the model's page: version 1 failed, with the same message.
    const version = (await api.model(modelName))?.versions.find(
      v => v.number === 1,
    );
    expect(version).toMatchObject({
      status: 'failed',
      failureMessage: awsMessage,
    });
    // The catalog module adds the model's entity when the import starts, so its page exists.
    await expect
      .poll(async () => (await api.resource(modelName))?.metadata.name, {
        message: `${modelName} is in the catalog`,
        timeout: 60_000,
      })
      .toBe(modelName);
    await page.goto(modelTabPath(modelName));
    const status = versionStatus(page, 1);
    await expect(status).toContainText('failed');
    await expect(status).toContainText(awsMessage);
    await expect(
      page.getByRole('button', { name: 'Promote version 1', exact: true }),
    ).toBeDisabled();
    await expect(
      page.getByText(
        'Version 1 is failed: only a ready version can be promoted.',
      ),
    ).toBeVisible();
  });
});
