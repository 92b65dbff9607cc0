// Checks a packed package (yarn pack) holds what an installed copy needs and nothing of the sources:
// node scripts/lib/check-tarball.js <tarball> <package dir>. Prints its file list in short.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const [tarball, packageDir] = process.argv.slice(2);
const files = execFileSync('tar', ['tzf', tarball], { encoding: 'utf8' })
  .split('\n')
  .filter(Boolean)
  .map(f => f.replace(/^package\//, ''));
const manifest = JSON.parse(
  execFileSync('tar', ['xzf', tarball, '-O', 'package/package.json'], {
    encoding: 'utf8',
  }),
);
const source = JSON.parse(
  fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8'),
);

const problems = [];
const need = (what, ok) => ok || problems.push(`missing ${what}`);
need('README.md', files.includes('README.md'));
need(
  'dist/',
  files.some(f => f.startsWith('dist/')),
);
if (files.some(f => f.startsWith('src/'))) {
  problems.push('ships src/ (only dist/ should be published)');
}
if (manifest.private) {
  problems.push('is private');
}
if (manifest.license !== 'Apache-2.0') {
  problems.push(`license is ${manifest.license}, not Apache-2.0`);
}
const deps = { ...manifest.dependencies, ...manifest.peerDependencies };
for (const [name, range] of Object.entries(deps)) {
  if (String(range).startsWith('workspace:')) {
    problems.push(`dependency ${name} is still ${range}`);
  }
}
// Every entry point and bin must name a file the tarball has.
const entryFiles = [manifest.main, manifest.module, manifest.types]
  .concat(
    // An export is a file, or conditions (import, require, types, default) to files; `backstage` is
    // the feature type prepack records, not a file.
    Object.values(manifest.exports ?? {}).flatMap(e =>
      typeof e === 'string'
        ? [e]
        : Object.entries(e)
            .filter(([condition]) => condition !== 'backstage')
            .map(([, file]) => file),
    ),
  )
  .concat(
    typeof manifest.bin === 'string'
      ? [manifest.bin]
      : Object.values(manifest.bin ?? {}),
  )
  .filter(Boolean)
  .map(f => f.replace(/^\.\//, ''));
for (const f of entryFiles) {
  need(f, files.includes(f));
}
if (source.configSchema) {
  need(
    'config.schema.json (from config.d.ts)',
    files.includes('config.schema.json'),
  );
}
if (fs.existsSync(path.join(packageDir, 'migrations'))) {
  for (const m of fs.readdirSync(path.join(packageDir, 'migrations'))) {
    if (m.endsWith('.js'))
      need(`migrations/${m}`, files.includes(`migrations/${m}`));
  }
}
if (
  ['backend-plugin', 'backend-plugin-module', 'frontend-plugin'].includes(
    source.backstage?.role,
  )
) {
  need('backstage.pluginId', Boolean(manifest.backstage?.pluginId));
}

const top = [...new Set(files.map(f => f.split('/')[0]))].sort();
console.log(
  `${manifest.name}@${manifest.version}: ${files.length} files (${top.join(
    ', ',
  )})`,
);
if (problems.length > 0) {
  console.error(`${tarball}:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
