#!/usr/bin/env bash
# Helpers sourced by idle-connections.sh and delivery.sh: a Landline node and Mosquitto 2.0 on
# loopback with the same TLS material (the node's CA and server certificate), a fleet of
# devices activated through the node's activation API, the load tool, and measurements.
# Ports are apart from every default and from turn-servers.sh, so both benchmarks can share a machine.

PB_HTTPS=${PB_HTTPS:-18444}
PB_MQTT=${PB_MQTT:-15223}
PB_MOSQUITTO=${PB_MOSQUITTO:-28883}
PB_ADMIN=${PB_ADMIN:-19101}
PB_CLUSTER=${PB_CLUSTER:-15711}
PB_BUS=${PB_BUS:-15712}
PB_TURN=${PB_TURN:-23478}
PB_TURN_TLS=${PB_TURN_TLS:-25349}
PB_RELAY_PORTS=${PB_RELAY_PORTS:-40000-40099}
PB_MEDIA_PORTS=${PB_MEDIA_PORTS:-26384-26402}
PB_TEAM=LOADTEAM01
PB_KEY_ID=LOADKEY001
# The node's JVM: G1, a fixed and pre-touched 2 GiB heap, so that RSS grows only by native memory
# (OpenSSL, Netty buffers) and the heap's share is measured as live heap after a full GC.
PB_NODE_JAVA_OPTS=${PB_NODE_JAVA_OPTS:--Xms2g -Xmx2g -XX:+AlwaysPreTouch -XX:+UseG1GC}
# Each load process is one JVM with a small heap; its descriptors (<= 20000) bound its share.
PB_TOOL_JAVA_OPTS=${PB_TOOL_JAVA_OPTS:--Xmx1g -XX:+UseParallelGC}
PB_PIDS=()

pb_require() {
  command -v mosquitto >/dev/null || { echo "mosquitto missing: apt-get install mosquitto (bin/test installs it)" >&2; exit 1; }
  command -v jcmd >/dev/null || { echo "jcmd missing: install a full JDK 17" >&2; exit 1; }
  [[ -f $root/appliance/target/landline.jar && -d $root/bench/target/classes/io/landline/bench/load ]] \
    || { echo "build first: (cd $root && mvn -B -q -DskipTests package)" >&2; exit 1; }
}

# Kills every process this script started (trap EXIT).
pb_cleanup() {
  local pid
  for pid in "${PB_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  sleep 1
  for pid in "${PB_PIDS[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
}

# Execs the load tool: run it as `pb_tool ... &` (the background subshell becomes the JVM, so
# $! is the JVM's pid and killing it stops the tool) or `(pb_tool ...)` in the foreground.
pb_tool() {
  # shellcheck disable=SC2086
  exec java $PB_TOOL_JAVA_OPTS -cp "$root/appliance/target/landline.jar:$root/bench/target/classes" io.landline.bench.load.LoadTool "$@"
}

# pb_start_landline DIR: writes DIR/landline.yaml (open activation at a high rate, one provider
# key, no team rate limit) and starts the node; sets LANDLINE_PID.
pb_start_landline() {
  local dir=$1
  mkdir -p "$dir"
  if [[ ! -f $dir/provider.key ]]; then
    openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$dir/provider.key" 2>/dev/null
    openssl pkey -in "$dir/provider.key" -pubout -out "$dir/provider.pub.pem" 2>/dev/null
  fi
  cat >"$dir/landline.yaml" <<CONF
node:
  data-dir: $dir/var
https:
  host: 127.0.0.1
  port: $PB_HTTPS
gateway:
  mqtt:
    host: 127.0.0.1
    port: $PB_MQTT
  activation:
    rate: 100000/s
    burst: 100000
  providers:
    - team: $PB_TEAM
      key-id: $PB_KEY_ID
      key: $dir/provider.pub.pem
  push:
    team-rate-limit: 0
    max-pending-per-device: 100000
admin:
  port: $PB_ADMIN
cluster:
  port: $PB_CLUSTER
  bus-port: $PB_BUS
  members: [127.0.0.1:$PB_CLUSTER]
relay:
  turn:
    ports: $PB_TURN
    tls-port: $PB_TURN_TLS
    relay-ports: $PB_RELAY_PORTS
    host: 127.0.0.1
    relay-address: 127.0.0.1
  media:
    ports: $PB_MEDIA_PORTS
CONF
  (cd "$dir" && JAVA_OPTS="$PB_NODE_JAVA_OPTS" exec "$root/bin/landline" start --config "$dir/landline.yaml") >"$dir/landline.out" 2>&1 &
  LANDLINE_PID=$!
  PB_PIDS+=("$LANDLINE_PID")
  local deadline=$((SECONDS + 90))
  until curl -sf -o /dev/null "http://127.0.0.1:$PB_ADMIN/health/ready"; do
    kill -0 "$LANDLINE_PID" 2>/dev/null || { echo "landline exited, see $dir/landline.out" >&2; tail -5 "$dir/landline.out" >&2; exit 1; }
    ((SECONDS < deadline)) || { echo "landline not ready in 90 s, see $dir/landline.out" >&2; exit 1; }
    sleep 0.3
  done
  # the launcher execs java, so the pid is the JVM's
}

