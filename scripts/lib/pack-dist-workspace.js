// Packs packages from a dist workspace (`backstage-cli build-workspace`: each package as its prepack
// writes it, without touching the repository's package.json files) into tarballs, as `yarn pack` would:
// `workspace:` ranges become the released ranges of the packages they name.
// node scripts/lib/pack-dist-workspace.js <dist workspace> <tarball dir> <package dir>:<tarball name>...
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '../..');
const [distDir, tarballDir, ...entries] = process.argv.slice(2);

// Versions of every workspace package, by name, from the repository.
const versions = new Map();
for (const parent of ['packages', 'plugins']) {
  for (const dir of fs.readdirSync(path.join(root, parent))) {
    const file = path.join(root, parent, dir, 'package.json');
    if (fs.existsSync(file)) {
      const pkg = JSON.parse(fs.readFileSync(file, 'utf8'));
      versions.set(pkg.name, pkg.version);
    }
  }
}

// What yarn writes for `workspace:^`, `workspace:~`, `workspace:*` and `workspace:<range>`.
function released(name, range) {
  const spec = range.slice('workspace:'.length);
  const version = versions.get(name);
  if (!version) throw new Error(`${name} is not a package of this repository`);
  if (spec === '^' || spec === '~') return `${spec}${version}`;
  if (spec === '*') return version;
  return spec;
}

fs.mkdirSync(tarballDir, { recursive: true });
for (const entry of entries) {
  const [dir, name] = entry.split(':');
  const packageDir = path.join(distDir, dir);
  const manifestFile = path.join(packageDir, 'package.json');
  const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
  for (const field of [
    'dependencies',
    'devDependencies',
    'peerDependencies',
    'optionalDependencies',
  ]) {
    for (const [dep, range] of Object.entries(manifest[field] ?? {})) {
      if (String(range).startsWith('workspace:')) {
        manifest[field][dep] = released(dep, range);
      }
    }
  }
  fs.writeFileSync(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);
  // The package's own prepack already ran (build-workspace); npm must not run it again here.
  const packed = execFileSync(
    'npm',
    ['pack', '--ignore-scripts', '--json', '--pack-destination', tarballDir],
    { cwd: packageDir, encoding: 'utf8' },
  );
  const [{ filename }] = JSON.parse(packed);
  fs.renameSync(
    path.join(tarballDir, path.basename(filename)),
    path.join(tarballDir, `${name}.tgz`),
  );
}
