/* eslint-disable no-console */
// yarn bench:report: the governance report's CSV export of 10,000, 40,000 and 160,000 versions against the
// same rows read as JSON pages (limit 500, following nextCursor; 10,000 and 40,000 only), with the backend
// in its own process (backend-defaults on PostgreSQL, mock auth: the drills' backend process) and the
// load generator here. For each run: time to the first and the last byte, bytes, rows, and the backend's
// resident memory read from /proc/<pid>/status: before the run (after a full garbage collection through
// the inspector), and its peak during the run (VmHWM reset just before, and VmRSS sampled every 50 ms);
// with --trace-gc, the heap each mark-compact left during the run (what was still reachable) and the
// heap after a full GC once the run is over (what it kept). A second backend on the same database runs
// with --optimize-for-size, CSV only: V8 collects early there, so its peak is what the export needs.
// Estimates are seeded in cost_estimates for every ready version, read a minute before, so no run reads
// CloudWatch. Also EXPLAIN ANALYZE of the report's statements at each size. Writes
// bench-results/report.json.
import { mockCredentials } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import os from 'node:os';
import v8 from 'node:v8';
import path from 'node:path';
import { DatabaseCostEstimateStore } from '../src/database/DatabaseCostEstimateStore';
import { DatabaseReportQuery } from '../src/database/DatabaseReportQuery';
import {
  benchModelName,
  benchRegistryConfig,
  createRegistryDatabase,
  DATASET_MIX,
  seedRegistry,
  VERSIONS_PER_MODEL,
} from './benchDataset';
import {
  BenchBackend,
  dropDatabases,
  freePort,
  percentiles,
  postgresCpuMs,
  processCpuMs,
  processMemoryMiB,
  resetPeakMemory,
  startBenchBackend,
} from './benchProcesses';
import { captureStatements, explainAnalyze } from './benchExplain';
import { benchMachine, writeBenchResult } from './benchResults';

/** Models (10 versions each): 10,000, 40,000 and, CSV only, 160,000 versions. */
const SIZES = [
  { models: 1000, json: true },
  { models: 4000, json: true },
  { models: 16000, json: false },
];
const RUNS = 3;
const PAGE_LIMIT = 500;
const SAMPLE_MS = 50;
const BACKEND_SCRIPT = path.resolve(
  __dirname,
  '../src/drills/__testUtils__/drillBackendProcess.ts',
);

/** More V8 flags for the backend, e.g. BENCH_BACKEND_NODE_ARGS=--max-old-space-size=512. */
const BACKEND_NODE_ARGS = (process.env.BENCH_BACKEND_NODE_ARGS ?? '')
  .split(' ')
  .filter(Boolean);

/**
 * V8 flags of the second backend: favour memory over speed (smaller young generation, old generation
 * collected early), to tell what the export keeps from what V8 merely has not collected yet. (A heap
 * limit would do it too, but loading the backend from TypeScript sources needs about 190 MiB of heap.)
 */
const LEAN_NODE_ARGS = ['--optimize-for-size'];
/** V8's heap limit for a process on this machine (the same for the bench and the backend). */
const DEFAULT_HEAP_LIMIT = `${Math.round(
  v8.getHeapStatistics().heap_size_limit / 2 ** 20,
)} MiB here`;

const mib = (n: number) => +n.toFixed(1);

/** What a run answers, whichever way it read the report. */
type RunFigures = {
  bytes: number;
  timeToLastByteMs: number;
  memory: {
    extraPeakMiB: number;
    peakDuringMiB: number;
    heapUsedBeforeMiB: number;
    heapUsedAfterMiB: number;
  };
};

/** The backend's inspector (it runs with --inspect): full garbage collections and heap figures. */
class Inspector {
  private next = 1;
  private readonly pending = new Map<number, (result: any) => void>();

  private constructor(private readonly socket: WebSocket) {
    socket.onmessage = event => {
      const message = JSON.parse(String(event.data));
      this.pending.get(message.id)?.(message.result);
      this.pending.delete(message.id);
    };
  }

  static async connect(port: number): Promise<Inspector> {
    const [target] = await fetch(`http://127.0.0.1:${port}/json/list`).then(r =>
      r.json(),
    );
    const socket = new WebSocket(target.webSocketDebuggerUrl);
    await new Promise<void>((resolve, reject) => {
      socket.onopen = () => resolve();
      socket.onerror = () => reject(new Error('inspector connection failed'));
    });
    return new Inspector(socket);
  }

