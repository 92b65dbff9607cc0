// Shared by bench:api, bench:report and bench:governance: a backend in its own process (started, health-checked,
// stopped), what /proc says about it (CPU time, resident memory and its peak), PostgreSQL databases made
// and dropped per run, and percentiles.
import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import { createServer } from 'node:net';
import knexFactory from 'knex';

/** The PostgreSQL server the benches use (trust authentication, no database in the URL). */
export const BENCH_POSTGRES =
  process.env.BENCH_POSTGRES_CONNECTION ??
  'postgresql://postgres@127.0.0.1:5432';

/** Linux clock ticks per second (`getconf CLK_TCK`), the unit of CPU times in /proc. */
const CLOCK_TICKS = 100;

/** A backend started by a bench. */
export type BenchBackend = {
  url: string;
  pid: number;
  process: ChildProcess;
  /** What the process printed so far. */
  output(): string;
  /** Resolves at the first line of output matching `pattern`, with the time it arrived. */
  waitForLine(pattern: RegExp, timeoutMs: number): Promise<number>;
  /** SIGTERM (a clean exit, so `--cpu-prof` writes its profile), then waits for the exit. */
  stop(): Promise<void>;
};

/** A free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/**
 * Starts `script` (a backend entry point in TypeScript) in its own Node process with `env`, and waits
 * until `healthPath` answers 200.
 */
export async function startBenchBackend(options: {
  script: string;
  url: string;
  env: Record<string, string>;
  healthPath: string;
  nodeArgs?: string[];
  /** Arguments of the script. */
  args?: string[];
  /** Working directory of the process; the bench's own by default. */
  cwd?: string;
}): Promise<BenchBackend> {
  const child = spawn(
    process.execPath,
    [
      ...(options.nodeArgs ?? []),
      '--require',
      require.resolve('@backstage/cli/config/nodeTransform.cjs'),
      options.script,
      ...(options.args ?? []),
    ],
    {
      cwd: options.cwd,
      env: { ...process.env, NODE_ENV: 'production', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const watchers: Array<{ pattern: RegExp; found: (at: number) => void }> = [];
  const onData = (chunk: Buffer) => {
    const at = performance.now();
    output += chunk;
    for (const watcher of [...watchers]) {
      if (watcher.pattern.test(output)) {
        watchers.splice(watchers.indexOf(watcher), 1);
        watcher.found(at);
      }
    }
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = new Promise<void>(resolve =>
    child.on('exit', () => resolve()),
  );
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(`The bench backend exited early:\n${output}`);
    }
    try {
      const res = await fetch(`${options.url}${options.healthPath}`);
      if (res.ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`The bench backend did not start in 180 s:\n${output}`);
    }
    await new Promise(resolve => setTimeout(resolve, 250));
  }
  return {
    url: options.url,
    pid: child.pid!,
    process: child,
    output: () => output,
    waitForLine: (pattern, timeoutMs) =>
      new Promise((resolve, reject) => {
        if (pattern.test(output)) {
          resolve(performance.now());
          return;
        }
        const timer = setTimeout(
          () =>
            reject(new Error(`No line matching ${pattern} in ${timeoutMs} ms`)),
          timeoutMs,
        );
        watchers.push({
          pattern,
          found: at => {
            clearTimeout(timer);
            resolve(at);
          },
        });
      }),
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(killer);
    },
  };
}

/** CPU time a process has used (user + system), in milliseconds. */
export function processCpuMs(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces), from field 3 on.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime
  return (ticks * 1000) / CLOCK_TICKS;
}

/**
 * CPU time of PostgreSQL on this machine, in milliseconds: every postgres process, plus what the
 * postmaster collected from the connection processes that ended (cutime, cstime), so a connection
 * closing between two readings does not take its CPU time with it.
 */
export function postgresCpuMs(): number {
  let total = 0;
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (fs.readFileSync(`/proc/${entry}/comm`, 'utf8').trim() !== 'postgres')
        continue;
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // utime, stime, cutime, cstime
      const ticks = [11, 12, 13, 14].reduce((n, i) => n + Number(fields[i]), 0);
      total += (ticks * 1000) / CLOCK_TICKS;
    } catch {
      // The process ended meanwhile.
    }
  }
  return total;
}

/** Busy and total CPU time of the whole machine (all cores), in milliseconds. */
export function machineCpuMs(): { busy: number; total: number } {
  const line = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0];
  const values = line.trim().split(/\s+/).slice(1).map(Number);
  const total = values.reduce((a, b) => a + b, 0);
  const idle = values[3] + (values[4] ?? 0); // idle, iowait
  return {
    busy: ((total - idle) * 1000) / CLOCK_TICKS,
    total: ((total * 1000) / CLOCK_TICKS) as number,
  };
}

/** Resident memory of a process now, and its peak (since start or the last `resetPeakMemory`), in MiB. */
export function processMemoryMiB(pid: number): { rss: number; hwm: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (key: string) =>
    Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rss: kib('VmRSS') / 1024, hwm: kib('VmHWM') / 1024 };
}

/**
 * Resets a process's peak resident memory (VmHWM) to its current size (Linux: `5` to clear_refs), so
 * the next peak read is the peak since now. Answers false when the kernel refuses.
 */
export function resetPeakMemory(pid: number): boolean {
  try {
    fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

/** p50, p95 and max of durations, in milliseconds, one decimal. */
export function percentiles(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) =>
    +sorted[
      Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))
    ].toFixed(1);
  return {
    p50Ms: at(50),
    p95Ms: at(95),
    maxMs: +sorted[sorted.length - 1].toFixed(1),
  };
}

/** Drops every database whose name starts with `prefix` (backend-defaults makes one per plugin). */
export async function dropDatabases(prefix: string): Promise<void> {
  const admin = knexFactory({ client: 'pg', connection: BENCH_POSTGRES });
  try {
    const { rows } = await admin.raw(
      'select datname from pg_database where datname like ?',
      [`${prefix}%`],
    );
    for (const { datname } of rows) {
      await admin.raw(`drop database "${datname}" with (force)`);
    }
  } finally {
    await admin.destroy();
  }
}
