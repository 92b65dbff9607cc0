/* eslint-disable no-console */
// The load generator of bench:governance, in its own process: Chromium (Playwright's library, Debian's
// chromium) opens the governance page's versions tab of the running portal, once to warm up and then
// `runs` times, each in a fresh browser context (no HTTP cache; only the remembered sign-in provider in
// localStorage, so the app signs the guest in by itself as it does for a returning user). Per run:
//   firstRows: performance.now() in the page (from navigation start) when the versions table first has a
//     row, seen by a MutationObserver installed before the page's own scripts; with the phases before it
//     from the Navigation and Resource Timing APIs (document, scripts, sign-in refresh, the page's
//     GET /report: sent, first byte, last byte);
//   filters: choosing a Region, then an owner, in the filters bar: from the option's pointerdown (the
//     event's timeStamp) until a mutation leaves the table with only rows of that filter and the count
//     line saying how many versions it lets through; with the GET /report the change sent;
//   bytes: every response the run received (Playwright's request.sizes(): headers and body as they came
//     over the wire, brotli where the backend compresses) until the page was idle, and each
//     GET /api/bedrock-models/report response, on the wire and decoded, and its rows.
// After the timed runs, one more (not timed: the profiler slows it) with the page's main thread under V8's
// CPU profiler (Chrome DevTools Protocol), once over the first load and once over the Region change,
// summarized by function and by bundle (module-react-dom, module-react-aria, the app's chunks...).
// Prints the runs and the profiles as JSON on its last line of output.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
// Playwright is the repository root's devDependency (the browser journeys' and this bench's, both run
// from the root), not one of the plugin's.
// eslint-disable-next-line @backstage/no-undeclared-imports
import {
  Browser,
  BrowserContextOptions,
  chromium,
  Page,
  Request,
} from 'playwright';
import { summarizeProfile } from './cpuProfileTop';

/** What the bench process passes (JSON, the first argument). */
export type GovernanceBrowserOptions = {
  url: string;
  runs: number;
  executablePath: string;
  region: { value: string; versions: number };
  owner: { label: string; ref: string; versions: number };
  totalVersions: number;
};

/** One GET /report the page made. */
export type ReportResponse = {
  query: string;
  rows: number;
  totalCount: number;
  wireBytes: number;
  bodyWireBytes: number;
  decodedBytes: number;
  contentEncoding?: string;
  /** Resource Timing, ms from navigation start. */
  startMs?: number;
  firstByteMs?: number;
  lastByteMs?: number;
};

/** One filter change. */
export type FilterRun = {
  filter: string;
  ms: number;
  /** From pointerdown until the GET /report it sent was answered in full, and until the rows showed. */
  untilReportSentMs?: number;
  reportWaitMs?: number;
  afterReportMs?: number;
  report?: ReportResponse;
};

/** One run of the page. */
export type GovernanceRun = {
  firstRowsMs: number;
  phasesMs: Record<string, number | undefined>;
  pageLoadBytes: number;
  pageLoadRequests: number;
  pageLoadBytesByKind: Record<string, number>;
  reports: ReportResponse[];
  filters: FilterRun[];
};

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Installed before the page's scripts: the time the table first has a row, the pointerdown of each
 * click, and `__bench.watch(predicate)`, which records when a mutation first satisfies a predicate.
 */
function installObserver() {
  const bench: any = {
    firstRowAt: undefined,
    lastPointerDown: undefined,
    matchedAt: undefined,
    predicate: undefined,
  };
  (window as any).__bench = bench;
  document.addEventListener(
    'pointerdown',
    event => {
      bench.lastPointerDown = event.timeStamp;
    },
    true,
  );
  const check = () => {
    const now = performance.now();
    if (
      bench.firstRowAt === undefined &&
      document.querySelector('[role="grid"] [role="rowheader"]')
    ) {
      bench.firstRowAt = now;
    }
    if (bench.predicate && bench.matchedAt === undefined && bench.predicate()) {
      bench.matchedAt = now;
    }
  };
  new MutationObserver(check).observe(document, {
    childList: true,
    subtree: true,
    characterData: true,
  });
}

