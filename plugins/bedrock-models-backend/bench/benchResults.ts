import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The machine a benchmark ran on, written with its figures. */
export function benchMachine() {
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
  };
}

/** Writes `bench-results/<name>.json` at the repository root and prints it. */
export function writeBenchResult(name: string, result: object): void {
  const out = path.resolve(__dirname, `../../../bench-results/${name}.json`);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
  // eslint-disable-next-line no-console
  console.log(JSON.stringify(result, null, 2));
}
