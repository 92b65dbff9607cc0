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

  // The page opens on what needs attention; the versions are a tab away (and in the URL).
  await signIn(page, '/bedrock-models?view=versions');
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

  // Architecture is not among the default columns: the reviewer adds it with the column chooser.
  await page.getByRole('button', { name: /^Columns/ }).click();
  await page.getByRole('option', { name: 'Architecture' }).click();
  await page.keyboard.press('Escape');
  await expect(
    page.getByRole('columnheader', { name: /Architecture/ }),
  ).toBeVisible();
  const headers = (await page.getByRole('columnheader').allInnerTexts()).map(
    h => h.trim(),
  );
  // Reviewers read what it is, who owns it and what it costs first.
  expect(headers.slice(0, 4)).toEqual([
    'Model',
    'Version',
    'Owner',
    'Cost / month',
  ]);
  // A cell by its column's header (the row header, Model, is not a grid cell).
  const column = (name: string) => headers.indexOf(name) - 1;

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
    const cell = (name: string) => cells[column(name)];
    shown.push({
      model: model.trim(),
      version: cell('Version')[0],
      status: cell('Status')[0],
      // The owner's display name, then its entity ref.
      owner: cell('Owner')[1],
      region: cell('Region')[0],
      account: cell('Region')[1],
      architecture: cell('Architecture')[0],
      classification: cell('Class')[0],
      production: cell('Production')[0],
      lastPromotedBy: cell('Last promoted')[0],
      cost: cell('Cost / month')[0],
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
  // Export: the backend's file of the versions the filters let through, in the table's order.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/\.csv$/);
  const csv = await readFile(await file.path(), 'utf8');
  // The report's columns (the backend may add more after them).
  expect(csvHeader(csv)).toEqual(
    expect.arrayContaining([
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
    ]),
  );
  // Names people read: accounts by their configured alias, people by their catalog display name.
  const settings = await api.settings();
  const accountName = (id: string) =>
    settings.accounts.find(a => a.accountId === id)?.alias ?? id;
  const displayNames = new Map<string, string>();
  for (const ref of new Set(parseCsv(csv).map(r => r.last_promoted_by))) {
    if (!ref) continue;
    const [kind, rest] = ref.split(':');
    const response = await api.get(
      `/api/catalog/entities/by-name/${kind}/${rest}`,
    );
    const entity = response.ok() ? await response.json() : undefined;
    displayNames.set(
      ref,
      entity?.spec?.profile?.displayName ??
        entity?.metadata?.title ??
        ref.replace(/^.*[/:]/, ''),
    );
  }
  const exported = parseCsv(csv).map(r => ({
    model: r.model,
    version: `v${r.version}`,
    status: r.status,
    owner: r.owner,
    region: r.region,
    account: accountName(r.account),
    architecture: r.architecture || '—',
    classification: r.classification,
    production: r.production_version ? `v${r.production_version}` : 'none',
    lastPromotedBy: r.last_promoted_by
      ? displayNames.get(r.last_promoted_by)
      : '—',
    cost: r.estimated_monthly_cost
      ? `$${Number(r.estimated_monthly_cost).toLocaleString('en-US', {
          minimumFractionDigits: 2,
          maximumFractionDigits: 2,
        })}`
      : '—',
  }));
  // The CSV keeps the table's order (by cost, highest first), so it reads as the page does.
  expect(exported).toEqual(shown);
});
