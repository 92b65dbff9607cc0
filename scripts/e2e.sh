#!/usr/bin/env bash
# Runs the Playwright journeys in Chromium against the built portal: the emulator, and the backend
# serving the built app on :7007 with an in-memory SQLite database. Expects `yarn build:backend` first.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/bootstrap.sh"
source "$ROOT/scripts/lib/wait-for-url.sh"
cd "$ROOT"

export BEDROCK_EMULATOR_PORT=${BEDROCK_EMULATOR_PORT:-4599}
export BEDROCK_AWS_ENDPOINT=${BEDROCK_AWS_ENDPOINT:-http://127.0.0.1:$BEDROCK_EMULATOR_PORT}
export PLAYWRIGHT_CHROMIUM_EXECUTABLE=${PLAYWRIGHT_CHROMIUM_EXECUTABLE:-$(command -v chromium || command -v chromium-browser || true)}
if [ -z "$PLAYWRIGHT_CHROMIUM_EXECUTABLE" ]; then
  echo "No Chromium found: install Debian's chromium package or set PLAYWRIGHT_CHROMIUM_EXECUTABLE." >&2
  exit 1
fi

logs="$ROOT/e2e-test-report/logs"
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
# The demo seed (models in three Regions, a month of metrics); an import takes 10 s instead of 10 minutes.
(cd packages/bedrock-emulator && exec yarn start --seed demo --time-scale 60 --quota-imported-models 10) >"$logs/emulator.log" 2>&1 &
pids+=($!)
# The backend serves the built app (packages/app/dist) itself, so the app's base URL is the backend's.
(
  export APP_CONFIG_app_baseUrl=http://localhost:7007
  export APP_CONFIG_backend_cors_origin=http://localhost:7007
  export APP_CONFIG_backend_database_connection=':memory:'
  # Journeys wait for imports: ask AWS about a running job every 2 s rather than every 30 s.
  export APP_CONFIG_bedrockModels_imports_pollIntervalSeconds=2
  # A third alias whose evaluation gate blocks (journey 15); production's gate warns, as in the demo.
  export APP_CONFIG_bedrockModels_aliases='["production","staging","canary"]'
  export APP_CONFIG_bedrockModels_evaluationGates='[{"alias":"production","mode":"warn","minPassRate":1},{"alias":"canary","mode":"block","minPassRate":1}]'
  # Not `yarn start`: its dev server restarts the backend on any change to a source file, and a restart
  # empties the in-memory database in the middle of the journeys. Same loader, same environment, no watch.
  export NODE_ENV=development
  export ESBK_TSCONFIG_PATH="$ROOT/tsconfig.json"
  cd packages/backend &&
    exec node --enable-source-maps --require @backstage/cli/config/nodeTransform.cjs src/index.ts
) >"$logs/backend.log" 2>&1 &
pids+=($!)
set +m

if ! wait_for_url "http://127.0.0.1:$BEDROCK_EMULATOR_PORT/_emulator/health" 60 "The Bedrock emulator" ||
  ! wait_for_url http://localhost:7007/.backstage/health/v1/readiness 240 "The backend"; then
  tail -50 "$logs"/*.log >&2
  exit 1
fi

PLAYWRIGHT_URL=http://localhost:7007 yarn playwright test "$@"
