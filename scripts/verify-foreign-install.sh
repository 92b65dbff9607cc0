#!/usr/bin/env bash
# Proof that the plugins install into a Backstage app that is not ours: builds and packs every published
# package (as prepack and yarn pack would), copies the minimal app in foreign-app/ outside the
# repository, installs the tarballs into it as the READMEs say, type checks it, builds its backend, starts
# that build against the emulator (run from its tarball with npx) on SQLite, and checks what an adopter
# would: the bedrock-models API answers, the catalog holds the models, the template actions are there.
#
# Environment: FOREIGN_APP_DIR (default ~/.cache/bedrock-portal/foreign-app, kept between runs so its
# node_modules and the compiled better-sqlite3 are reused), FOREIGN_INSTALL_SKIP_TSC=1 when
# dist-types is fresh (the test command has just run tsc:full).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/bootstrap.sh"
source "$ROOT/scripts/lib/wait-for-url.sh"
cd "$ROOT"

started=$(date +%s)
phase_started=$started
timings=()
phase() {
  local now
  now=$(date +%s)
  if [ -n "${current_phase:-}" ]; then
    timings+=("$(printf '%4ss  %s' "$((now - phase_started))" "$current_phase")")
  fi
  current_phase=$1
  phase_started=$now
  printf '\n==> [%ss] %s\n' "$((now - started))" "$1"
}

WORK=${FOREIGN_APP_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/bedrock-portal/foreign-app}
mkdir -p "$WORK"
WORK=$(cd "$WORK" && pwd)
# Outside the repository: Node looks for modules in every parent folder's node_modules, and the
# repository's would hide a dependency a package forgot to declare.
case "$WORK/" in
  "$ROOT"/*)
    echo "FOREIGN_APP_DIR must be outside the repository ($ROOT)" >&2
    exit 1
    ;;
esac
exec 9>"$WORK.lock"
if ! flock -n 9; then
  echo "Waiting for another run using $WORK to finish"
  flock 9
fi

# Published packages: directory -> tarball name in the foreign app's tarballs/ (its package.json files
# refer to these names).
PACKAGES=(
  plugins/bedrock-models-common:bedrock-models-common
  plugins/bedrock-models-node:bedrock-models-node
  plugins/bedrock-models:bedrock-models
  plugins/bedrock-models-backend:bedrock-models-backend
  plugins/catalog-backend-module-bedrock-models:catalog-backend-module-bedrock-models
  plugins/scaffolder-backend-module-bedrock-models:scaffolder-backend-module-bedrock-models
  packages/bedrock-emulator:bedrock-emulator
)

if [ -z "${FOREIGN_INSTALL_SKIP_TSC:-}" ]; then
  phase "Type declarations for the package builds (yarn tsc)"
  yarn tsc
fi

phase "Build the published packages (backstage-cli repo build)"
yarn backstage-cli repo build

phase "Pack them (prepack into a dist workspace, then npm pack) and check each tarball"
# `yarn pack` runs prepack in place: it rewrites each package.json until postpack, and a yarn install
# running meanwhile in the same working tree writes that state back for good. build-workspace runs the
# same production pack (entry points in dist/, publishConfig, config.schema.json) into another folder.
tarballs="$WORK/tarballs"
dist="$WORK/dist-workspace"
rm -rf "$tarballs" "$dist"
mkdir -p "$dist"
names=()
for entry in "${PACKAGES[@]}"; do
  names+=("$(node -p 'require(`./${process.argv[1]}/package.json`).name' "${entry%%:*}")")
done
yarn backstage-cli build-workspace "$dist" "${names[@]}" >/dev/null
node scripts/lib/pack-dist-workspace.js "$dist" "$tarballs" "${PACKAGES[@]}"
for entry in "${PACKAGES[@]}"; do
  node scripts/lib/check-tarball.js "$tarballs/${entry##*:}.tgz" "${entry%%:*}"
done

phase "Copy foreign-app/ to $WORK and check it adds the plugins as the READMEs say"
# The app's files replace the last run's; what installs write (node_modules, yarn's install state)
# stays, so an unchanged dependency is neither fetched nor linked nor compiled again.
find "$WORK" -mindepth 1 -maxdepth 1 ! -name node_modules ! -name tarballs ! -name .yarn \
  ! -name packages -exec rm -rf {} +
if [ -d "$WORK/packages" ]; then
  find "$WORK/packages" -mindepth 2 -maxdepth 2 ! -name node_modules -exec rm -rf {} +
fi
tar -C foreign-app --exclude=node_modules --exclude=tarballs --exclude=dist \
  --exclude=dist-types --exclude=.bundle -cf - . | tar -C "$WORK" -xf -
node scripts/lib/check-readme-snippets.js "$WORK"

cd "$WORK"
phase "Install the tarballs into the foreign app (yarn install, lockfile and yarn cache reused)"
# The tarballs change on every run (their lockfile checksums are updated); the rest stays as locked.
YARN_ENABLE_IMMUTABLE_INSTALLS=false yarn install

phase "Type check the foreign app (tsc: the new frontend system app and the legacy snippets)"
yarn tsc

phase "Build the foreign app's backend (backstage-cli package build)"
yarn build:backend
rm -rf .bundle
mkdir -p .bundle
tar -C .bundle -xzf packages/backend/dist/bundle.tar.gz

phase "Start the emulator (npx, from its tarball) and the built backend on SQLite"
free_port() {
  node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}
emulator_port=$(free_port)
backend_port=$(free_port)
# npx caches a package by its spec: a name per content makes it install this run's tarball.
emulator_tgz="$tarballs/bedrock-emulator-$(sha1sum "$tarballs/bedrock-emulator.tgz" | cut -c1-12).tgz"
cp "$tarballs/bedrock-emulator.tgz" "$emulator_tgz"
logs="$WORK/logs"
mkdir -p "$logs"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do
    kill -- "-$pid" 2>/dev/null || kill "$pid" 2>/dev/null || true
  done
  wait 2>/dev/null || true
}
trap cleanup EXIT
set -m
npx --yes --package "$emulator_tgz" bedrock-emulator --seed demo --port "$emulator_port" \
  >"$logs/emulator.log" 2>&1 &
pids+=($!)
(
  export BEDROCK_AWS_ENDPOINT=http://127.0.0.1:$emulator_port
  export APP_CONFIG_backend_listen_port=$backend_port
  export APP_CONFIG_backend_baseUrl=http://localhost:$backend_port
  exec node .bundle/packages/backend --config app-config.yaml
) >"$logs/backend.log" 2>&1 &
pids+=($!)
set +m
if ! wait_for_url "http://127.0.0.1:$emulator_port/_emulator/health" 120 "The emulator" ||
  ! wait_for_url "http://localhost:$backend_port/.backstage/health/v1/readiness" 240 "The foreign backend"; then
  tail -40 "$logs"/*.log >&2
  exit 1
fi

phase "Check what an adopter sees"
if ! node "$ROOT/scripts/lib/check-foreign-backend.js" "http://localhost:$backend_port"; then
  echo "--- backend log (last 60 lines) ---" >&2
  tail -60 "$logs/backend.log" >&2
  exit 1
fi
if grep -q "events backend not found" "$logs/backend.log"; then
  echo "The foreign backend says the events backend is missing" >&2
  exit 1
fi

phase "done"
printf '\nForeign install verified in %ss:\n' "$(($(date +%s) - started))"
printf '  %s\n' "${timings[@]}"