/** Collects what a page received (from now on), with each request's size on the wire. */
function recordResponses(page: Page) {
  const finished: Array<Promise<{ request: Request; wire: number }>> = [];
  let inFlight = 0;
  let lastChange = performance.now();
  page.on('request', () => {
    inFlight += 1;
    lastChange = performance.now();
  });
  page.on('requestfailed', () => {
    inFlight -= 1;
    lastChange = performance.now();
  });
  page.on('requestfinished', request => {
    inFlight -= 1;
    lastChange = performance.now();
    finished.push(
      request.sizes().then(sizes => ({
        request,
        wire: sizes.responseBodySize + sizes.responseHeadersSize,
      })),
    );
  });
  return {
    /** Resolves once no request has been in flight for `quietMs`. */
    async idle(quietMs = 500) {
      while (inFlight > 0 || performance.now() - lastChange < quietMs) {
        await new Promise(resolve => setTimeout(resolve, 50));
      }
    },
    /** Everything received so far. */
    async all() {
      return Promise.all(finished);
    },
    /** Forget what was received so far. */
    reset() {
      finished.length = 0;
    },
  };
}

function kindOf(url: string): string {
  const { pathname } = new URL(url);
  if (pathname.startsWith('/static/')) {
    return pathname.endsWith('.css') ? 'styles' : 'scripts';
  }
  if (pathname.startsWith('/api/bedrock-models/report')) return 'report';
  if (pathname.startsWith('/api/')) return 'other API';
  return 'document and assets';
}

/** The report responses among `received`, with their sizes and timings. */
async function reportResponses(
  page: Page,
  received: Array<{ request: Request; wire: number }>,
): Promise<ReportResponse[]> {
  const timings: Array<{
    name: string;
    startTime: number;
    responseStart: number;
    responseEnd: number;
  }> = await page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .filter(e => e.name.includes('/api/bedrock-models/report'))
      .map(e => {
        const r = e as PerformanceResourceTiming;
        return {
          name: r.name,
          startTime: r.startTime,
          responseStart: r.responseStart,
          responseEnd: r.responseEnd,
        };
      }),
  );
  const reports: ReportResponse[] = [];
  for (const { request, wire } of received) {
    const url = new URL(request.url());
    if (url.pathname !== '/api/bedrock-models/report') continue;
    const response = (await request.response())!;
    const body = await response.body();
    const sizes = await request.sizes();
    const page_ = JSON.parse(body.toString('utf8'));
    const timing = timings.find(t => t.name === request.url());
    reports.push({
      query: url.search,
      rows: page_.rows.length,
      totalCount: page_.totalCount,
      wireBytes: wire,
      bodyWireBytes: sizes.responseBodySize,
      decodedBytes: body.length,
      contentEncoding: response.headers()['content-encoding'],
      startMs: timing && +timing.startTime.toFixed(1),
      firstByteMs: timing && +timing.responseStart.toFixed(1),
      lastByteMs: timing && +timing.responseEnd.toFixed(1),
    });
  }
  return reports;
}

