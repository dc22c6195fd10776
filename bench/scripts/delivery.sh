#!/usr/bin/env bash
# End-to-end delivery: Landline's provider API (HTTP/2, durable group commit) to subscribed
# devices, beside Mosquitto 2.0's QoS 1 publish to subscribers, the same load tool and fleet,
# in one run. First each server at saturation (offered SATURATE/s, open loop; the delivered
# rate is its throughput), then each at 10%, 50% and 90% of its own saturation rate for p50/p99.
# Usage: bench/scripts/delivery.sh   (env: DEVICES=1000 SECONDS_PER_RUN=10, offered saturation
# rates SATURATE_LANDLINE=20000 and SATURATE_MOSQUITTO=100000: above each server's throughput,
# and no higher, so the load tool's own queue of unsent requests stays bounded; a warm-up run
# of WARM_SECONDS=20 at WARM_RATE=5000 per server first)
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)
# shellcheck source=push-servers.sh
source "$root/bench/scripts/push-servers.sh"
DEVICES=${DEVICES:-1000}
SECONDS_PER_RUN=${SECONDS_PER_RUN:-10}
SATURATE_LANDLINE=${SATURATE_LANDLINE:-20000}
SATURATE_MOSQUITTO=${SATURATE_MOSQUITTO:-100000}
WARM_RATE=${WARM_RATE:-5000}
WARM_SECONDS=${WARM_SECONDS:-20}
work=${WORK:-$root/bench/target/push-bench}
mkdir -p "$work"
pb_require
trap pb_cleanup EXIT
trap 'exit 130' INT TERM
echo "# $(date -u +%FT%TZ) $(uptime)"

pb_start_landline "$work/landline"
pb_fleet "$work/landline" $((DEVICES + 8))
pb_start_mosquitto "$work/mosquitto" "$work/landline"
: >"$work/delivery-results.txt"

# deliver SERVER RATE LABEL [SECONDS]: one open-loop run; prints and records its RESULT line
deliver() {
  local server=$1 rate=$2 label=$3 seconds=${4:-$SECONDS_PER_RUN} out
  local args=(--target "$server" --ca "$work/landline/var/tls/ca.pem" --fleet "$work/landline/fleet.tsv" --devices "$DEVICES"
    --sources "$(seq -s, -f '127.0.9.%g' 1 4)" --rate "$rate" --seconds "$seconds" --drain 15 --threads 2 --connections 4)
  if [[ $server == landline ]]; then
    args+=(--mqtt "127.0.0.1:$PB_MQTT" --api "127.0.0.1:$PB_HTTPS" --key "$work/landline/provider.key" --team "$PB_TEAM" --key-id "$PB_KEY_ID")
  else
    args+=(--mqtt "127.0.0.1:$PB_MOSQUITTO")
  fi
  out=$(timeout $((seconds + 120)) bash -c "$(declare -f pb_tool); PB_TOOL_JAVA_OPTS='$PB_TOOL_JAVA_OPTS'; root='$root'; pb_tool deliver \"\$@\"" _ "${args[@]}" 2>&1 | tail -1)
  echo "RESULT run=$label $out" | tee -a "$work/delivery-results.txt"
}

delivered_rate() { sed -n "s/^RESULT run=$1 .*delivered_per_s=\([0-9]*\).*/\1/p" "$work/delivery-results.txt" | tail -1; }

# A fresh JVM compiles its hot paths for the first tens of seconds (C2 alone took ~16 s of
# CPU here): one warm-up run per server first, not counted, so saturation measures the server.
deliver landline "$WARM_RATE" landline-warm-up "$WARM_SECONDS"
deliver landline "$SATURATE_LANDLINE" landline-saturation
deliver mosquitto "$WARM_RATE" mosquitto-warm-up "$WARM_SECONDS"
deliver mosquitto "$SATURATE_MOSQUITTO" mosquitto-saturation
for server in landline mosquitto; do
  sat=$(delivered_rate "$server-saturation"); sat=${sat:-1000}
  for pct in 10 50 90; do
    deliver "$server" $((sat * pct / 100)) "$server-$pct%"
  done
done
curl -s "http://127.0.0.1:$PB_ADMIN/metrics" | grep -E '^landline_push_(accepted|delivered|expired|dropped|rejected)_total|^landline_push_commit_batch_(count|sum)' >"$work/delivery-metrics.txt" || true
echo "# $(date -u +%FT%TZ) $(uptime)"
echo
echo "| run | offered/s | accepted | delivered | lost | delivered/s | p50 ms | p99 ms | p99.9 ms | max ms |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
sed -n 's/^RESULT //p' "$work/delivery-results.txt" | while read -r line; do
  declare -A r=(); for kv in $line; do [[ $kv == *=* ]] && r[${kv%%=*}]=${kv#*=}; done
  echo "| ${r[run]} | ${r[offered]:-} | ${r[accepted]:-} | ${r[delivered]:-} | ${r[lost]:-} | ${r[delivered_per_s]:-} | ${r[p50]:-} | ${r[p99]:-} | ${r[p999]:-} | ${r[max]:-} |"
done
echo
echo "Landline push counters at the end of the run:"
cat "$work/delivery-metrics.txt"
