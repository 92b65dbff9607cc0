/* eslint-disable no-console */
// The load generator of bench:api, in its own process: `clients` concurrent clients send GETs to each
// target in turn, in rounds (target A then B, then B then A, ...), so both see the same machine, and
// answer with latency percentiles, requests per second and the CPU each target cost the backend
// process and PostgreSQL. Options come as JSON in argv[2]; the figures go to stdout as JSON.
import {
  machineCpuMs,
  percentiles,
  postgresCpuMs,
  processCpuMs,
} from './benchProcesses';

export type ApiClientsOptions = {
  targets: Array<{ name: string; url: string }>;
  authorization: string;
  clients: number;
  rounds: number;
  requestsPerRound: number;
  warmupRequests: number;
  backendPid: number;
};

export type ApiTargetFigures = {
  requests: number;
  statuses: Record<string, number>;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  meanMs: number;
  requestsPerSecond: number;
  responseBytes: number;
  /** CPU time of the backend process per request (all of its threads). */
  backendCpuMsPerRequest: number;
  /** CPU time of every PostgreSQL process per request. */
  postgresCpuMsPerRequest: number;
  /** Share of both cores busy (anything on the machine) while this target was measured. */
  machineBusyShare: number;
};

async function main() {
  const options: ApiClientsOptions = JSON.parse(process.argv[2]);
  const headers = { Authorization: options.authorization };

  /** Sends `count` requests to `url` with `options.clients` at once. */
  async function run(url: string, count: number) {
    const durations: number[] = [];
    const statuses: Record<string, number> = {};
    let bytes = 0;
    let next = 0;
    const cpu = {
      backend: processCpuMs(options.backendPid),
      postgres: postgresCpuMs(),
      machine: machineCpuMs(),
    };
    const started = performance.now();
    await Promise.all(
      Array.from({ length: options.clients }, async () => {
        while (next < count) {
          next += 1;
          const sent = performance.now();
          const res = await fetch(url, { headers });
          const body = await res.arrayBuffer();
          durations.push(performance.now() - sent);
          bytes = body.byteLength;
          statuses[res.status] = (statuses[res.status] ?? 0) + 1;
        }
      }),
    );
    const wallMs = performance.now() - started;
    const machine = machineCpuMs();
    return {
      durations,
      statuses,
      bytes,
      wallMs,
      backendCpuMs: processCpuMs(options.backendPid) - cpu.backend,
      postgresCpuMs: postgresCpuMs() - cpu.postgres,
      machineBusyMs: machine.busy - cpu.machine.busy,
      machineTotalMs: machine.total - cpu.machine.total,
    };
  }

  for (const target of options.targets) {
    await run(target.url, options.warmupRequests);
  }
  const runs = new Map<string, Array<Awaited<ReturnType<typeof run>>>>(
    options.targets.map(t => [t.name, []]),
  );
  for (let round = 0; round < options.rounds; round++) {
    const order =
      round % 2 === 0 ? options.targets : [...options.targets].reverse();
    for (const target of order) {
      runs
        .get(target.name)!
        .push(await run(target.url, options.requestsPerRound));
    }
  }

  const figures: Record<string, ApiTargetFigures> = {};
  for (const [name, list] of runs) {
    const durations = list.flatMap(r => r.durations);
    const sum = (pick: (r: (typeof list)[number]) => number) =>
      list.reduce((n, r) => n + pick(r), 0);
    const statuses: Record<string, number> = {};
    for (const r of list) {
      for (const [status, n] of Object.entries(r.statuses)) {
        statuses[status] = (statuses[status] ?? 0) + n;
      }
    }
    figures[name] = {
      requests: durations.length,
      statuses,
      ...percentiles(durations),
      meanMs: +(
        durations.reduce((a, b) => a + b, 0) / durations.length
      ).toFixed(1),
      requestsPerSecond: +(
        (durations.length * 1000) /
        sum(r => r.wallMs)
      ).toFixed(1),
      responseBytes: list[list.length - 1].bytes,
      backendCpuMsPerRequest: +(
        sum(r => r.backendCpuMs) / durations.length
      ).toFixed(2),
      postgresCpuMsPerRequest: +(
        sum(r => r.postgresCpuMs) / durations.length
      ).toFixed(2),
      machineBusyShare: +(
        sum(r => r.machineBusyMs) / sum(r => r.machineTotalMs)
      ).toFixed(2),
    };
  }
  process.stdout.write(JSON.stringify(figures));
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
