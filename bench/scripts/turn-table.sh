#!/usr/bin/env bash
# Renders the RESULT lines of turn-bench runs (stdin or files) as Markdown tables, one per
# figure, servers side by side. Usage: bench/scripts/turn-table.sh results.txt
set -euo pipefail
grep -h '^RESULT ' "$@" | awk '
function v(k) { return (k in f) ? f[k] : "-" }
function r0(x) { return (x == "-" || x == "NaN") ? x : sprintf("%.0f", x) }
function r1(x) { return (x == "-" || x == "NaN") ? x : sprintf("%.1f", x) }
function r2(x) { return (x == "-" || x == "NaN") ? x : sprintf("%.2f", x) }
function r3(x) { return (x == "-" || x == "NaN") ? x : sprintf("%.3f", x) }
{
  delete f
  for (i = 2; i <= NF; i++) { split($i, kv, "="); f[kv[1]] = kv[2] }
  fig = f["figure"]
  if (fig == "stun-binding") {
    stun[++ns] = sprintf("| %s | %s | %s | %s | %s | %s | %s | %s | %s |", f["server"], f["mode"], r0(v("offered")),
      r0(f["answered_per_s"]), r3(v("loss_pct")), r1(f["rtt_p50_us"]), r1(f["rtt_p99_us"]), r2(f["server_cpu_us_per_answer"]), r1(f["server_cpu_pct"]))
  } else if (fig == "turn-relay") {
    relay[++nr] = sprintf("| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |", f["server"], f["allocations"], r0(f["offered"]),
      r0(f["relayed_per_s"]), r3(f["loss_pct"]), r1(f["p50_us"]), r1(f["p99_us"]), r1(f["p999_us"]), r1(v("direct_p99_us")),
      r1(v("added_p99_us")), r2(f["server_cpu_us_per_packet"]), r1(f["server_cpu_pct"]))
  } else if (fig == "idle") {
    idle[++ni] = sprintf("| %s | %s |", f["server"], f["cpu_pct"])
  } else if (fig == "turn-allocations") {
    before = f["rss_before_kib"]; held = f["rss_held_kib"]; n = f["allocations"]
    alloc[++na] = sprintf("| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |", f["server"], n, f["failures"], r0(f["setups_per_s"]),
      r1(before / 1024), r1(held / 1024), r2(f["kib_per_allocation"]), r2(v("kib_per_allocation_marginal")),
      r1((before + 10000 * f["kib_per_allocation"]) / 1024), r2(v("heap_kib_per_allocation")))
  }
}
END {
  if (ni) {
    print "| server | idle CPU % |"
    print "| --- | --- |"
    for (i = 1; i <= ni; i++) print idle[i]
    print ""
  }
  if (ns) {
    print "| server | mode | offered/s | answered/s | loss % | RTT p50 µs | RTT p99 µs | server CPU µs/answer | server CPU % |"
    print "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"
    for (i = 1; i <= ns; i++) print stun[i]
    print ""
  }
  if (nr) {
    print "| server | allocations | offered pkt/s | relayed pkt/s | loss % | p50 µs | p99 µs | p99.9 µs | direct p99 µs | added p99 µs | server CPU µs/pkt | server CPU % |"
    print "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
    for (i = 1; i <= nr; i++) print relay[i]
    print ""
  }
  if (na) {
    print "| server | allocations | failed | setups/s | RSS before MiB | RSS held MiB | RSS KiB/allocation | RSS KiB/allocation (marginal) | projected RSS at 10k MiB | live heap KiB/allocation |"
    print "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
    for (i = 1; i <= na; i++) print alloc[i]
  }
}'