  send(method: string, params: object = {}): Promise<any> {
    const id = this.next++;
    return new Promise(resolve => {
      this.pending.set(id, resolve);
      this.socket.send(JSON.stringify({ id, method, params }));
    });
  }

  /** A full garbage collection, then the process's memory as Node sees it, in MiB. */
  async heapAfterGc(): Promise<{ heapUsed: number; external: number }> {
    await this.send('HeapProfiler.collectGarbage');
    const { result } = await this.send('Runtime.evaluate', {
      expression: 'JSON.stringify(process.memoryUsage())',
      returnByValue: true,
    });
    const usage = JSON.parse(result.value);
    return {
      heapUsed: mib(usage.heapUsed / 2 ** 20),
      external: mib(usage.external / 2 ** 20),
    };
  }

  close() {
    this.socket.close();
  }
}

/**
 * The main isolate's collections in a stretch of --trace-gc output: how many, and the heap each
 * mark-compact left (what was still reachable then), in MB as V8 prints them.
 */
function collections(trace: string) {
  const pattern =
    /\[\d+:(0x[0-9a-f]+)\]\s+[\d.]+ ms: (Scavenge|Mark-Compact)[^\d]*([\d.]+) \(([\d.]+)\) -> ([\d.]+) \(([\d.]+)\) MB/g;
  type Collection = {
    kind: string;
    before: number;
    after: number;
    committed: number;
  };
  const byIsolate = new Map<string, Collection[]>();
  for (const match of trace.matchAll(pattern)) {
    const list = byIsolate.get(match[1]) ?? [];
    list.push({
      kind: match[2],
      before: Number(match[3]),
      after: Number(match[5]),
      committed: Math.max(Number(match[4]), Number(match[6])),
    });
    byIsolate.set(match[1], list);
  }
  // The backend's own isolate is the one with the big heap (workers have small ones).
  const mainIsolate = [...byIsolate.values()].sort(
    (a, b) =>
      Math.max(...b.map(c => c.after)) - Math.max(...a.map(c => c.after)),
  )[0];
  const markCompacts = (mainIsolate ?? []).filter(
    c => c.kind === 'Mark-Compact',
  );
  return {
    scavenges: (mainIsolate ?? []).filter(c => c.kind === 'Scavenge').length,
    markCompacts: markCompacts.length,
    maxHeapAfterMarkCompactMB: markCompacts.length
      ? Math.max(...markCompacts.map(c => c.after))
      : undefined,
    maxHeapBeforeCollectionMB: Math.max(
      0,
      ...(mainIsolate ?? []).map(c => c.before),
    ),
    maxHeapCommittedMB: Math.max(
      0,
      ...(mainIsolate ?? []).map(c => c.committed),
    ),
  };
}

/** Runs `work` while watching the backend's memory and CPU; answers the figures with its result. */
async function watched<T>(
  backend: BenchBackend,
  inspector: Inspector,
  work: () => Promise<T>,
) {
  const heapBefore = await inspector.heapAfterGc();
  await new Promise(resolve => setTimeout(resolve, 500));
  const before = processMemoryMiB(backend.pid);
  const peakReset = resetPeakMemory(backend.pid);
  let sampledPeak = before.rss;
  const sampler = setInterval(() => {
    sampledPeak = Math.max(sampledPeak, processMemoryMiB(backend.pid).rss);
  }, SAMPLE_MS);
  const cpu = { backend: processCpuMs(backend.pid), postgres: postgresCpuMs() };
  const traceFrom = backend.output().length;
  const started = performance.now();
  let result: T;
  try {
    result = await work();
  } finally {
    clearInterval(sampler);
  }
  const ms = performance.now() - started;
  const after = processMemoryMiB(backend.pid);
  const peak = Math.max(sampledPeak, after.rss, peakReset ? after.hwm : 0);
  const cpuMs = {
    backend: +(processCpuMs(backend.pid) - cpu.backend).toFixed(0),
    postgres: +(postgresCpuMs() - cpu.postgres).toFixed(0),
  };
  const gc = collections(backend.output().slice(traceFrom));
  const heapAfter = await inspector.heapAfterGc();
  return {
    result,
    figures: {
      timeToLastByteMs: +ms.toFixed(0),
      memory: {
        rssBeforeMiB: mib(before.rss),
        peakSinceStartBeforeMiB: mib(before.hwm),
        peakDuringMiB: mib(peak),
        extraPeakMiB: mib(peak - before.rss),
        peakFrom: peakReset
          ? 'VmHWM reset before the run, and VmRSS every 50 ms'
          : 'VmRSS every 50 ms',
        heapUsedBeforeMiB: heapBefore.heapUsed,
        heapUsedAfterMiB: heapAfter.heapUsed,
        externalAfterMiB: heapAfter.external,
        gcDuring: gc,
      },
      backendCpuMs: cpuMs.backend,
      postgresCpuMs: cpuMs.postgres,
    },
  };
}

