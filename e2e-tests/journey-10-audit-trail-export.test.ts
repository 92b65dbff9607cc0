import { readFile } from 'fs/promises';
import { expect, Page, test } from '@playwright/test';
import type { AuditTrail } from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { PortalApi, waitForDemoModel } from './support/api';
import { csvHeader, parseCsv } from './support/csv';
import { signIn } from './support/portal';

// The guest is in support-ml, which owns support-summarizer (internal: its moves need no approval).
const MODEL = 'support-summarizer';
const ALIAS = 'staging';
const REGION = 'us-east-1';
const GUEST = 'user:default/guest';

/** How the audit trail's Kind filter and rows name each kind of event. */
const KIND_LABELS: Record<string, string> = {
  import: 'Import',
  promote: 'Promote',
  rollback: 'Rollback',
  retire: 'Retire',
};

/** What an audit row shows, cell by cell (a cell's first line is its value, the second its detail). */
type ShownEvent = {
  at: string;
  kind: string;
  model: string;
  actor: string;
  reason: string;
  region: string;
};

async function shownEvents(page: Page): Promise<ShownEvent[]> {
  const rows = page
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader') });
  const events: ShownEvent[] = [];
  for (const row of await rows.all()) {
    const [at, kind] = (await row.getByRole('rowheader').innerText())
      .split('\n')
      .filter(Boolean);
    const cells = (await row.getByRole('gridcell').allInnerTexts()).map(c =>
      c.split('\n').filter(Boolean),
    );
    events.push({
      at: at.trim(),
      kind: kind.trim(),
      model: cells[0][0],
      // The Who cell is the display name, then the entity ref.
      actor: cells[1][1],
      // The reason as the page quotes it, without the detail after it.
      reason: (cells[3][0] ?? '').split(' · ')[0].replace(/^“|”$/g, ''),
      region: cells[4][0],
    });
  }
  return events;
}

test('a reviewer filters the audit trail and exports it: the CSV holds exactly the events the page lists', async ({
  page,
  request,
}) => {
  test.setTimeout(180_000);
  const api = await PortalApi.asGuest(request);
  await waitForDemoModel(api, MODEL, 3);

  // Two moves of this run, so the filtered trail has events whose reasons are known: staging to
  // version 2, then back to version 1 (where journey 6 expects to find it or puts it).
  const run = `audit journey ${Date.now()}`;
  for (const version of [2, 1]) {
    const response = await api.promote(MODEL, ALIAS, {
      region: REGION,
      version,
      reason: `${run}: staging to version ${version}`,
    });
    expect(response.ok(), await response.text()).toBe(true);
  }
  const today = new Date().toISOString().slice(0, 10);

  // The filters, chosen on the page as a reviewer would.
  await signIn(page, '/bedrock-models?view=audit');
  await expect(page.getByText(/newest first$/)).toBeVisible();
  await page.getByRole('textbox', { name: 'Model' }).fill(MODEL);
  await page.getByRole('textbox', { name: 'Who' }).fill(GUEST);
  await page.getByRole('button', { name: / Kind$/ }).click();
  await page.getByRole('option', { name: 'Promote', exact: true }).click();
  await page.getByRole('button', { name: / Region$/ }).click();
  await page.getByRole('option', { name: REGION, exact: true }).click();
  await page.getByLabel('From (UTC day)').fill(today);
  await page.getByLabel('To (UTC day, included)').fill(today);
  // The URL carries them, so the view can be shared.
  const param = (name: string) => () =>
    new URL(page.url()).searchParams.get(name);
  await expect.poll(param('auditModel')).toBe(MODEL);
  await expect.poll(param('auditActor')).toBe(GUEST);
  await expect.poll(param('auditKind')).toBe('promote');
  await expect.poll(param('auditRegion')).toBe(REGION);
  await expect.poll(param('auditFrom')).toBe(today);
  await expect.poll(param('auditTo')).toBe(today);
  await expect(
    page.getByRole('row').filter({ hasText: `${run}: staging to version 1` }),
  ).toHaveCount(1);

  // Every event the page lists, through all its pages.
  const shown: ShownEvent[] = [];
  for (;;) {
    shown.push(...(await shownEvents(page)));
    const older = page.getByRole('button', { name: 'Older events' });
    if (await older.isDisabled()) break;
    const first = await page.getByRole('rowheader').first().innerText();
    await older.click();
    await expect(page.getByRole('rowheader').first()).not.toHaveText(first);
  }
  expect(shown.length).toBeGreaterThanOrEqual(2);
  for (const event of shown) {
    expect(event).toMatchObject({
      kind: 'Promote',
      model: MODEL,
      actor: GUEST,
      region: REGION,
    });
    expect(event.at.startsWith(today)).toBe(true);
  }
  // What the backend has for the same filters: the page shows all of it, newest first.
  const query = new URLSearchParams({
    model: MODEL,
    actor: GUEST,
    kind: 'promote',
    region: REGION,
    from: `${today}T00:00:00.000Z`,
    to: new Date(
      Date.parse(`${today}T00:00:00.000Z`) + 86_400_000,
    ).toISOString(),
    limit: '500',
  });
  const trail: AuditTrail = await (
    await api.get(`/api/bedrock-models/audit?${query}`)
  ).json();
  expect(shown.map(e => e.reason)).toEqual(trail.items.map(e => e.reason));

  // Export: the backend's CSV of the same filters holds exactly those events, in the same order.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe(`bedrock-models-audit-${today}.csv`);
  const csv = await readFile(await file.path(), 'utf8');
  expect(csvHeader(csv).slice(0, 4)).toEqual(['at', 'kind', 'model', 'owner']);
  const exported = parseCsv(csv).map(r => ({
    at: r.at.slice(0, 16).replace('T', ' '),
    kind: KIND_LABELS[r.kind] ?? r.kind,
    model: r.model,
    actor: r.actor,
    reason: r.reason,
    region: r.region,
  }));
  expect(exported).toEqual(shown);

  await page.screenshot({
    path: test.info().outputPath('audit-trail.png'),
    fullPage: true,
  });
});
