import { expect, Locator, Page, test } from '@playwright/test';
import { PortalApi, waitForDemoModel } from './support/api';
import { modelTabPath, signIn } from './support/portal';

// The pictures of docs/frontend.md ("Screenshots"): each page against the demo seed, at the widths
// reviewers use. Each waits for what the page is for before the picture, so a page that cannot show its
// data fails here rather than leaving a picture of a spinner.
const WIDTHS = [
  { width: 1440, height: 900 },
  { width: 1920, height: 1080 },
];
const MODEL = 'support-summarizer';

async function screenshotAtWidths(page: Page, name: string, ready: Locator) {
  for (const size of WIDTHS) {
    await page.setViewportSize(size);
    await expect(ready).toBeVisible();
    await page.screenshot({
      path: `docs/screenshots/${name}-${size.width}.png`,
      fullPage: true,
    });
  }
}

const PAGES: Array<{
  name: string;
  path: string;
  ready: (page: Page) => Locator;
}> = [
  {
    name: 'governance-attention',
    path: '/bedrock-models',
    ready: page =>
      page.getByRole('list', { name: 'What needs attention' }).first(),
  },
  {
    name: 'governance-versions',
    path: '/bedrock-models?view=versions',
    ready: page =>
      page.getByRole('rowheader', { name: new RegExp(MODEL) }).first(),
  },
  {
    name: 'governance-where-they-run',
    path: '/bedrock-models?view=where',
    ready: page => page.getByRole('rowheader', { name: MODEL }).first(),
  },
  {
    name: 'governance-totals',
    path: '/bedrock-models?view=totals',
    ready: page => page.getByLabel('Overall totals'),
  },
  {
    name: 'governance-audit-trail',
    path: '/bedrock-models?view=audit',
    ready: page => page.getByText(/^Events 1–/).first(),
  },
  {
    name: 'model-overview',
    path: `/catalog/default/resource/${MODEL}`,
    ready: page => page.getByText('Bedrock', { exact: true }).first(),
  },
  {
    name: 'model-bedrock-tab',
    path: modelTabPath(MODEL),
    ready: page =>
      page.getByRole('button', { name: 'Promote version 2', exact: true }),
  },
  {
    name: 'approvals',
    path: '/bedrock-models/approvals',
    ready: page => page.getByRole('tab', { name: /To decide/ }),
  },
];

test.describe('screenshots of each page for docs/frontend.md', () => {
  test.beforeAll(async ({ request }) => {
    await waitForDemoModel(await PortalApi.asGuest(request), MODEL, 2);
  });

  for (const { name, path, ready } of PAGES) {
    test(`${name} at 1440 and 1920 px`, async ({ page }) => {
      await signIn(page, path);
      await screenshotAtWidths(page, name, ready(page));
    });
  }
});
