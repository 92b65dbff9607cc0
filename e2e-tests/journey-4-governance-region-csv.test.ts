import { readFile } from 'fs/promises';
import { expect, test } from '@playwright/test';
import type { GovernanceReport } from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { PortalApi, waitForDemoModel } from './support/api';
import { csvHeader, parseCsv } from './support/csv';
import { signIn } from './support/portal';

// The demo seed's busiest Region (support-summarizer v1 and v2), plus what other journeys imported.
const REGION = 'us-east-1';

/** What a governance table row shows, cell by cell (a cell's first line is its value). */
type ShownRow = {
  model: string;
  version: string;
  status: string;
  owner: string;
  region: string;
  account: string;
  architecture: string;
  classification: string;
  production: string;
  lastPromotedBy: string;
  cost: string;
};

test('a reviewer filters the governance page by Region and exports CSV: the file holds the versions the filter lets through', async ({
  page,
  request,
}) => {
  const api = await PortalApi.asGuest(request);
  await waitForDemoModel(api, 'support-summarizer', 3);
  await waitForDemoModel(api, 'legacy-faq-bot', 1);

  await signIn(page, '/bedrock-models');
  await expect(
    page.getByRole('rowheader', { name: 'legacy-faq-bot' }),
  ).toBeVisible();
  const total = Number(
    (await page.getByText(/^\d+ of \d+ versions$/).textContent())!.split(
      ' ',
    )[2],
  );

  // Filter by Region (a select's trigger is named by its value, then its label).
  await page.getByRole('button', { name: / Region$/ }).click();
  await page.getByRole('option', { name: REGION, exact: true }).click();
  await expect(
    page.getByRole('button', { name: `${REGION} Region` }),
  ).toBeVisible();
  await expect(
    page.getByRole('rowheader', { name: 'legacy-faq-bot' }),
  ).toBeHidden();
  // Sort by cost, highest first (the backend sorts), so the page's order is not the export's.
  const costHeader = page.getByRole('columnheader', { name: /Cost \/ month/ });
  await costHeader.click();
  if ((await costHeader.getAttribute('aria-sort')) !== 'descending') {
    await costHeader.click();
  }
  await expect(costHeader).toHaveAttribute('aria-sort', 'descending');

  // The rows shown.
  const rows = page
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader') });
  const shown: ShownRow[] = [];
  for (const row of await rows.all()) {
    const model = await row.getByRole('rowheader').innerText();
    const cells = (await row.getByRole('gridcell').allInnerTexts()).map(c =>
      c.split('\n').filter(Boolean),
    );
    shown.push({
      model: model.trim(),
      version: cells[0][0],
      status: cells[1][0],
      owner: cells[2][0],
      region: cells[3][0],
      account: cells[3][1],
      architecture: cells[4][0],
      classification: cells[5][0],
      production: cells[6][0],
      lastPromotedBy: cells[7][0],
      cost: cells[9][0],
    });
  }
  expect(shown.length).toBeGreaterThanOrEqual(2);
  await expect(
    page.getByText(`${shown.length} of ${total} versions`),
  ).toBeVisible();
  expect(shown.every(r => r.region === REGION)).toBe(true);

  // They are every version the report has in that Region: the filter hides none of them.
  const report: GovernanceReport = await (
    await api.get(`/api/bedrock-models/report?region=${REGION}&limit=500`)
  ).json();
  expect(report.totalCount).toBe(shown.length);
  expect(shown.map(r => `${r.model} v${r.version.slice(1)}`).sort()).toEqual(
    report.rows.map(r => `${r.model} v${r.version}`).sort(),
  );
  // Export: the backend's file of the versions the filters let through, in the report's order.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/\.csv$/);
  const csv = await readFile(await file.path(), 'utf8');
  expect(csvHeader(csv)).toEqual([
    'model',
    'version',
    'owner',
    'classification',
    'account',
    'region',
    'status',
    'architecture',
    'imported_model_arn',
    'pointers',
    'production_version',
    'last_promoted_by',
    'last_promoted_at',
    'managed',
    'created_by',
    'created_at',
    'estimated_monthly_cost',
  ]);
  const exported = parseCsv(csv).map(r => ({
    model: r.model,
    version: `v${r.version}`,
    status: r.status,
    // The table shows an owner's name with its kind under it.
    owner: r.owner.replace(/^.*\//, ''),
    region: r.region,
    account: r.account,
    architecture: r.architecture || '—',
    classification: r.classification,
    production: r.production_version ? `v${r.production_version}` : 'none',
    lastPromotedBy: r.last_promoted_by
      ? r.last_promoted_by.replace(/^.*\//, '')
      : '—',
    cost: r.estimated_monthly_cost
      ? `$${Number(r.estimated_monthly_cost).toLocaleString('en-US', {
          minimumFractionDigits: 2,
          maximumFractionDigits: 2,
        })}`
      : '—',
  }));
  const byModelAndVersion = (a: ShownRow, b: ShownRow) =>
    a.model.localeCompare(b.model) ||
    Number(a.version.slice(1)) - Number(b.version.slice(1));
  expect(exported).toEqual([...shown].sort(byModelAndVersion));
});