# pb_start_mosquitto DIR: Mosquitto on PB_MOSQUITTO with the node's CA and server certificate,
# copied where its own user can read them; sets MOSQUITTO_PID.
pb_start_mosquitto() {
  local dir=$1 node=$2
  mkdir -p "$dir/tls"
  cp "$node/var/tls/ca.pem" "$node/var/tls/server.pem" "$node/var/tls/server.key" "$dir/tls/"
  chmod 755 "$dir" "$dir/tls"; chmod 644 "$dir"/tls/*
  cat >"$dir/mosquitto.conf" <<CONF
per_listener_settings false
allow_anonymous true
listener $PB_MOSQUITTO 127.0.0.1
cafile $dir/tls/ca.pem
certfile $dir/tls/server.pem
keyfile $dir/tls/server.key
require_certificate true
use_identity_as_username true
max_inflight_messages 1000
max_keepalive 65535
persistence false
log_dest stdout
log_type error
log_type warning
CONF
  mosquitto -c "$dir/mosquitto.conf" >"$dir/mosquitto.out" 2>&1 &
  MOSQUITTO_PID=$!
  PB_PIDS+=("$MOSQUITTO_PID")
  local deadline=$((SECONDS + 10))
  until ss -Hltn "sport = :$PB_MOSQUITTO" | grep -q .; do
    kill -0 "$MOSQUITTO_PID" 2>/dev/null || { echo "mosquitto exited, see $dir/mosquitto.out" >&2; tail -5 "$dir/mosquitto.out" >&2; exit 1; }
    ((SECONDS < deadline)) || { echo "mosquitto not listening in 10 s" >&2; exit 1; }
    sleep 0.2
  done
}

# pb_fleet DIR N: DIR/fleet.tsv with at least N devices activated through the node (reused
# while the node's CA in DIR/var/tls is the same).
pb_fleet() {
  local dir=$1 n=$2
  if [[ -f $dir/fleet.tsv ]] && (($(wc -l <"$dir/fleet.tsv") >= n)); then return; fi
  (pb_tool activate-fleet --api "https://127.0.0.1:$PB_HTTPS" --ca "$dir/var/tls/ca.pem" -n "$n" --parallel 32 --out "$dir/fleet.tsv")
}

pb_rss_kb() { awk '/^VmRSS/ {print $2}' "/proc/$1/status"; }
# CPU time the process has used (user + system), in milliseconds
pb_cpu_ms() { awk -v hz="$(getconf CLK_TCK)" '{print int(($14 + $15) * 1000 / hz)}' "/proc/$1/stat"; }
pb_slab_kb() { awk '/^Slab:/ {print $2}' /proc/meminfo; }
# TCP socket buffer memory in KiB (sockstat counts pages)
pb_tcp_mem_kb() { awk -v pg="$(getconf PAGESIZE)" '/^TCP:/ {for (i = 1; i < NF; i++) if ($i == "mem") print $(i + 1) * pg / 1024}' /proc/net/sockstat; }
# Java heap in use after a full GC, KiB
pb_live_heap_kb() {
  jcmd "$1" GC.run >/dev/null 2>&1; sleep 0.5; jcmd "$1" GC.run >/dev/null 2>&1
  jcmd "$1" GC.heap_info 2>/dev/null | awk '/garbage-first heap|def new generation|PSYoungGen|ZHeap|Shenandoah/ && /used/ {for (i = 1; i <= NF; i++) if ($i == "used") {v = $(i + 1); sub(/K,?$/, "", v); print v; exit}}'
}
