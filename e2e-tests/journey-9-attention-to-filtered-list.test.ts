import { expect, test } from '@playwright/test';
import type {
  AttentionSummary,
  GovernanceReport,
} from '@bedrock-portal/backstage-plugin-bedrock-models-common';
import { PortalApi, waitForDemoModel } from './support/api';
import { signIn } from './support/portal';

const money = (n: number | undefined) =>
  `$${(n ?? 0).toLocaleString('en-US', {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  })}`;

/** A share as the page writes it (formatShare): whole percents from 10%, one decimal below. */
const percent = (share: number) => {
  const p = share * 100;
  if (p <= 0) return '0%';
  if (p < 0.1) return 'less than 0.1%';
  return p < 10 ? `${Number(p.toFixed(1))}%` : `${Math.round(p)}%`;
};

test('a reviewer opens the governance page on what needs attention, and one click lists the costly versions no pointer names', async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  const api = await PortalApi.asGuest(request);
  await waitForDemoModel(api, 'support-summarizer', 3);
  await waitForDemoModel(api, 'legacy-faq-bot', 1);

  // What the backend says needs attention: the page must show its figures, not its own.
  const attention: AttentionSummary = await (
    await api.get('/api/bedrock-models/attention')
  ).json();
  const unnamed = attention.items.find(i => i.kind === 'unnamed-cost');
  expect(unnamed, JSON.stringify(attention.items)).toBeDefined();
  const item = unnamed!;
  expect(item.count).toBeGreaterThan(0);
  // Its share is its cost over the whole estimate, as the summary says (the demo: about three quarters).
  expect(item.share).toBeCloseTo(
    (item.estimatedMonthlyCost ?? 0) / attention.totalMonthlyCost,
    3,
  );
  test.info().annotations.push({
    type: 'unnamed-cost',
    description: `${item.count} versions, ${money(
      item.estimatedMonthlyCost,
    )} of ${money(attention.totalMonthlyCost)} a month (${percent(
      item.share ?? 0,
    )})`,
  });

  // The page opens on Attention, the item with its count, cost and share.
  await signIn(page, '/bedrock-models');
  await expect(page.getByRole('tab', { name: 'Attention' })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  await expect(
    page.getByLabel('Estimated monthly spend', { exact: true }),
  ).toContainText(`about ${money(attention.totalMonthlyCost)} a month`);
  const card = page.getByRole('region', { name: item.title });
  await expect(card.getByLabel('How many')).toHaveText(
    `${item.count} ${item.count === 1 ? 'version' : 'versions'} · about ${money(
      item.estimatedMonthlyCost,
    )} a month · ${percent(item.share!)} of the estimated monthly spend`,
  );
  await page.screenshot({
    path: test.info().outputPath('attention.png'),
    fullPage: true,
  });

  // One click: the versions view, filtered by the item's report filters, most costly first.
  await card.getByRole('link', { name: /^List them/ }).click();
  await expect(page.getByRole('tab', { name: 'Versions' })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  const url = new URL(page.url());
  for (const [key, value] of Object.entries(item.filters)) {
    expect(url.searchParams.get(key)).toBe(value);
  }
  const query = new URLSearchParams({
    ...item.filters,
    sort: 'cost',
    order: 'desc',
    limit: '25',
  });
  const report: GovernanceReport = await (
    await api.get(`/api/bedrock-models/report?${query}`)
  ).json();
  const all: GovernanceReport = await (
    await api.get('/api/bedrock-models/report?limit=1')
  ).json();
  // The list is the versions the item counts, and they cost what it says.
  expect(report.totalCount).toBe(item.count);
  expect(report.totals.estimatedMonthlyCost).toBeCloseTo(
    item.estimatedMonthlyCost ?? 0,
    2,
  );
  await expect(
    page.getByText(`${report.totalCount} of ${all.totalCount} versions`),
  ).toBeVisible();
  const rows = page
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader') });
  await expect(rows).toHaveCount(report.rows.length);
  const shown = await Promise.all(
    (
      await rows.all()
    ).map(async row => {
      const model = (await row.getByRole('rowheader').innerText()).trim();
      const version = (await row.getByRole('gridcell').first().innerText())
        .split('\n')[0]
        .trim();
      return `${model} ${version}`;
    }),
  );
  expect(shown).toEqual(report.rows.map(r => `${r.model} v${r.version}`));

  // The totals of that list say the same cost, and the link is shareable: a reload shows it again.
  await page.getByRole('tab', { name: 'Totals' }).click();
  await expect(page.getByLabel('Overall totals')).toContainText(
    `about ${money(report.totals.estimatedMonthlyCost)} a month`,
  );
  await page.reload();
  await expect(page.getByLabel('Overall totals')).toContainText(
    `${report.totalCount} ${report.totalCount === 1 ? 'version' : 'versions'}`,
  );
});