/** Chooses `option` in the filter select named `label` and times it until `predicate` holds in the page. */
async function timeFilter(
  page: Page,
  responses: ReturnType<typeof recordResponses>,
  label: string,
  option: string,
  expected: { text: string; versions: number },
  total: number,
): Promise<FilterRun> {
  await page.getByRole('button', { name: new RegExp(` ${label}$`) }).click();
  const choice = page.getByRole('option', { name: option, exact: true });
  await choice.waitFor();
  await responses.idle();
  responses.reset();
  await page.evaluate(
    ({ text, count }) => {
      const bench = (window as any).__bench;
      bench.matchedAt = undefined;
      bench.predicate = () => {
        const rows = [
          ...document.querySelectorAll('[role="grid"] [role="row"]'),
        ].filter(row => row.querySelector('[role="rowheader"]'));
        if (rows.length === 0) return false;
        if (!rows.every(row => (row.textContent ?? '').includes(text)))
          return false;
        return [...document.querySelectorAll('[aria-live="polite"]')].some(
          el => el.textContent === count,
        );
      };
    },
    {
      text: expected.text,
      count: `${expected.versions} of ${total} versions`,
    },
  );
  await choice.click();
  await page.waitForFunction(
    () => (window as any).__bench.matchedAt !== undefined,
    undefined,
    { timeout: 60_000 },
  );
  const { matchedAt, pointerDown } = await page.evaluate(() => ({
    matchedAt: (window as any).__bench.matchedAt as number,
    pointerDown: (window as any).__bench.lastPointerDown as number,
  }));
  await responses.idle();
  const reports = await reportResponses(page, await responses.all());
  // The page's own request (not the one-row overview) for this filter.
  const report = reports.find(r => r.rows > 1 || r.totalCount === 0);
  return {
    filter: `${label} = ${option}`,
    ms: +(matchedAt - pointerDown).toFixed(1),
    untilReportSentMs:
      report?.startMs !== undefined
        ? +(report.startMs - pointerDown).toFixed(1)
        : undefined,
    reportWaitMs:
      report?.lastByteMs !== undefined && report.startMs !== undefined
        ? +(report.lastByteMs - report.startMs).toFixed(1)
        : undefined,
    afterReportMs:
      report?.lastByteMs !== undefined
        ? +(matchedAt - report.lastByteMs).toFixed(1)
        : undefined,
    report,
  };
}

async function run(
  browser: Browser,
  options: GovernanceBrowserOptions,
  storageState: BrowserContextOptions['storageState'],
): Promise<GovernanceRun> {
  const context = await browser.newContext({ storageState });
  try {
    await context.addInitScript(installObserver);
    const page = await context.newPage();
    const responses = recordResponses(page);
    await page.goto(`${options.url}/bedrock-models?view=versions`, {
      waitUntil: 'commit',
    });
    await page.waitForFunction(
      () => (window as any).__bench.firstRowAt !== undefined,
      undefined,
      { timeout: 60_000 },
    );
    await responses.idle();
    const firstRowsMs: number = await page.evaluate(
      () => (window as any).__bench.firstRowAt,
    );
    const phases = await page.evaluate(() => {
      const nav = performance.getEntriesByType(
        'navigation',
      )[0] as PerformanceNavigationTiming;
      const resources = performance.getEntriesByType(
        'resource',
      ) as PerformanceResourceTiming[];
      const find = (test: (name: string) => boolean) =>
        resources.find(r => test(r.name));
      const scripts = resources.filter(r => r.name.includes('/static/'));
      const refresh = find(n => n.includes('/api/auth/guest/refresh'));
      const pageReport = resources.find(r => {
        const url = new URL(r.name);
        return (
          url.pathname === '/api/bedrock-models/report' &&
          url.searchParams.get('limit') !== '1'
        );
      });
      return {
        documentLastByte: nav.responseEnd,
        domContentLoaded: nav.domContentLoadedEventEnd,
        lastScriptLastByte: Math.max(...scripts.map(s => s.responseEnd)),
        signInRefreshSent: refresh?.startTime,
        signInRefreshLastByte: refresh?.responseEnd,
        reportSent: pageReport?.startTime,
        reportFirstByte: pageReport?.responseStart,
        reportLastByte: pageReport?.responseEnd,
      };
    });
    const received = await responses.all();
    const byKind: Record<string, number> = {};
    for (const { request, wire } of received) {
      const kind = kindOf(request.url());
      byKind[kind] = (byKind[kind] ?? 0) + wire;
    }
    const reports = await reportResponses(page, received);
    const filters = [
      await timeFilter(
        page,
        responses,
        'Region',
        options.region.value,
        { text: options.region.value, versions: options.region.versions },
        options.totalVersions,
      ),
      await timeFilter(
        page,
        responses,
        'Owner',
        options.owner.label,
        { text: options.owner.ref, versions: options.owner.versions },
        options.totalVersions,
      ),
    ];
    const round = (n: number | undefined) =>
      n === undefined || !Number.isFinite(n) ? undefined : +n.toFixed(1);
    return {
      firstRowsMs: +firstRowsMs.toFixed(1),
      phasesMs: Object.fromEntries(
        Object.entries(phases).map(([k, v]) => [k, round(v)]),
      ),
      pageLoadBytes: received.reduce((n, r) => n + r.wire, 0),
      pageLoadRequests: received.length,
      pageLoadBytesByKind: byKind,
      reports,
      filters,
    };
  } finally {
    await context.close();
  }
}

