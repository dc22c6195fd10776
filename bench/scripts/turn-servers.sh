#!/usr/bin/env bash
# Helpers sourced by turn-compare.sh: start coturn or Landline in the foreground on loopback
# with a generated configuration, pinned to the server CPUs, and stop them again.
# Every server gets: STUN/TURN on UDP 127.0.0.1:$TURN_PORT, relayed addresses on 127.0.0.1 in
# $RELAY_MIN-$RELAY_MAX, realm "bench", the static user bench:bench-secret, loopback peers
# allowed, no TLS/DTLS listeners, no quotas or rate limits that a benchmark would trip.

TURN_PORT=${TURN_PORT:-13478}
RELAY_MIN=${RELAY_MIN:-50000}
RELAY_MAX=${RELAY_MAX:-65000}
SERVER_CPUS=${SERVER_CPUS:-1}
TURN_USER=bench
TURN_PASSWORD=bench-secret

# start_coturn DIR: writes DIR/turnserver.conf, starts turnserver, sets SERVER_PID.
start_coturn() {
  local dir=$1
  command -v turnserver >/dev/null || { echo "turnserver missing: apt-get install coturn (bin/test installs it)" >&2; return 1; }
  cat >"$dir/turnserver.conf" <<CONF
listening-ip=127.0.0.1
listening-port=$TURN_PORT
relay-ip=127.0.0.1
min-port=$RELAY_MIN
max-port=$RELAY_MAX
no-tls
no-dtls
no-tcp-relay
lt-cred-mech
realm=bench
user=$TURN_USER:$TURN_PASSWORD
allowed-peer-ip=127.0.0.1
allow-loopback-peers
no-cli
relay-threads=${COTURN_RELAY_THREADS:-1}
user-quota=0
total-quota=0
no-software-attribute
log-file=$dir/turnserver.log
simple-log
pidfile=$dir/turnserver.pid
userdb=$dir/turndb
CONF
  taskset -c "$SERVER_CPUS" turnserver -c "$dir/turnserver.conf" >"$dir/turnserver.out" 2>&1 &
  SERVER_PID=$!
  wait_udp_listener "$dir/turnserver.out"
}

# start_landline DIR: writes DIR/landline.yaml, starts `bin/landline start` and sets SERVER_PID.
# A node that comes up without its STUN/TURN listener (the relay not yet wired into the node)
# is stopped and the relay is started alone from the same file (RelayOnlyNode); LANDLINE_MODE
# says which ran.
start_landline() {
  local dir=$1 admin=${LANDLINE_ADMIN:-19100}
  [[ -f $root/appliance/target/landline.jar ]] || { echo "build first: (cd $root && mvn -B -q -DskipTests package)" >&2; return 1; }
  cat >"$dir/landline.yaml" <<CONF
node:
  data-dir: $dir/var
https:
  host: 127.0.0.1
  port: ${LANDLINE_HTTPS:-18443}
admin:
  port: $admin
cluster:
  port: ${LANDLINE_CLUSTER:-15701}
  bus-port: ${LANDLINE_BUS:-15702}
  members: [127.0.0.1:${LANDLINE_CLUSTER:-15701}]
relay:
  turn:
    ports: $TURN_PORT
    tls-port: ${LANDLINE_TURN_TLS:-15349}
    relay-ports: $RELAY_MIN-$RELAY_MAX
    host: 127.0.0.1
    relay-address: 127.0.0.1
    realm: bench
    users: ["$TURN_USER:$TURN_PASSWORD"]
    allowed-peers: [127.0.0.0/8]
    max-allocations: 100000
    user-quota: 100000
    requests-per-second: 0
    allocation-bandwidth: 0
  media:
    ports: ${LANDLINE_MEDIA:-31000-31018}
CONF
  (cd "$dir" && exec taskset -c "$SERVER_CPUS" "$root/bin/landline" start --config "$dir/landline.yaml") >"$dir/landline.out" 2>&1 &
  SERVER_PID=$!
  local deadline=$((SECONDS + 60))
  until curl -sf -o /dev/null "http://127.0.0.1:$admin/health/ready"; do
    kill -0 "$SERVER_PID" 2>/dev/null || { echo "landline exited, see $dir/landline.out" >&2; tail -5 "$dir/landline.out" >&2; return 1; }
    ((SECONDS < deadline)) || { echo "landline not ready in 60 s, see $dir/landline.out" >&2; return 1; }
    sleep 0.2
  done
  LANDLINE_MODE=node
  if ! grep -q "STUN/TURN listening" "$dir/landline.out"; then
    echo "landline start runs no STUN/TURN listener yet: starting the relay alone (RelayOnlyNode)" >&2
    stop_server
    start_relay_only "$dir"
  fi
}