async function exportCsv(base: string, headers: Record<string, string>) {
  const started = performance.now();
  const res = await fetch(`${base}/report?format=csv`, { headers });
  if (res.status !== 200) throw new Error(`CSV answered ${res.status}`);
  const reader = res.body!.getReader();
  let firstByteMs: number | undefined;
  let bytes = 0;
  let lines = 0;
  let chunks = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    firstByteMs ??= performance.now() - started;
    chunks += 1;
    bytes += value.byteLength;
    for (const byte of value) if (byte === 10) lines += 1;
  }
  return {
    timeToFirstByteMs: +(firstByteMs ?? 0).toFixed(0),
    bytes,
    rows: lines - 1,
    chunks,
  };
}

async function jsonPages(base: string, headers: Record<string, string>) {
  const pageMs: number[] = [];
  let bytes = 0;
  let rows = 0;
  let cursor: string | undefined;
  let firstByteMs: number | undefined;
  const started = performance.now();
  do {
    const sent = performance.now();
    const res = await fetch(
      `${base}/report?limit=${PAGE_LIMIT}${
        cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''
      }`,
      { headers },
    );
    const text = await res.text();
    firstByteMs ??= performance.now() - started;
    if (res.status !== 200) throw new Error(`JSON answered ${res.status}`);
    pageMs.push(performance.now() - sent);
    bytes += Buffer.byteLength(text);
    const page = JSON.parse(text);
    rows += page.rows.length;
    cursor = page.nextCursor;
  } while (cursor);
  return {
    timeToFirstPageMs: +(firstByteMs ?? 0).toFixed(0),
    bytes,
    rows,
    pages: pageMs.length,
    pageLatency: percentiles(pageMs),
    firstPageMs: +pageMs[0].toFixed(0),
    lastPageMs: +pageMs[pageMs.length - 1].toFixed(0),
  };
}

/** EXPLAIN ANALYZE of the statements a CSV batch, a JSON page (first and last) and the totals run. */
async function explainReport(knex: Knex, versions: number) {
  // What the service passes; fields a report of this version does not read are ignored.
  const context = {
    productionAlias: 'production',
    storageCmuMonth: 0,
    dataResidency: {},
    now: new Date(),
    publishingStuckBefore: new Date(Date.now() - 5 * 60_000),
  };
  const query = new DatabaseReportQuery(knex);
  // The first statement of each call: the rows (or the totals); the pointers of a page follow it.
  const first = async (call: () => Promise<unknown>) =>
    (await captureStatements(knex, call))[0];
  const middle = Math.floor(versions / VERSIONS_PER_MODEL / 2);
  const statements = {
    csvBatch: await first(() =>
      query.batchAfter(
        {},
        { model: benchModelName(middle), version: VERSIONS_PER_MODEL },
        1000,
        context,
      ),
    ),
    jsonFirstPage: await first(() =>
      query.page(
        {},
        { by: 'model', order: 'asc' },
        { offset: 0, limit: PAGE_LIMIT },
        context,
      ),
    ),
    jsonLastPage: await first(() =>
      query.page(
        {},
        { by: 'model', order: 'asc' },
        { offset: versions - PAGE_LIMIT, limit: PAGE_LIMIT },
        context,
      ),
    ),
    totals: await first(() => query.totals({}, context)),
    // Every JSON page and every export first asks which estimates are older than an hour.
    staleEstimates: await first(() =>
      new DatabaseCostEstimateStore(knex).staleTargets(
        new Date(Date.now() - 3600_000),
      ),
    ),
  };
  const plans: Record<string, Awaited<ReturnType<typeof explainAnalyze>>> = {};
  for (const [name, statement] of Object.entries(statements)) {
    plans[name] = await explainAnalyze(knex, statement);
  }
  return plans;
}

