#!/usr/bin/env bash
# Heap per idle device connection, by class: one Landline node started as push-servers.sh does,
# N idle TLS MQTT 5 connections (client certificates, SUBSCRIBE push/#) from one load process,
# and the class histogram of the node (jcmd GC.class_histogram after two full GCs) before and
# while holding them. Prints live heap and RSS per connection, then each class's growth per
# connection, largest first. The fleet and the node's data stay in WORK between runs, so two
# builds are compared on the same devices.
# With WARMUP=1 a first round of N connections is made and closed before the measured one.
# With MARGINAL=1 a first N connections are made and held, and the measured N are made on top of
# them (other devices of a fleet of 2N): the growth is then what one more connection costs a
# warm node, without the allocator's reuse of memory freed by an earlier round (RSS is steadier).
# With DUMPS=1 it also writes a heap dump before and while holding them and attributes the growth
# of byte[] and String to their first referrers (hprof-referrers.py).
# When the node runs with -XX:NativeMemoryTracking=summary (in PB_NODE_JAVA_OPTS), the RSS growth
# is also split into what the JVM tracks (NMT committed, Java heap aside; "Other" is mostly
# Netty's direct buffers) and the rest, which is native memory malloc'ed outside the JVM
# (BoringSSL, netty-tcnative): the figure that per-connection TLS state shows in.
# Usage: bench/scripts/heap-per-connection.sh [N] [ROWS]   (default 3000 connections, 25 rows)
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)
# shellcheck source=push-servers.sh
source "$root/bench/scripts/push-servers.sh"
n=${1:-3000}
rows=${2:-25}
work=${WORK:-$root/bench/target/heap-bench}
mkdir -p "$work"
pb_require
trap pb_cleanup EXIT
trap 'exit 130' INT TERM
echo "# $(date -u +%FT%TZ) $(uptime)"

pb_start_landline "$work/landline"
pb_fleet "$work/landline" "$(( ${MARGINAL:-0} == 1 ? 2 * n : n ))"
pid=$LANDLINE_PID

histogram() { # FILE: live objects only (two full GCs first; the histogram collects again)
  jcmd "$pid" GC.run >/dev/null; sleep 0.5; jcmd "$pid" GC.run >/dev/null
  jcmd "$pid" GC.class_histogram >"$1"
}
dump() { # FILE: a heap dump of live objects, if DUMPS=1
  if [[ ${DUMPS:-0} == 1 ]]; then rm -f "$1"; jcmd "$pid" GC.heap_dump "$1" >/dev/null; fi
}

# NMT committed KiB: total without the Java heap, and "Other"; "- -" without NMT
nmt() {
  jcmd "$pid" VM.native_memory summary 2>/dev/null | awk '
    function committed(line) { sub(/.*committed=/, "", line); sub(/KB.*/, "", line); return line + 0 }
    /^Total:/ { total = committed($0) } /- *Java Heap \(/ { heap = committed($0) } /- *Other \(/ { other = committed($0) }
    END { if (total) print total - heap, other; else print "- -" }'
}
out=$work/idle.out
hold() { # [FROM] starts the load tool holding N connections and waits until all are up; sets tool
  : >"$out"
  pb_tool idle --server "127.0.0.1:$PB_MQTT" --ca "$work/landline/var/tls/ca.pem" --fleet "$work/landline/fleet.tsv" \
    --from "${1:-0}" --count "$n" --sources "$(seq -s, -f '127.0.9.%g' 1 8)" --filter 'push/#' --in-flight "${IN_FLIGHT:-64}" --threads 1 --hold 600 \
    >"$out" 2>&1 &
  tool=$!
  PB_PIDS+=("$tool")
  local deadline=$((SECONDS + 240))
  until grep -q HOLDING "$out" 2>/dev/null; do
    ((SECONDS < deadline)) || { echo "clients not connected in 240 s" >&2; tail -3 "$out" >&2; exit 1; }
    sleep 0.5
  done
}
if [[ ${WARMUP:-0} == 1 ]]; then
  # One round first, then closed: JIT, code cache, allocator arenas and the node's device caches
  # are warm, so the measured round shows what a connection itself keeps.
  hold
  grep -h 'connected=' "$out" | tail -1
  kill "$tool" 2>/dev/null || true
  deadline=$((SECONDS + 60))
  while (($(ss -Htn state established "( sport = :$PB_MQTT )" | wc -l) > 0)); do
    ((SECONDS < deadline)) || { echo "warm-up connections not closed in 60 s" >&2; exit 1; }
    sleep 0.5
  done
  sleep 2
elif [[ ${MARGINAL:-0} == 1 ]]; then
  hold
  grep -h 'connected=' "$out" | tail -1
  first=$tool
  out=$work/idle-2.out
  sleep 3
fi
sleep 2
heap0=$(pb_live_heap_kb "$pid"); rss0=$(pb_rss_kb "$pid"); read -r nmt0 other0 < <(nmt)
histogram "$work/histogram-0.txt"
dump "$work/heap-0.hprof"
hold "$(( ${MARGINAL:-0} == 1 ? n : 0 ))"
grep -h 'connected=' "$out" | tail -1
sleep 3
rss1=$(pb_rss_kb "$pid"); read -r nmt1 other1 < <(nmt); heap1=$(pb_live_heap_kb "$pid")
histogram "$work/histogram-1.txt"
dump "$work/heap-1.hprof"
kill "$tool" ${first:-} 2>/dev/null || true
printf 'RESULT n=%d heap_kb_per_conn=%.2f rss_kb_per_conn=%.2f\n' "$n" "$(bc -l <<<"($heap1 - $heap0) / $n")" "$(bc -l <<<"($rss1 - $rss0) / $n")"
if [[ $nmt0 != - ]]; then
  printf 'NATIVE n=%d jvm_tracked_kb_per_conn=%.2f other_kb_per_conn=%.2f untracked_kb_per_conn=%.2f\n' "$n" \
    "$(bc -l <<<"($nmt1 - $nmt0) / $n")" "$(bc -l <<<"($other1 - $other0) / $n")" "$(bc -l <<<"(($rss1 - $rss0) - ($nmt1 - $nmt0)) / $n")"
fi
# Histogram rows: "num: instances bytes class [(module)]"; the growth of each class over N.
awk -v n="$n" '
  FNR == 1 { file++ }
  $1 ~ /^[0-9]+:$/ { inst[file, $4] = $2; bytes[file, $4] = $3; names[$4] = 1 }
  END {
    for (c in names) {
      b = (bytes[2, c] - bytes[1, c]) / n; i = (inst[2, c] - inst[1, c]) / n
      if (b >= 1 || b <= -1) printf "%10.1f %8.2f  %s\n", b, i, c
      total += b
    }
    printf "%10.1f %8s  %s\n", total, "", "TOTAL (bytes, instances per connection)"
  }' "$work/histogram-0.txt" "$work/histogram-1.txt" | sort -gr | head -n "$((rows + 1))"
if [[ ${DUMPS:-0} == 1 ]]; then
  echo "# byte[] and String per connection by first referrers"
  python3 "$root/bench/scripts/hprof-referrers.py" "$work/heap-0.hprof" "$work/heap-1.hprof" "$n" "$rows"
fi
