#!/usr/bin/env bash
# Starts the portal with its embedded defaults: the Bedrock emulator and the backend on :7007 (SQLite,
# guest sign-in) serving the built frontend, which is rebuilt first when its sources changed since the
# last build. `--dev` starts the frontend's development server on :3000 instead (reloads on every
# change, slower to load). Ctrl-C stops all of it.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/bootstrap.sh"
source "$ROOT/scripts/lib/wait-for-url.sh"
source "$ROOT/scripts/lib/frontend-build.sh"
cd "$ROOT"
mkdir -p .data

mode=built
for arg in "$@"; do
  case "$arg" in
    --dev) mode=dev ;;
    -h | --help)
      echo "Usage: npm start [-- --dev]"
      echo "  (default)  the backend on :7007 serves the built frontend, rebuilt when its sources changed"
      echo "  --dev      the frontend development server on :3000 (reloads on change) and the backend on :7007"
      exit 0
      ;;
    *)
      echo "Unknown option: $arg (try --dev or --help)" >&2
      exit 2
      ;;
  esac
done

export BEDROCK_EMULATOR_PORT=${BEDROCK_EMULATOR_PORT:-4599}
export BEDROCK_AWS_ENDPOINT=${BEDROCK_AWS_ENDPOINT:-http://127.0.0.1:$BEDROCK_EMULATOR_PORT}

if [ "$mode" = built ]; then
  # Before anything listens: a build takes a minute or two, and nothing should look up meanwhile.
  ensure_frontend_built
fi

pids=()
cleanup() {
  trap - EXIT INT TERM
  for pid in "${pids[@]}"; do
    kill -- "-$pid" 2>/dev/null || kill "$pid" 2>/dev/null || true
  done
  wait 2>/dev/null || true
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Each child in its own process group, so cleanup stops it together with its own children.
set -m
echo "==> Starting the Bedrock emulator on :$BEDROCK_EMULATOR_PORT"
# Demo data on first start, kept in .data/emulator so a restart keeps imports; time runs 20x faster
# (an import takes 30 s instead of 10 minutes); the account has a raised imported-models quota of 10
# per Region, so the demo can import beside the seeded models.
(cd packages/bedrock-emulator && exec yarn start --seed demo --state-file ../../.data/emulator/state.json --time-scale 20 --quota-imported-models 10) &
pids+=($!)
wait_for_url "http://127.0.0.1:$BEDROCK_EMULATOR_PORT/_emulator/health" 60 "The Bedrock emulator"

if [ "$mode" = built ]; then
  echo "==> Starting the backend on :7007, serving the built frontend"
  # The backend serves packages/app/dist itself, so the app's address is the backend's. Its own
  # sources still reload on change (backstage-cli package start); the frontend's need `npm start` again
  # (which rebuilds them) or `npm start -- --dev`.
  (
    export APP_CONFIG_app_baseUrl=http://localhost:7007
    export APP_CONFIG_backend_cors_origin=http://localhost:7007
    cd packages/backend && exec yarn start
  ) &
  pids+=($!)
  set +m
  url=http://localhost:7007
  if wait_for_url http://localhost:7007/.backstage/health/v1/readiness 300 "The backend"; then
    printf '\n    The portal is up: %s  (Bedrock models: %s/bedrock-models)\n    Press Ctrl-C to stop it.\n\n' "$url" "$url"
  fi
else
  echo "==> Starting the backend (:7007) and the frontend development server (:3000)"
  yarn dev &
  pids+=($!)
  set +m
  url=http://localhost:3000
  if wait_for_url http://localhost:7007/.backstage/health/v1/readiness 300 "The backend" &&
    wait_for_url "$url" 300 "The frontend"; then
    printf '\n    The portal is up: %s  (Bedrock models: %s/bedrock-models)\n    Press Ctrl-C to stop it.\n\n' "$url" "$url"
  fi
fi
wait "${pids[1]}"
