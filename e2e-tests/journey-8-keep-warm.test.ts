import { expect, Page, test } from '@playwright/test';
import { PortalApi, waitForDemoModel } from './support/api';
import { invocationsSince } from './support/emulator';
import { modelTabPath, signIn } from './support/portal';

// The guest is in support-ml, which owns support-summarizer; the demo seed imported its versions 1 and 2
// into us-east-1.
const MODEL = 'support-summarizer';
const ALIAS = 'production';
const REGION = 'us-east-1';
const POLICY = `/api/bedrock-models/models/${MODEL}/aliases/${ALIAS}/keep-warm`;
const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/**
 * A time zone whose business hours (9 to 17) are under way now, so that the heartbeat is due at once:
 * the fixed-offset zones Etc/GMT-14 ... Etc/GMT+12 cover every local hour. On a weekend no zone is in a
 * working day, so the journey then keeps every day's business hours.
 */
function businessHoursNow(now = new Date()): {
  timeZone: string;
  weekend: boolean;
} {
  let fallback: string | undefined;
  for (let offset = -12; offset <= 14; offset++) {
    const local = new Date(now.getTime() + offset * 60 * 60_000);
    const hour = local.getUTCHours();
    if (hour < 9 || hour > 15) continue;
    // Etc/GMT-3 is UTC+3: POSIX signs.
    const timeZone =
      offset === 0
        ? 'Etc/GMT'
        : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
    const day = WEEKDAYS[local.getUTCDay()];
    if (day !== 'sat' && day !== 'sun') return { timeZone, weekend: false };
    fallback ??= timeZone;
  }
  return { timeZone: fallback!, weekend: true };
}

/** The card's keep-warm part for production in us-east-1. */
const keepWarm = (page: Page) =>
  page.getByRole('region', { name: `Keep-warm of ${ALIAS} (${REGION})` });

test('an owner keeps production warm in business hours: sees its monthly cost and next heartbeat, and the heartbeats reach the emulator', async ({
  page,
  request,
}) => {
  test.setTimeout(180_000);
  const api = await PortalApi.asGuest(request);
  await waitForDemoModel(api, MODEL, 2);
  const headers = { Authorization: `Bearer ${api.token}` };
  // Production needs a version to warm; a retry finds the policy where the last attempt left it: off.
  let model = await api.model(MODEL);
  if (!model?.pointers.some(p => p.alias === ALIAS && p.region === REGION)) {
    expect(
      (
        await api.promote(MODEL, ALIAS, {
          region: REGION,
          version: 1,
          reason: 'e2e: production for keep-warm',
        })
      ).ok(),
    ).toBe(true);
    model = await api.model(MODEL);
  }
  const pointer = model!.pointers.find(
    p => p.alias === ALIAS && p.region === REGION,
  )!;
  const arn = model!.versions.find(
    v => v.number === pointer.version && v.region === REGION,
  )!.importedModelArn!;
  expect(
    (
      await request.put(POLICY, {
        headers,
        data: { region: REGION, mode: 'off', reason: 'e2e: start off' },
      })
    ).ok(),
  ).toBe(true);
  const before = await invocationsSince(REGION, arn, new Date());
  const start = new Date();
  const { timeZone, weekend } = businessHoursNow(start);

  await page.setViewportSize({ width: 1440, height: 900 });
  await signIn(page, modelTabPath(MODEL));
  await page
    .getByRole('navigation', { name: 'Content navigation' })
    .getByRole('link', { name: 'Bedrock', exact: true })
    .click();
  const panel = keepWarm(page);
  await expect(panel).toContainText(
    'Off: the first call after an idle hour waits while a copy loads.',
  );
  await panel
    .getByRole('button', { name: `Set keep-warm of ${ALIAS} in ${REGION}` })
    .click();
  const dialog = page.getByRole('dialog');
  // Business hours by default: Monday to Friday, 9 to 17.
  for (const day of ['Mon', 'Tue', 'Wed', 'Thu', 'Fri']) {
    await expect(dialog.getByRole('checkbox', { name: day })).toBeChecked();
  }
  if (weekend) {
    for (const day of ['Sat', 'Sun']) {
      // The input is visually hidden behind its drawn box, as react-aria draws checkboxes.
      await dialog.getByRole('checkbox', { name: day }).check({ force: true });
    }
  }
  await dialog.getByRole('textbox', { name: /Time zone/ }).fill(timeZone);
  await expect(dialog.getByLabel('Monthly cost')).toHaveText(
    /^About \$[\d,]+\.\d\d a month: [\d,]+ five-minute windows × 2 CMUs × 5 minutes × \$0\.0572 per CMU-minute\.$/,
  );
  await dialog
    .getByLabel(/Reason/)
    .fill('Support agents wait for a cold start every morning');
  await page.screenshot({
    path: 'docs/screenshots/keep-warm-dialog-1440.png',
    fullPage: false,
  });
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();

  // The card: the policy, what it costs a month, and when the next heartbeat is due.
  await expect(panel).toContainText(
    weekend
      ? `Warm: every day 09:00–17:00 (${timeZone}), a heartbeat every 14 minutes.`
      : `Business hours: Mon–Fri 09:00–17:00 (${timeZone}), a heartbeat every 14 minutes.`,
  );
  await expect(panel.getByLabel('Keep-warm cost')).toHaveText(
    /^About \$[\d,]+\.\d\d a month/,
  );
  await expect(panel).toContainText(
    /Next heartbeat \d{4}-\d\d-\d\d \d\d:\d\d UTC/,
  );

  // The heartbeats reach the emulator: the version production names has served a call since.
  await expect
    .poll(() => invocationsSince(REGION, arn, start), {
      message: `a heartbeat reached ${arn}`,
      timeout: 90_000,
    })
    .toBeGreaterThan(before);
  // The card says so once it reads again.
  await expect(async () => {
    await page.reload();
    await expect(keepWarm(page)).toContainText(
      new RegExp(`Last heartbeat .* to version ${pointer.version}: served`),
      { timeout: 5_000 },
    );
  }).toPass({ timeout: 90_000 });
  await keepWarm(page).scrollIntoViewIfNeeded();
  await page
    .getByRole('region', { name: `${ALIAS} in ${REGION}`, exact: true })
    .screenshot({ path: 'docs/screenshots/keep-warm-card-1440.png' });

  // The governance totals carry the commitment.
  const report = await (
    await api.get('/api/bedrock-models/report?limit=1')
  ).json();
  expect(report.totals.keepWarmMonthlyUsd).toBeGreaterThan(0);
});
