#!/usr/bin/env bash
# Run a command while busy loops keep every CPU core busy: the browser tests must wait for what
# they assert, so they pass on a loaded CI machine too (`make test-browser-load`).
#   scripts/under_load.sh COMMAND...        LOAD_JOBS (default: the number of cores) busy loops,
#                                           each ended after LOAD_SECONDS (default 3600) at the latest
set -euo pipefail
jobs=${LOAD_JOBS:-$(nproc)}
seconds=${LOAD_SECONDS:-3600}
pids=()
stop_load() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap stop_load EXIT
trap 'exit 130' INT TERM
for _ in $(seq "$jobs"); do
  timeout "$seconds" yes >/dev/null &
  pids+=($!)
done
echo "under_load: $jobs busy loop(s) (pids ${pids[*]}) for at most ${seconds} s" >&2
start=$(date +%s)
status=0
"$@" || status=$?
echo "under_load: exit $status after $(( $(date +%s) - start )) s with $jobs busy loop(s)" >&2
exit "$status"