/** A backend the bench measures, with its inspector. */
type Measured = { backend: BenchBackend; inspector: Inspector; base: string };

async function startMeasured(
  prefix: string,
  nodeArgs: string[],
): Promise<Measured> {
  const port = await freePort();
  const inspectPort = await freePort();
  const backend = await startBenchBackend({
    script: BACKEND_SCRIPT,
    url: `http://127.0.0.1:${port}`,
    env: {
      DRILL_BACKEND_CONFIG: JSON.stringify(
        benchRegistryConfig({ port, databasePrefix: prefix }),
      ),
    },
    healthPath: '/api/bedrock-models/health',
    nodeArgs: [`--inspect=127.0.0.1:${inspectPort}`, '--trace-gc', ...nodeArgs],
  });
  return {
    backend,
    inspector: await Inspector.connect(inspectPort),
    base: `${backend.url}/api/bedrock-models`,
  };
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function summary(list: RunFigures[]) {
  return {
    timeToLastByteMsMedian: median(list.map(r => r.timeToLastByteMs)),
    extraPeakMiBMedian: median(list.map(r => r.memory.extraPeakMiB)),
    extraPeakMiBMax: Math.max(...list.map(r => r.memory.extraPeakMiB)),
    peakDuringMiBMax: Math.max(...list.map(r => r.memory.peakDuringMiB)),
    heapLeftAfterMiBMax: +Math.max(
      ...list.map(r => r.memory.heapUsedAfterMiB - r.memory.heapUsedBeforeMiB),
    ).toFixed(1),
    bytes: list[0].bytes,
  };
}

type Summary = ReturnType<typeof summary>;

async function main() {
  const loadAtStart = +os.loadavg()[0].toFixed(2);
  const prefix = `bench_report_${Date.now()}_`;
  const started: Measured[] = [];
  const knex = await createRegistryDatabase(prefix);
  try {
    // Two backends on the same database: as configured (V8's defaults), and with V8 told to favour
    // memory, to tell what the export keeps from what V8 merely has not collected yet.
    const measured = await startMeasured(prefix, BACKEND_NODE_ARGS);
    started.push(measured);
    const lean = await startMeasured(prefix, LEAN_NODE_ARGS);
    started.push(lean);
    const headers = {
      Authorization: mockCredentials.user.header('user:default/bench'),
    };
    const csvRun = async (target: Measured, versions: number) => {
      const run = await watched(target.backend, target.inspector, () =>
        exportCsv(target.base, headers),
      );
      if (run.result.rows !== versions) {
        throw new Error(`CSV had ${run.result.rows} rows, not ${versions}`);
      }
      return { ...run.result, ...run.figures };
    };
    const sizes: Array<{
      versions: number;
      models: number;
      csv: { summary: Summary; runs: RunFigures[] };
      jsonPages: { summary: Summary; runs: RunFigures[] } | string;
      csvWithOptimizeForSize: { summary: Summary; runs: RunFigures[] };
      explainAnalyze: Awaited<ReturnType<typeof explainReport>>;
    }> = [];
    let seeded = 0;
    for (const { models, json: withJson } of SIZES) {
      await seedRegistry(knex, seeded, models);
      seeded = models;
      const versions = models * VERSIONS_PER_MODEL;
      console.log(`${versions} versions`);
      // Warm-up: code paths, connections, the planner's statistics.
      await exportCsv(measured.base, headers);
      await exportCsv(lean.base, headers);
      if (withJson) await jsonPages(measured.base, headers);
      const csv: RunFigures[] = [];
      const json: RunFigures[] = [];
      const csvLean: RunFigures[] = [];
      for (let run = 0; run < RUNS; run++) {
        csv.push(await csvRun(measured, versions));
        if (withJson) {
          const j = await watched(measured.backend, measured.inspector, () =>
            jsonPages(measured.base, headers),
          );
          if (j.result.rows !== versions) {
            throw new Error(
              `JSON pages had ${j.result.rows} rows, not ${versions}`,
            );
          }
          json.push({ ...j.result, ...j.figures });
        }
        csvLean.push(await csvRun(lean, versions));
      }
      sizes.push({
        versions,
        models,
        csv: { summary: summary(csv), runs: csv },
        jsonPages: withJson
          ? { summary: summary(json), runs: json }
          : 'not run: each page re-sorts and re-totals every row (see explainAnalyze), so walking all pages grows with the square of the rows',
        csvWithOptimizeForSize: {
          summary: summary(csvLean),
          runs: csvLean,
        },
        explainAnalyze: await explainReport(knex, versions),
      });
    }
    const by = (pick: (size: (typeof sizes)[number]) => number | undefined) =>
      Object.fromEntries(
        sizes.flatMap(size => {
          const value = pick(size);
          return value === undefined ? [] : [[size.versions, value]];
        }),
      );
    const jsonSummary = (size: (typeof sizes)[number]) =>
      typeof size.jsonPages === 'string' ? undefined : size.jsonPages.summary;
    const [first, second, third] = sizes;
    const extra = by(s => s.csv.summary.extraPeakMiBMedian);
    const leanExtra = by(
      s => s.csvWithOptimizeForSize.summary.extraPeakMiBMedian,
    );
    writeBenchResult(process.env.BENCH_RESULT_NAME ?? 'report', {
      benchmark: 'bench:report',
      date: new Date().toISOString(),
      machine: {
        ...benchMachine(),
        loadAverage1mAtStart: loadAtStart,
        loadAverage1mAtEnd: +os.loadavg()[0].toFixed(2),
      },
      backendNodeArgs: BACKEND_NODE_ARGS,
      setup: `two backends in their own processes on the same database (the drills' backend process: backend-defaults, PostgreSQL 127.0.0.1, mock auth and permissions, a mock catalog; started with --inspect and --trace-gc): one with V8's defaults (heap limit ${DEFAULT_HEAP_LIMIT}), one with ${LEAN_NODE_ARGS.join(
        ' ',
      )} (CSV only); the load generator in the bench process; AWS endpoint unreachable, and a fresh estimate seeded in cost_estimates for every ready version, so no request reads CloudWatch`,
      dataset: {
        mix: DATASET_MIX,
        sizes: SIZES.map(size => size.models * VERSIONS_PER_MODEL),
      },
      measured:
        'csv: GET /report?format=csv (every row, written 1,000 rows per database batch); jsonPages: GET /report?limit=500 then each nextCursor until none. Per run: time to first and last byte, bytes, rows; the backend process: resident memory before the run (after a full GC through the inspector), its peak during the run (VmHWM reset before it, VmRSS sampled every 50 ms), V8 heap in use after a full GC before and after the run, the collections V8 made during the run (--trace-gc: the heap each mark-compact left is what was still reachable), CPU of the backend and of PostgreSQL. Each size: a warm-up, then 3 rounds of CSV, JSON pages, CSV on the second backend.',
      aim: "flat memory: the export's extra peak does not grow with the number of rows",
      csvExtraPeakMiBMedianByVersions: extra,
      csvExtraPeakMiBMedianByVersionsWithOptimizeForSize: leanExtra,
      csvHeapLeftAfterExportMiBMaxByVersions: by(
        s => s.csv.summary.heapLeftAfterMiBMax,
      ),
      csvTimeToLastByteMsMedianByVersions: by(
        s => s.csv.summary.timeToLastByteMsMedian,
      ),
      jsonTimeToLastByteMsMedianByVersions: by(
        s => jsonSummary(s)?.timeToLastByteMsMedian,
      ),
      jsonExtraPeakMiBMedianByVersions: by(
        s => jsonSummary(s)?.extraPeakMiBMedian,
      ),
      aimMet: {
        strict:
          extra[second.versions] <=
          Math.max(extra[first.versions] * 1.25, extra[first.versions] + 10),
        strictMeans: `as configured, the CSV's extra peak at ${second.versions} rows within 25% (or 10 MiB) of the one at ${first.versions}`,
        nothingRetained: sizes.every(
          s => s.csv.summary.heapLeftAfterMiBMax < 5,
        ),
        nothingRetainedMeans:
          'after every export, a full GC leaves the V8 heap within 5 MiB of where it was before it',
        flatWithOptimizeForSize:
          leanExtra[third.versions] <=
          Math.max(
            leanExtra[second.versions] * 1.25,
            leanExtra[second.versions] + 10,
          ),
        flatWithOptimizeForSizeMeans: `with ${LEAN_NODE_ARGS.join(
          ' ',
        )}, the extra peak at ${
          third.versions
        } rows within 25% (or 10 MiB) of the one at ${second.versions}`,
      },
      sizes,
    });
  } finally {
    for (const target of started) {
      target.inspector.close();
      await target.backend.stop();
    }
    await knex.destroy();
    await dropDatabases(prefix);
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