start_relay_only() {
  local dir=$1
  # shellcheck disable=SC2046
  taskset -c "$SERVER_CPUS" java $(landline_jvm_opens) -XX:+UseG1GC -XX:+ExitOnOutOfMemoryError ${JAVA_OPTS:-} \
    -cp "$root/appliance/target/landline.jar:$root/bench/target/classes" io.landline.bench.turn.RelayOnlyNode "$dir/landline.yaml" \
    >"$dir/relay-only.out" 2>&1 &
  SERVER_PID=$!
  LANDLINE_MODE=relay-only
  wait_udp_listener "$dir/relay-only.out"
}

# The JVM flags bin/landline gives a node (Hazelcast's module access), read from the launcher itself.
landline_jvm_opens() {
  sed -n '/^opens=(/,/)/p' "$root/bin/landline" | tr -d '()' | sed 's/^opens=//' | tr -s ' \n' ' '
}

# Waits until a UDP socket listens on TURN_PORT (coturn has no readiness endpoint).
wait_udp_listener() {
  local log=$1 deadline=$((SECONDS + 20))
  until ss -Hlun "sport = :$TURN_PORT" | grep -q .; do
    kill -0 "$SERVER_PID" 2>/dev/null || { echo "server exited, see $log" >&2; tail -5 "$log" >&2; return 1; }
    ((SECONDS < deadline)) || { echo "no UDP listener on $TURN_PORT after 20 s" >&2; return 1; }
    sleep 0.1
  done
}

# isolate_server_cpus: keeps SERVER_CPUS for the server while it runs (ISOLATE=1, the default;
# needs root or CAP_SYS_NICE, else it says so and goes on). Every other task that may move,
# kernel threads included, is moved to the remaining CPUs: on this machine kdamond and
# rcu_preempt ran for 2-4 ms at a time on the server's core (perf sched), and a build or a
# second benchmark would land there too, each stalling whichever server's packet loop as long.
# The per-CPU kernel threads that cannot move (ksoftirqd, kworker, migration) stay.
# release_server_cpus puts every task back on the CPUs it had, and new tasks on all of them.
isolate_server_cpus() {
  [[ ${ISOLATE:-1} == 1 ]] || return 0
  local online others cpu moved=0 task
  online=$(cat /sys/devices/system/cpu/online)
  others=$(cpu_list_minus "$online" "$SERVER_CPUS")
  [[ -n $others ]] || { echo "isolate: no CPU left besides $SERVER_CPUS; not isolating" >&2; return 0; }
  ISOLATION_SAVED=$(mktemp)
  for task in /proc/[0-9]*/task/[0-9]*; do
    cpu=$(taskset -p "${task##*/}" 2>/dev/null | awk '{print $NF}') || continue
    [[ -n $cpu ]] || continue
    echo "${task##*/} $cpu" >>"$ISOLATION_SAVED"
    taskset -pc "$others" "${task##*/}" >/dev/null 2>&1 && moved=$((moved + 1))
  done
  echo "# isolate: $moved tasks moved to CPUs $others, CPU $SERVER_CPUS kept for the server" | tee -a "${OUT:-/dev/null}" >&2
}

release_server_cpus() {
  [[ -n ${ISOLATION_SAVED:-} && -f $ISOLATION_SAVED ]] || return 0
  local online tid mask task
  online=$(cat /sys/devices/system/cpu/online)
  for task in /proc/[0-9]*/task/[0-9]*; do
    taskset -pc "$online" "${task##*/}" >/dev/null 2>&1 || true
  done
  while read -r tid mask; do
    taskset -p "$mask" "$tid" >/dev/null 2>&1 || true
  done <"$ISOLATION_SAVED"
  rm -f "$ISOLATION_SAVED"
  ISOLATION_SAVED=
}

# cpu_list_minus LIST REMOVE: the CPUs of LIST (e.g. 0-3,6) not in REMOVE, as a comma list
cpu_list_minus() {
  expand() { local part; for part in ${1//,/ }; do if [[ $part == *-* ]]; then seq "${part%-*}" "${part#*-}"; else echo "$part"; fi; done; }
  comm -23 <(expand "$1" | sort) <(expand "$2" | sort) | sort -n | paste -sd, -
}

# stop_server: SIGTERM, then SIGKILL after 15 s, of SERVER_PID only.
stop_server() {
  [[ -n ${SERVER_PID:-} ]] || return 0
  kill -TERM "$SERVER_PID" 2>/dev/null || true
  local deadline=$((SECONDS + 15))
  while kill -0 "$SERVER_PID" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.1; done
  kill -KILL "$SERVER_PID" 2>/dev/null || true
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=
}
