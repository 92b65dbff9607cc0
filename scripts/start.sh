#!/usr/bin/env bash
# Starts the portal with its embedded defaults: the Bedrock emulator, the backend on :7007
# (SQLite, guest sign-in) and the frontend dev server on :3000. Ctrl-C stops all of it.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/bootstrap.sh"
source "$ROOT/scripts/lib/wait-for-url.sh"
cd "$ROOT"
mkdir -p .data

export BEDROCK_EMULATOR_PORT=${BEDROCK_EMULATOR_PORT:-4599}
export BEDROCK_AWS_ENDPOINT=${BEDROCK_AWS_ENDPOINT:-http://127.0.0.1:$BEDROCK_EMULATOR_PORT}
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
# (an import takes 30 s); the account has a raised imported-models quota of 10 per Region, so the demo
# can import beside the seeded models.
# for simulated durations (an import takes 30 s instead of 10 minutes).
(cd packages/bedrock-emulator && exec yarn start --seed demo --state-file ../../.data/emulator/state.json --time-scale 20 --quota-imported-models 10) &
pids+=($!)
wait_for_url "http://127.0.0.1:$BEDROCK_EMULATOR_PORT/_emulator/health" 60 "The Bedrock emulator"

echo "==> Starting the backend (:7007) and the frontend (:3000)"
yarn dev &
pids+=($!)
set +m

if wait_for_url http://localhost:7007/.backstage/health/v1/readiness 300 "The backend" &&
  wait_for_url http://localhost:3000 300 "The frontend"; then
  printf '\n    The portal is up: http://localhost:3000  (Bedrock models: http://localhost:3000/bedrock-models)\n    Press Ctrl-C to stop it.\n\n'
fi
wait "${pids[1]}"