/** Where the main thread's time went: over the first load, and over the Region change. */
async function profileRun(
  browser: Browser,
  options: GovernanceBrowserOptions,
  storageState: BrowserContextOptions['storageState'],
) {
  const context = await browser.newContext({ storageState });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-governance-'));
  try {
    await context.addInitScript(installObserver);
    const page = await context.newPage();
    // A document of the same origin first, so the profiler runs in the renderer the page will use.
    await page.goto(`${options.url}/robots.txt`);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 250 });
    const summary = async (name: string) => {
      const { profile } = await cdp.send('Profiler.stop');
      const file = path.join(dir, `${name}.cpuprofile`);
      fs.writeFileSync(file, JSON.stringify(profile));
      const top = summarizeProfile(file, undefined, 12);
      const short = (n: string) => n.replace(options.url, '');
      return {
        ...top,
        topFunctionsBySelfTime: top.topFunctionsBySelfTime.map(f => ({
          ...f,
          name: short(f.name),
        })),
        topPackagesBySelfTime: top.topPackagesBySelfTime.map(f => ({
          ...f,
          name: short(f.name),
        })),
      };
    };
    await cdp.send('Profiler.start');
    await page.goto(`${options.url}/bedrock-models?view=versions`);
    await page.waitForFunction(
      () => (window as any).__bench.firstRowAt !== undefined,
      undefined,
      { timeout: 60_000 },
    );
    const firstLoad = await summary('first-load');
    await page.waitForTimeout(1000);
    await page.getByRole('button', { name: / Region$/ }).click();
    const choice = page.getByRole('option', {
      name: options.region.value,
      exact: true,
    });
    await choice.waitFor();
    await page.waitForTimeout(500);
    await cdp.send('Profiler.start');
    await choice.click();
    await page.waitForFunction(
      count =>
        [...document.querySelectorAll('[aria-live="polite"]')].some(
          el => el.textContent === count,
        ),
      `${options.region.versions} of ${options.totalVersions} versions`,
      { timeout: 60_000, polling: 100 },
    );
    const regionChange = await summary('region-change');
    return {
      note: "one more run under the CPU profiler (250 µs sampling), not timed; self time per function and per bundle, minified names as the built app has them; the filter window also holds a little of Playwright's own polling",
      firstLoad,
      regionChange,
    };
  } finally {
    await context.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function main() {
  const options: GovernanceBrowserOptions = JSON.parse(process.argv[2]);
  const browser = await chromium.launch({
    executablePath: options.executablePath,
    args: CHROMIUM_ARGS,
  });
  try {
    // The first visit: the sign-in page, the guest's Enter; the app remembers the provider.
    const first = await browser.newContext();
    const page = await first.newPage();
    await page.goto(`${options.url}/bedrock-models?view=versions`);
    await page.getByRole('button', { name: 'Enter' }).click();
    await page.getByRole('rowheader').first().waitFor({ timeout: 60_000 });
    const storageState = await first.storageState();
    await first.close();
    // Warm-up (not counted): the backend's code paths, PostgreSQL's caches, Chromium's processes.
    await run(browser, options, storageState);
    const runs: GovernanceRun[] = [];
    for (let i = 0; i < options.runs; i++) {
      runs.push(await run(browser, options, storageState));
      console.error(
        `run ${i + 1}: first rows ${runs[i].firstRowsMs} ms, filters ${runs[
          i
        ].filters
          .map(f => `${f.ms} ms`)
          .join(', ')}`,
      );
    }
    const profiles = await profileRun(browser, options, storageState);
    console.log(JSON.stringify({ runs, profiles }));
  } finally {
    await browser.close();
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
