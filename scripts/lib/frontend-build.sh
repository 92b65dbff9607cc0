# Sourced: ensure_frontend_built builds the app (packages/app/dist) when it is missing or when any source
# of the frontend changed since it was built: the app and every frontend or shared package it bundles
# (their sources, package.json, tsconfig), and yarn.lock. The build's own index.html is the stamp, so
# any build counts (`yarn build:backend` too). Needs ROOT.

# The packages the app's bundle is made of: the app, and every frontend plugin, module or shared library
# of the workspace (backend packages are not bundled).
frontend_package_dirs() {
  node -e '
    const fs = require("fs"), path = require("path");
    const root = process.argv[1];
    const bundled = new Set(["frontend", "frontend-plugin", "frontend-plugin-module", "web-library", "common-library"]);
    for (const parent of ["packages", "plugins"]) {
      for (const name of fs.readdirSync(path.join(root, parent))) {
        const file = path.join(root, parent, name, "package.json");
        if (!fs.existsSync(file)) continue;
        const role = JSON.parse(fs.readFileSync(file, "utf8")).backstage?.role;
        if (bundled.has(role)) console.log(path.join(parent, name));
      }
    }' "$ROOT"
}

# Prints the first source newer than the build, or nothing when the build is current.
first_changed_frontend_source() {
  local stamp=$1
  local dirs=()
  while IFS= read -r dir; do dirs+=("$dir"); done < <(frontend_package_dirs)
  (
    cd "$ROOT"
    # What goes into the bundle: code, styles, assets and manifests; not tests, docs or API reports.
    find "${dirs[@]}" \( -name node_modules -o -name dist -o -name dist-types -o -name e2e-tests \) -prune \
      -o -type f -newer "$stamp" \
      \( -name '*.ts' -o -name '*.tsx' -o -name '*.js' -o -name '*.jsx' -o -name '*.mjs' -o -name '*.cjs' \
      -o -name '*.css' -o -name '*.json' -o -name '*.svg' -o -name '*.png' -o -name '*.ico' -o -name '*.html' \) \
      -not -name '*.test.*' -not -path '*/__testUtils__/*' -not -name 'setupTests.ts' -print -quit
    find yarn.lock -newer "$stamp" -print -quit
  ) | head -1
}

ensure_frontend_built() {
  local stamp="$ROOT/packages/app/dist/index.html"
  local reason=""
  if [ ! -f "$stamp" ]; then
    reason="there is no build yet"
  else
    local changed
    changed=$(first_changed_frontend_source "$stamp")
    if [ -n "$changed" ]; then
      reason="$changed changed since the last build"
    fi
  fi
  if [ -z "$reason" ]; then
    echo "==> The built frontend is current (packages/app/dist, built $(date -r "$stamp" '+%Y-%m-%d %H:%M'))"
    return 0
  fi
  echo "==> Building the frontend: $reason (a minute or two; \`npm start -- --dev\` skips it)"
  (cd "$ROOT" && yarn workspace app build)
}
