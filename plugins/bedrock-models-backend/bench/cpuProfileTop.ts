// Reads a V8 .cpuprofile (node --cpu-prof) and answers where the CPU time went within a time window:
// the top functions by self time, and self time grouped by package (node_modules/<package>, a workspace
// plugin, Node internals, garbage collection). Also runnable: `cpuProfileTop.ts <file> [top]`.
import fs from 'node:fs';

type ProfileNode = {
  id: number;
  callFrame: {
    functionName: string;
    url: string;
    lineNumber: number;
  };
};

type CpuProfile = {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
};

/** A window in the profile's clock: microseconds of CLOCK_MONOTONIC, as `process.hrtime` reads it. */
export type ProfileWindow = { fromUs: number; toUs: number };

/** Now, in the clock of V8 profiles (CLOCK_MONOTONIC, microseconds). */
export function monotonicUs(): number {
  return Number(process.hrtime.bigint() / 1000n);
}

function packageOf(url: string, functionName: string): string {
  if (!url) {
    return functionName.startsWith('(') ? functionName : '(native)';
  }
  const modules = url.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const rest = url.slice(modules + 'node_modules/'.length).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  const workspace = /\/(plugins|packages)\/([^/]+)\//.exec(url);
  if (workspace) return `${workspace[1]}/${workspace[2]}`;
  if (url.startsWith('node:')) return 'node (internals)';
  return url;
}

/** Where the CPU went in `window` (or the whole profile): top functions and packages by self time. */
export function summarizeProfile(
  file: string,
  window?: ProfileWindow,
  top = 15,
) {
  const profile: CpuProfile = JSON.parse(fs.readFileSync(file, 'utf8'));
  const nodes = new Map(profile.nodes.map(n => [n.id, n]));
  const selfByFrame = new Map<string, number>();
  const selfByPackage = new Map<string, number>();
  let at = profile.startTime;
  let busyUs = 0;
  let windowUs = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const delta = profile.timeDeltas[i] ?? 0;
    at += delta;
    if (window && (at < window.fromUs || at > window.toUs)) continue;
    windowUs += delta;
    const node = nodes.get(profile.samples[i]);
    if (!node) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    if (functionName === '(idle)' || functionName === '(program)') continue;
    busyUs += delta;
    const frame = `${functionName || '(anonymous)'} ${
      url ? `${url.replace(/^.*node_modules\//, '')}:${lineNumber + 1}` : ''
    }`.trim();
    selfByFrame.set(frame, (selfByFrame.get(frame) ?? 0) + delta);
    const pkg = packageOf(url, functionName);
    selfByPackage.set(pkg, (selfByPackage.get(pkg) ?? 0) + delta);
  }
  const ranked = (map: Map<string, number>) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => ({
        name,
        selfMs: +(us / 1000).toFixed(1),
        shareOfBusy: +(us / busyUs).toFixed(3),
      }));
  return {
    windowMs: +(
      (window ? windowUs : profile.endTime - profile.startTime) / 1000
    ).toFixed(0),
    mainThreadBusyMs: +(busyUs / 1000).toFixed(0),
    topFunctionsBySelfTime: ranked(selfByFrame),
    topPackagesBySelfTime: ranked(selfByPackage),
  };
}

if (require.main === module) {
  const [file, top] = process.argv.slice(2);
  // eslint-disable-next-line no-console
  console.log(
    JSON.stringify(
      summarizeProfile(file, undefined, Number(top ?? 25)),
      null,
      2,
    ),
  );
}
