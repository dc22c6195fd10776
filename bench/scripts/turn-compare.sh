#!/usr/bin/env bash
# coturn and Landline side by side, in one run, with the same load generator
# (io.landline.bench.turn.TurnBench): STUN Binding answers/s, ChannelData relaying with
# 200-byte payloads over many allocations (rate, loss, added latency), server CPU time per
# Binding answer and per relayed packet at fixed offered loads (read from /proc), and RSS per
# allocation. Prints one table per figure; raw RESULT lines go to $OUT (default
# ./turn-compare-<time>.txt).
#
# Fairness on a 2-core machine: each server is pinned to CPU $SERVER_CPUS (default 1), one
# at a time, and the generator to CPU $GENERATOR_CPUS (default 0); coturn runs one relay
# thread (COTURN_RELAY_THREADS), Landline its defaults for the one CPU it sees. While a server
# runs, every other movable task, kernel threads included, is kept off its CPU (ISOLATE=1, the
# default, as root; ISOLATE=0 leaves the machine as it is).
#
# Usage: mvn -B -q -DskipTests package && bench/scripts/turn-compare.sh [--quick] [coturn] [landline] [landline:PAUSE]...
#   --quick         short phases (a smoke run of the harness, figures not worth recording)
#   landline:PAUSE  Landline with relay.turn.receive-coalescing set to PAUSE (e.g. 0s, 50us),
#                   labelled landline-PAUSE; plain "landline" runs the shipped default
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)
# shellcheck source=turn-servers.sh
source "$root/bench/scripts/turn-servers.sh"

GENERATOR_CPUS=${GENERATOR_CPUS:-0}
RATES=${RATES-"20000 50000"}
LADDER=${LADDER-"80000 100000"}
BINDING_RATES=${BINDING_RATES-"20000 50000"}
RELAY_ALLOCATIONS=${RELAY_ALLOCATIONS:-1000}
MEMORY_ALLOCATIONS=${MEMORY_ALLOCATIONS:-6000}
WARMUP=${WARMUP:-5s}
DURATION=${DURATION:-10s}
servers=()
for arg in "$@"; do
  case $arg in
    --quick) WARMUP=1s DURATION=2s RATES=20000 LADDER= BINDING_RATES=20000 RELAY_ALLOCATIONS=100 MEMORY_ALLOCATIONS=500 ;;
    coturn | landline | landline:*) servers+=("$arg") ;;
    *) echo "usage: $0 [--quick] [coturn] [landline] [landline:PAUSE]..." >&2; exit 2 ;;
  esac
done
((${#servers[@]})) || servers=(coturn landline)

[[ -d $root/bench/target/classes/io/landline/bench/turn && -f $root/appliance/target/landline.jar ]] ||
  { echo "build first: (cd $root && mvn -B -q -DskipTests package)" >&2; exit 1; }
OUT=${OUT:-$PWD/turn-compare-$(date +%Y%m%d-%H%M%S).txt}
work=$(mktemp -d)
trap 'stop_server; release_server_cpus; rm -rf "$work"' EXIT

bench() { # bench LABEL COMMAND ARGS...: one generator run against SERVER_PID, RESULT line appended to $OUT
  local label=$1 command=$2
  shift 2
  # The generator's heap: a 1.5 GB young generation, touched up front, so that at its ~13 MB/s of
  # garbage no collection of its own falls into a measured window (with 512 MB, one every 10 s
  # of 12-19 ms, which stalled its receivers for either server).
  taskset -c "$GENERATOR_CPUS" timeout 300 java -XX:+UseParallelGC -Xms2g -Xmx2g -Xmn1536m -XX:+AlwaysPreTouch \
    -cp "$root/appliance/target/landline.jar:$root/bench/target/classes" io.landline.bench.turn.TurnBench "$command" \
    --server "127.0.0.1:$TURN_PORT" --server-pid "$SERVER_PID" --clk-tck "$(getconf CLK_TCK)" --label "$label" "$@" |
    tee -a "$OUT" | grep '^RESULT' || echo "($label $command $*: no result)" >&2
}

idle_cpu() { # idle_cpu LABEL: the server's own CPU use over 5 s without load
  local before after
  before=$(awk '{print $14 + $15}' "/proc/$SERVER_PID/stat")
  sleep 5
  after=$(awk '{print $14 + $15}' "/proc/$SERVER_PID/stat")
  echo "RESULT figure=idle server=$1 cpu_pct=$(awk -v d=$((after - before)) -v t="$(getconf CLK_TCK)" 'BEGIN {printf "%.3f", 100 * d / t / 5}')" | tee -a "$OUT"
}

{
  echo "# turn-compare $(date -u +%FT%TZ) on $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
  echo "# $(java -version 2>&1 | head -1); coturn $(dpkg-query -W -f='${Version}' coturn 2>/dev/null || echo '?')"
  echo "# load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee -a "$OUT"

for server in "${servers[@]}"; do
  mkdir -p "$work/$server"
  echo "== $server" >&2
  isolate_server_cpus
  label=$server
  if [[ $server == landline:* ]]; then
    label=landline-${server#landline:}
    LANDLINE_RELAY_TURN_RECEIVE_COALESCING=${server#landline:} start_landline "$work/$server"
  else
    "start_$server" "$work/$server"
  fi
  [[ $server == landline* && $LANDLINE_MODE == relay-only ]] && label=$label-relay-only
  sleep 1
  idle_cpu "$label"
  # memory first, on a fresh server: later runs grow a JVM's committed heap and hide what allocations retain
  heap=()
  [[ $server == landline* ]] && heap=(--jvm-heap)
  bench "$label" turn-allocations --allocations "$MEMORY_ALLOCATIONS" --steps 3 --hold 5s "${heap[@]}"
  bench "$label" stun-binding --warmup "$WARMUP" --duration "$DURATION"
  for rate in $BINDING_RATES; do
    bench "$label" stun-binding --rate "$rate" --warmup "$WARMUP" --duration "$DURATION"
  done
  for rate in $RATES $LADDER; do
    bench "$label" turn-relay --allocations "$RELAY_ALLOCATIONS" --rate "$rate" --warmup "$WARMUP" --duration "$DURATION"
  done
  stop_server
  release_server_cpus
done

echo "# load average after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT"
echo
"$root/bench/scripts/turn-table.sh" "$OUT"
echo
echo "raw results: $OUT"
