// The foreign app adds the plugins as their READMEs say: every `backend.add(import('...'))` and every
// import from `@bedrock-portal/...` in the install snippets of a plugin README must be in the app's
// sources (whitespace aside), so the READMEs and the proof cannot drift apart.
// node scripts/lib/check-readme-snippets.js <foreign app dir>
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '../..');
const app = process.argv[2];
const squash = s => s.replace(/\s+/g, '').replace(/,}/g, '}');

function sourcesOf(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourcesOf(p);
    return /\.(ts|tsx)$/.test(entry.name) ? [fs.readFileSync(p, 'utf8')] : [];
  });
}
const appText = ['packages/backend/src', 'packages/app/src']
  .flatMap(d => sourcesOf(path.join(app, d)))
  .join('\n');
const appSource = squash(appText);

// What an import statement brings in: the module, a default import and the named ones.
const IMPORT =
  /import\s+(type\s+)?([\w$]+)?\s*,?\s*(\{[^}]*\})?\s*from\s*'([^']+)';/g;
function importsOf(text) {
  return [...text.matchAll(IMPORT)].map(m => ({
    code: m[0],
    module: m[4],
    hasDefault: Boolean(m[2]),
    names: (m[3] ?? '')
      .replace(/[{}]/g, '')
      .split(',')
      .map(n => n.trim().split(/\s+as\s+/)[0])
      .filter(Boolean),
  }));
}
const appImports = importsOf(appText);
const imported = w =>
  appImports.some(
    a =>
      a.module === w.module &&
      (!w.hasDefault || a.hasDefault) &&
      w.names.every(n =>
        appImports.some(b => b.module === w.module && b.names.includes(n)),
      ),
  );

const wanted = [];
for (const dir of fs.readdirSync(path.join(root, 'plugins'))) {
  const readme = path.join(root, 'plugins', dir, 'README.md');
  if (!fs.existsSync(readme)) continue;
  const text = fs.readFileSync(readme, 'utf8');
  // Only the snippets a README marks as the install steps: code blocks of its "## Install" section.
  const install = text.split(/^## /m).find(s => /^Install/.test(s)) ?? '';
  for (const block of install.match(/```(ts|tsx)\n[\s\S]*?```/g) ?? []) {
    for (const m of block.matchAll(
      /backend\.add\(\s*import\(\s*'[^']+'\s*\),?\s*\);/g,
    )) {
      wanted.push({
        readme: `plugins/${dir}/README.md`,
        code: m[0],
        found: appSource.includes(squash(m[0])),
      });
    }
    for (const w of importsOf(block)) {
      if (!w.module.startsWith('@bedrock-portal/')) continue;
      wanted.push({
        readme: `plugins/${dir}/README.md`,
        code: w.code,
        found: imported(w),
      });
    }
  }
}
const missing = wanted.filter(w => !w.found);
console.log(
  `${wanted.length - missing.length} of ${
    wanted.length
  } install lines from the READMEs are in the foreign app`,
);
if (wanted.length === 0) {
  console.error(
    'No install snippet found in the plugin READMEs (## Install sections)',
  );
  process.exit(1);
}
for (const m of missing) {
  console.error(`${m.readme}: not in foreign-app: ${m.code}`);
}
process.exit(missing.length > 0 ? 1 : 0);
