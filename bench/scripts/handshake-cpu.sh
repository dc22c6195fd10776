#!/usr/bin/env bash
# Server CPU per MQTT/TLS handshake on a warm node: one Landline node started as push-servers.sh
# does (ports 3,000 above the benchmark's, frame pointers kept for perf), then ROUNDS storms of N
# device connections (TLS 1.3, client certificate, CONNECT, SUBSCRIBE push/#) from one load
# process, each round closed before the next. Prints the server's CPU ms per handshake per round
# (user + system from /proc/PID/stat, first connect to last SUBACK), split into thread groups.
# With PERF=R, round R is also sampled with perf (JIT frames named through Compiler.perfmap) and a
# report by DSO and symbol is written to WORK/perf-R.txt. With MOSQUITTO=1 the same rounds run
# against Mosquitto 2.0 afterwards, for the same client's figure (MOSQUITTO=only: Mosquitto alone).
# Usage: bench/scripts/handshake-cpu.sh [N] [ROUNDS]   (default 3000 connections, 3 rounds)
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)
export PB_HTTPS=${PB_HTTPS:-21444} PB_MQTT=${PB_MQTT:-18223} PB_MOSQUITTO=${PB_MOSQUITTO:-31883} PB_ADMIN=${PB_ADMIN:-22101}
export PB_CLUSTER=${PB_CLUSTER:-18711} PB_BUS=${PB_BUS:-18712} PB_TURN=${PB_TURN:-26478} PB_TURN_TLS=${PB_TURN_TLS:-28349}
export PB_RELAY_PORTS=${PB_RELAY_PORTS:-43000-43099} PB_MEDIA_PORTS=${PB_MEDIA_PORTS:-29384-29402}
export PB_NODE_JAVA_OPTS=${PB_NODE_JAVA_OPTS:--Xms2g -Xmx2g -XX:+AlwaysPreTouch -XX:+UseG1GC -XX:+UnlockDiagnosticVMOptions -XX:+PreserveFramePointer -Dio.netty.native.deleteLibAfterLoading=false}
# shellcheck source=push-servers.sh
source "$root/bench/scripts/push-servers.sh"
n=${1:-3000}
rounds=${2:-3}
perf_round=${PERF:-0}
work=${WORK:-$root/bench/target/handshake-bench}
mkdir -p "$work"
pb_require
if ((perf_round > 0)); then
  command -v perf >/dev/null || { echo "perf missing: apt-get install linux-perf" >&2; exit 1; }
fi
trap pb_cleanup EXIT
trap 'exit 130' INT TERM
echo "# $(date -u +%FT%TZ) $(uptime)"

pb_start_landline "$work/landline"
pb_fleet "$work/landline" "$n"
sleep 2

# Per-thread CPU ticks of PID as "name ticks" lines, names cut to their group.
threads() {
  local pid=$1 t s
  for t in /proc/"$pid"/task/*; do
    s=$(cat "$t/stat" 2>/dev/null) || continue
    local name=${s#*(}; name=${name%)*}
    read -r -a f <<<"${s##*) }"
    echo "$(group "$name") $((f[11] + f[12]))"
  done | awk '{t[$1] += $2} END {for (g in t) print g, t[g]}'
}
group() {
  case $1 in
    vert.x-eventloo*) echo event-loops ;;
    vert.x-worker-t*|vert.x-internal*) echo vertx-workers ;;
    C1\ CompilerThre*|C2\ CompilerThre*) echo jit ;;
    G1*|GC\ Thread*|VM\ Thread*|VM\ Periodic*) echo gc-vm ;;
    hz.*) echo hazelcast ;;
    *) echo other ;;
  esac
}

# storm SERVER PORT PID ROUND
storm() {
  local server=$1 port=$2 pid=$3 r=$4 filter=push/# out
  [[ $server == mosquitto ]] && filter='dev/%t'
  out=$work/storm-$server-$r.out
  : >"$out"
  local cpu0 t0; cpu0=$(pb_cpu_ms "$pid"); t0=$(threads "$pid")
  pb_tool idle --server "127.0.0.1:$port" --ca "$work/landline/var/tls/ca.pem" --fleet "$work/landline/fleet.tsv" \
    --from 0 --count "$n" --sources "$(seq -s, -f '127.0.12.%g' 1 8)" --filter "$filter" --in-flight 64 --threads 1 --hold 600 \
    >"$out" 2>&1 &
  local tool=$! perf=
  PB_PIDS+=("$tool")
  if [[ $server == landline ]] && ((r == perf_round)); then
    sleep 1
    perf record -F 1999 -g -p "$pid" -o "$work/perf-$r.data" -- sleep "${PERF_SECONDS:-10}" >/dev/null 2>&1 &
    perf=$!
  fi
  local deadline=$((SECONDS + 240))
  until grep -q HOLDING "$out" 2>/dev/null; do
    ((SECONDS < deadline)) || { echo "clients not connected in 240 s" >&2; tail -3 "$out" >&2; exit 1; }
    sleep 0.2
  done
  local cpu=$(($(pb_cpu_ms "$pid") - cpu0)) t1; t1=$(threads "$pid")
  local line; line=$(grep -h 'connected=' "$out" | tail -1)
  printf 'RESULT server=%s round=%d n=%d cpu_ms_per_handshake=%.3f %s load=%s\n' "$server" "$r" "$n" \
    "$(bc -l <<<"$cpu / $n")" "$line" "$(cut -d' ' -f1 /proc/loadavg)"
  if [[ $server == landline ]]; then
    local hz; hz=$(getconf CLK_TCK)
    join <(sort <<<"$t0") <(sort <<<"$t1") | awk -v n="$n" -v hz="$hz" '{printf "  %-14s %.3f ms/handshake\n", $1, ($3 - $2) * 1000 / hz / n}'
  fi
  if [[ -n $perf ]]; then
    wait "$perf" || true
    jcmd "$pid" Compiler.perfmap >/dev/null
    perf report -i "$work/perf-$r.data" --no-children --sort dso,sym --stdio 2>/dev/null | grep -v '^$' >"$work/perf-$r.txt" || true
    perf script -i "$work/perf-$r.data" -F comm,ip,sym,dso 2>/dev/null | python3 "$root/bench/scripts/perf-split.py" | tee "$work/perf-$r-split.txt"
  fi
  kill "$tool" 2>/dev/null || true
  wait "$tool" 2>/dev/null || true
  deadline=$((SECONDS + 60))
  while (($(ss -Htn state established "sport = :$port" | wc -l) > 0)) && ((SECONDS < deadline)); do sleep 0.5; done
  sleep 2
}

if [[ ${MOSQUITTO:-0} != only ]]; then
  for ((r = 1; r <= rounds; r++)); do storm landline "$PB_MQTT" "$LANDLINE_PID" "$r"; done
fi
if [[ ${MOSQUITTO:-0} != 0 ]]; then
  pb_start_mosquitto "$work/mosquitto" "$work/landline"
  for ((r = 1; r <= rounds; r++)); do storm mosquitto "$PB_MOSQUITTO" "$MOSQUITTO_PID" "$r"; done
fi
echo "# $(date -u +%FT%TZ) $(uptime)"
