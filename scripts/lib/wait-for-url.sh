# Sourced: wait_for_url URL SECONDS [NAME] waits until URL answers 2xx, or fails.
wait_for_url() {
  local url=$1 seconds=$2 name=${3:-$1}
  for _ in $(seq 1 "$seconds"); do
    if node -e 'fetch(process.argv[1]).then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))' "$url"; then
      return 0
    fi
    sleep 1
  done
  echo "$name did not answer at $url within ${seconds}s" >&2
  return 1
}
