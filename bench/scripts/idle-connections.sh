#!/usr/bin/env bash
# Idle device connections: Landline's MQTT endpoint beside Mosquitto 2.0, the same fleet and
# load tool, in one run. For each server and each N: N TLS MQTT 5 connections with client
# certificates, each subscribed to push/# (Mosquitto: dev/<token>), from several 127.0.0.x
# source addresses, spread over processes of at most PER_PROC connections; then RSS, live heap
# (Landline), kernel slab and TCP buffer memory per connection, and handshakes/s.
# Usage: bench/scripts/idle-connections.sh [N ...]   (default 5000 10000 19500; RESULT lines and a table on stdout)
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)
# shellcheck source=push-servers.sh
source "$root/bench/scripts/push-servers.sh"
counts=("$@"); ((${#counts[@]})) || counts=(5000 10000 19500)
PER_PROC=${PER_PROC:-5000}
work=${WORK:-$root/bench/target/push-bench}
mkdir -p "$work"
pb_require
trap pb_cleanup EXIT
trap 'exit 130' INT TERM
echo "# $(date -u +%FT%TZ) $(uptime)"

declare -A BASE=()
max=0; for n in "${counts[@]}"; do ((n > max)) && max=$n; done
pb_start_landline "$work/landline"
pb_fleet "$work/landline" "$max"
pb_start_mosquitto "$work/mosquitto" "$work/landline"

# hold SERVER PORT PID N: connect N devices, measure, disconnect
hold() {
  local server=$1 port=$2 pid=$3 n=$4 filter=push/# procs from=0 i
  [[ $server == mosquitto ]] && filter='dev/%t'
  procs=$(((n + PER_PROC - 1) / PER_PROC))
  # Per-connection figures are against the server's fresh state, measured once before its first
  # round: memory a round's connections used stays with the process (allocator arenas, slab
  # caches) after they close, so a later round's own baseline would understate the cost.
  local heap0 rss0 slab0 tcp0 heap1=0
  if [[ -z ${BASE[$server]:-} ]]; then
    heap0=0; [[ $server == landline ]] && heap0=$(pb_live_heap_kb "$pid")
    sleep 1
    BASE[$server]="$heap0 $(pb_rss_kb "$pid") $(pb_slab_kb) $(pb_tcp_mem_kb)"
  fi
  read -r heap0 rss0 slab0 tcp0 <<<"${BASE[$server]}"
  local outs=() round=() cpu0; cpu0=$(pb_cpu_ms "$pid")
  for ((i = 0; i < procs; i++)); do
    local count=$((n / procs + (i < n % procs ? 1 : 0)))
    local sources; sources=$(seq -s, -f "127.0.$((i + 1)).%g" 1 8)
    : >"$work/idle-$server-$n-$i.out"   # truncated here, not in the child, so no earlier run's HOLDING is read
    pb_tool idle --server "127.0.0.1:$port" --ca "$work/landline/var/tls/ca.pem" --fleet "$work/landline/fleet.tsv" \
      --from "$from" --count "$count" --sources "$sources" --filter "$filter" --in-flight 64 --threads 1 --hold 600 \
      >"$work/idle-$server-$n-$i.out" 2>&1 &
    PB_PIDS+=("$!"); round+=("$!"); outs+=("$work/idle-$server-$n-$i.out"); from=$((from + count))
  done
  local deadline=$((SECONDS + 240)) f
  for f in "${outs[@]}"; do
    until grep -q HOLDING "$f" 2>/dev/null; do
      ((SECONDS < deadline)) || { echo "clients not connected in 240 s: $f" >&2; tail -3 "$f" >&2; return 1; }
      sleep 0.5
    done
  done
  # Server CPU per handshake: a share-independent cost, where handshakes/s depends on what else runs.
  local cpu_ms=$(($(pb_cpu_ms "$pid") - cpu0))
  sleep 3
  local rss1 slab1 tcp1; rss1=$(pb_rss_kb "$pid"); slab1=$(pb_slab_kb); tcp1=$(pb_tcp_mem_kb)
  [[ $server == landline ]] && heap1=$(pb_live_heap_kb "$pid")
  local connected seconds
  connected=$(cat "${outs[@]}" | sed -n 's/.*connected=\([0-9]*\) .*/\1/p' | paste -sd+ | bc)
  seconds=$(cat "${outs[@]}" | sed -n 's/.*seconds=\([0-9.]*\) .*/\1/p' | sort -g | tail -1)
  printf 'RESULT server=%s n=%d connected=%d processes=%d seconds=%s handshakes_per_s=%.0f rss_kb_per_conn=%.2f heap_kb_per_conn=%s slab_kb_per_conn=%.2f tcp_mem_kb_per_conn=%.2f rss_mb=%d heap_mb=%d cpu_ms_per_handshake=%.2f\n' \
    "$server" "$n" "$connected" "$procs" "$seconds" "$(bc -l <<<"$connected / $seconds")" "$(bc -l <<<"($rss1 - $rss0) / $n")" \
    "$([[ $server == landline ]] && printf '%.2f' "$(bc -l <<<"($heap1 - $heap0) / $n")" || echo -)" \
    "$(bc -l <<<"($slab1 - $slab0) / $n")" "$(bc -l <<<"($tcp1 - $tcp0) / $n")" $((rss1 / 1024)) $((heap1 / 1024)) "$(bc -l <<<"$cpu_ms / $n")" | tee -a "$work/idle-results.txt"
  grep -h failures= "${outs[@]}" | grep -v 'failed=0 ' >&2 || true
  # stop this round's clients and wait until the server has let the connections go
  local p; for p in "${round[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${round[@]}"; do wait "$p" 2>/dev/null || true; done
  deadline=$((SECONDS + 60))
  while (($(ss -Htn state established "sport = :$port" | wc -l) > 0)) && ((SECONDS < deadline)); do sleep 0.5; done
  sleep 2
}

: >"$work/idle-results.txt"
for n in "${counts[@]}"; do
  hold landline "$PB_MQTT" "$LANDLINE_PID" "$n"
  hold mosquitto "$PB_MOSQUITTO" "$MOSQUITTO_PID" "$n"
done
echo "# $(date -u +%FT%TZ) $(uptime)"
echo
echo "| server | N | handshakes/s | server CPU ms/handshake | RSS KB/conn | live heap KB/conn | kernel slab KB/conn | TCP buffers KB/conn | server RSS MB | live heap MB |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
sed -n 's/^RESULT //p' "$work/idle-results.txt" | while read -r line; do
  declare -A r=(); for kv in $line; do r[${kv%%=*}]=${kv#*=}; done
  echo "| ${r[server]} | ${r[n]} (${r[connected]} up) | ${r[handshakes_per_s]} | ${r[cpu_ms_per_handshake]} | ${r[rss_kb_per_conn]} | ${r[heap_kb_per_conn]} | ${r[slab_kb_per_conn]} | ${r[tcp_mem_kb_per_conn]} | ${r[rss_mb]} | ${r[heap_mb]} |"
done
