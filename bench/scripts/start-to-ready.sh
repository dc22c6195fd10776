#!/usr/bin/env bash
# Start-to-ready of a development node: wall time from launching `bin/landline start` to
# the first 200 from /health/ready, for a first start (empty data directory: CA,
# certificate and database created) and for a restart (everything reused).
# Usage: bench/scripts/start-to-ready.sh [RUNS]     (needs appliance/target/landline.jar)
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)
runs=${1:-10}
admin=19100
export LANDLINE_HTTPS_PORT=18443 LANDLINE_ADMIN_PORT=$admin LANDLINE_CLUSTER_PORT=15701 \
       LANDLINE_CLUSTER_BUS_PORT=15702 LANDLINE_CLUSTER_MEMBERS=127.0.0.1:15701

now_ms() { date +%s%3N; }

one_start() { # $1 = working directory; prints milliseconds to ready
  local t0 pid ms
  t0=$(now_ms)
  (cd "$1" && exec "$root/bin/landline" start >>"$1/node.log" 2>&1) &
  pid=$!
  until curl -sf -o /dev/null "http://127.0.0.1:$admin/health/ready"; do
    kill -0 "$pid" 2>/dev/null || { echo "node died, see $1/node.log" >&2; exit 1; }
    sleep 0.02
  done
  ms=$(( $(now_ms) - t0 ))
  kill -TERM "$pid"; wait "$pid" || true
  echo "$ms"
}

stats() { sort -n | awk '{a[NR]=$1} END {printf "min %d ms, median %d ms, max %d ms (n=%d)\n", a[1], a[int((NR+1)/2)], a[NR], NR}'; }

first=() restart=()
for ((i = 0; i < runs; i++)); do
  work=$(mktemp -d)
  first+=("$(one_start "$work")")
  restart+=("$(one_start "$work")")
  rm -rf "$work"
done
echo "first start: $(printf '%s\n' "${first[@]}" | stats)"
echo "restart:     $(printf '%s\n' "${restart[@]}" | stats)"
