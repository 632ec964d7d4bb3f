#!/usr/bin/env bash
# Local single-node Apache Kafka (KRaft, broker+controller in one JVM), without Docker.
#
#   scripts/kafka.sh start     start in the background (no-op if already running), wait until ready
#   scripts/kafka.sh stop      SIGTERM, wait (bounded), then SIGKILL
#   scripts/kafka.sh status    exit 0 if running, 1 if not
#   scripts/kafka.sh restart   stop + start
#   scripts/kafka.sh kill      SIGKILL (fault tests); data is kept, next start recovers
#   scripts/kafka.sh wait      wait until the running broker answers metadata
#   scripts/kafka.sh logs      tail the broker logs
#   scripts/kafka.sh reset     stop and delete the runtime dir (data, logs); next start formats anew
#
# Broker jars: copied from Maven Central by mvn (tools/kafka/pom.xml) into
#   ${KAFKA_CACHE_DIR:-$HOME/.cache/millwright/kafka-<version>}/libs, once.
# Runtime (server.properties, data, logs, pid): ${KAFKA_HOME_DIR:-/tmp/millwright-kafka}.
# Listeners: PLAINTEXT 127.0.0.1:${KAFKA_PORT:-9092}, CONTROLLER 127.0.0.1:${KAFKA_CONTROLLER_PORT:-9093}.
# Env: KAFKA_PORT, KAFKA_CONTROLLER_PORT, KAFKA_START_TIMEOUT (60 s), KAFKA_STOP_TIMEOUT (30 s),
#      KAFKA_HEAP_OPTS, KAFKA_JVM_OPTS, KAFKA_MVN_ARGS (extra mvn options for the one-time fetch),
#      KAFKA_LOG4J_CONF (e.g. a copy of tools/kafka/log4j2.properties at INFO level).
# Needs: java 17+ and mvn on PATH (mvn only while the jar cache is empty), flock, timeout.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_DIR="$(cd "$SCRIPT_DIR/.." && pwd)"
TOOLS_DIR="$REPO_DIR/tools/kafka"
POM="$TOOLS_DIR/pom.xml"
LOG4J_CONF="${KAFKA_LOG4J_CONF:-$TOOLS_DIR/log4j2.properties}"

KAFKA_VERSION="$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$POM" | head -n1)"
[ -n "$KAFKA_VERSION" ] || { echo "kafka.sh: cannot read <kafka.version> from $POM" >&2; exit 2; }

CACHE_DIR="${KAFKA_CACHE_DIR:-${HOME:-/tmp}/.cache/millwright/kafka-$KAFKA_VERSION}"
LIBS_DIR="$CACHE_DIR/libs"
RUN_DIR="${KAFKA_HOME_DIR:-/tmp/millwright-kafka}"
DATA_DIR="$RUN_DIR/data"
LOG_DIR="$RUN_DIR/logs"
PID_FILE="$RUN_DIR/kafka.pid"
PROPS="$RUN_DIR/server.properties"
HOST="127.0.0.1"
PORT="${KAFKA_PORT:-9092}"
CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
START_TIMEOUT="${KAFKA_START_TIMEOUT:-60}"
STOP_TIMEOUT="${KAFKA_STOP_TIMEOUT:-30}"
HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xms256m -Xmx1g}"
# C1-only JIT: ~1 s faster start and less CPU on a 2-core box; plenty for a dev/test broker.
JVM_OPTS="${KAFKA_JVM_OPTS:--XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:TieredStopAtLevel=1 -Djava.awt.headless=true}"

log() { echo "kafka.sh: $*" >&2; }
die() { log "$*"; exit 1; }

# ---------- process helpers ----------

# Prints the broker pid if the pid file names a live kafka.Kafka JVM of ours.
running_pid() {
  [ -f "$PID_FILE" ] || return 1
  local pid
  pid="$(cat "$PID_FILE" 2>/dev/null || true)"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  # Guard against pid reuse: the process must be our broker.
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q "kafka.Kafka $PROPS" || return 1
  # A zombie is not running.
  [ "$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null || echo Z)" != "Z" ] || return 1
  echo "$pid"
}

port_open() { (exec 3<>"/dev/tcp/$HOST/$1") 2>/dev/null; }

# Sends a Metadata v6 request (the version kafkajs 2.2.4 uses) for all topics and checks that the
# answer carries our correlation id and at least one broker: the broker is serving clients.
metadata_ok() {
  # shellcheck disable=SC2016 # the inner script gets host and port as $1 $2
  timeout 5 bash -c '
    exec 3<>"/dev/tcp/$1/$2" || exit 1
    # size=20 | api_key=3 api_version=6 correlation_id=42 client_id="probe" | topics=null(-1) allow_auto_create=false
    printf "\x00\x00\x00\x14\x00\x03\x00\x06\x00\x00\x00\x2a\x00\x05probe\xff\xff\xff\xff\x00" >&3
    read -r -a b < <(head -c 16 <&3 | od -An -v -tu1 | tr -s " \n" "  ")
    [ "${#b[@]}" -eq 16 ] || exit 1
    corr=$(( (b[4]<<24) | (b[5]<<16) | (b[6]<<8) | b[7] ))
    brokers=$(( (b[12]<<24) | (b[13]<<16) | (b[14]<<8) | b[15] ))
    [ "$corr" -eq 42 ] && [ "$brokers" -ge 1 ]
  ' _ "$HOST" "$PORT" 2>/dev/null
}

log_tail() {
  local f
  for f in "$LOG_DIR/kafka.out" "$LOG_DIR/server.log"; do
    if [ -s "$f" ]; then
      echo "----- tail of $f -----" >&2
      tail -n "${1:-40}" "$f" >&2
    fi
  done
}

# Waits until the broker answers metadata; fails early if the JVM dies.
wait_ready() {
  local deadline=$(( SECONDS + START_TIMEOUT ))
  while (( SECONDS < deadline )); do
    if ! running_pid >/dev/null; then
      # Right after the fork the child may not have exec'd java yet (its cmdline is still this
      # script's), so only a process that is gone counts as a failed start. (CI once lost that race
      # on a busy machine and killed a healthy broker.)
      local pid
      pid="$(cat "$PID_FILE" 2>/dev/null || true)"
      if [[ ! "$pid" =~ ^[0-9]+$ ]] || pid_gone "$pid"; then
        log "broker process is not running"
        log_tail
        return 1
      fi
      sleep 0.2
      continue
    fi
    if port_open "$PORT" && metadata_ok; then
      return 0
    fi
    sleep 0.5
  done
  log "broker did not answer metadata on $HOST:$PORT within ${START_TIMEOUT}s"
  log_tail
  return 1
}

# ---------- setup ----------

ensure_jars() {
  local want have=""
  want="$(sha256sum <"$POM" | cut -d' ' -f1)"
  [ -f "$CACHE_DIR/pom.sha256" ] && have="$(cat "$CACHE_DIR/pom.sha256")"
  if [ -d "$LIBS_DIR" ] && [ "$want" = "$have" ] && ls "$LIBS_DIR"/kafka_2.13-"$KAFKA_VERSION".jar >/dev/null 2>&1; then
    return 0
  fi
  command -v mvn >/dev/null || die "mvn not found on PATH (needed once to fetch the Kafka $KAFKA_VERSION jars)"
  log "fetching Kafka $KAFKA_VERSION jars with mvn into $LIBS_DIR"
  mkdir -p "$CACHE_DIR"
  local tmp="$CACHE_DIR/libs.tmp.$$"
  rm -rf "$tmp"
  # shellcheck disable=SC2086 # KAFKA_MVN_ARGS: extra mvn options, split on purpose (e.g. -o, -Dmaven.repo.local=...)
  if ! (cd "$TOOLS_DIR" && mvn -B -q -Dstyle.color=never ${KAFKA_MVN_ARGS:-} -f "$POM" \
          dependency:copy-dependencies -DoutputDirectory="$tmp" >"$CACHE_DIR/mvn.log" 2>&1); then
    rm -rf "$tmp"
    tail -n 40 "$CACHE_DIR/mvn.log" >&2
    die "mvn could not fetch the Kafka jars (log: $CACHE_DIR/mvn.log)"
  fi
  [ -f "$tmp/kafka_2.13-$KAFKA_VERSION.jar" ] || { rm -rf "$tmp"; die "mvn ran but kafka_2.13-$KAFKA_VERSION.jar is missing"; }
  rm -rf "$LIBS_DIR"
  mv "$tmp" "$LIBS_DIR"
  echo "$want" >"$CACHE_DIR/pom.sha256"
}

ensure_java() {
  command -v java >/dev/null || die "java not found on PATH (Java 17+ needed)"
  local v
  v="$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
  [ "${v%%.*}" -ge 17 ] 2>/dev/null || die "Java 17+ needed, found '${v:-unknown}' ($(command -v java))"
}

java_args() { # JVM options, broker classpath and logging config
  # shellcheck disable=SC2206 # word splitting of the option strings is intended
  JAVA_ARGS=($HEAP_OPTS $JVM_OPTS
    -Dkafka.logs.dir="$LOG_DIR" -Dlog4j2.configurationFile="$LOG4J_CONF" -cp "$LIBS_DIR/*")
}
java_run() { java_args; java "${JAVA_ARGS[@]}" "$@"; }

write_props() {
  cat >"$PROPS" <<EOF
# Generated by scripts/kafka.sh on every start; edit the script, not this file.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@$HOST:$CONTROLLER_PORT
listeners=PLAINTEXT://$HOST:$PORT,CONTROLLER://$HOST:$CONTROLLER_PORT
advertised.listeners=PLAINTEXT://$HOST:$PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$DATA_DIR

# topics are created explicitly (admin / migrations); 3 partitions when a client does not say
auto.create.topics.enable=false
delete.topic.enable=true
num.partitions=3
default.replication.factor=1
min.insync.replicas=1

# internal topics on a single node
offsets.topic.replication.factor=1
offsets.topic.num.partitions=10
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=10
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0

# Restart after SIGKILL: the controller refuses the new broker incarnation (DUPLICATE_BROKER_REGISTRATION)
# until the old session times out (default 9 s); a shorter session makes recovery ~5 s faster.
broker.heartbeat.interval.ms=1000
broker.session.timeout.ms=3000

# small retention for a dev/test broker
log.retention.hours=24
log.retention.bytes=104857600
log.segment.bytes=16777216
log.retention.check.interval.ms=60000
EOF
}

ensure_formatted() {
  if [ -f "$DATA_DIR/meta.properties" ]; then
    return 0
  fi
  mkdir -p "$DATA_DIR"
  local id
  id="$(java_run kafka.tools.StorageTool random-uuid 2>>"$LOG_DIR/kafka.out" | tail -n1)"
  [ -n "$id" ] || { log_tail; die "StorageTool random-uuid failed"; }
  echo "$id" >"$RUN_DIR/cluster.id"
  log "formatting KRaft storage in $DATA_DIR (cluster id $id)"
  java_run kafka.tools.StorageTool format -t "$id" -c "$PROPS" >>"$LOG_DIR/kafka.out" 2>&1 \
    || { log_tail; die "StorageTool format failed"; }
}

# ---------- commands ----------

cmd_status() {
  local pid
  if pid="$(running_pid)"; then
    echo "kafka running (pid $pid) on $HOST:$PORT"
    return 0
  fi
  echo "kafka not running"
  return 1
}

cmd_start() {
  mkdir -p "$RUN_DIR" "$LOG_DIR"
  # Serialise concurrent start/stop calls.
  exec 9>"$RUN_DIR/kafka.lock"
  flock -w $(( START_TIMEOUT + 120 )) 9 || die "could not lock $RUN_DIR/kafka.lock"

  if running_pid >/dev/null; then
    wait_ready || exit 1
    echo "kafka up on $HOST:$PORT"
    return 0
  fi
  rm -f "$PID_FILE"
  local _
  for _ in $(seq 1 20); do # a broker killed a moment ago may still hold the ports briefly
    port_open "$PORT" || port_open "$CONTROLLER_PORT" || break
    sleep 0.5
  done
  if port_open "$PORT" || port_open "$CONTROLLER_PORT"; then
    die "port $PORT or $CONTROLLER_PORT on $HOST is already in use by another process (not started by this script with KAFKA_HOME_DIR=$RUN_DIR)"
  fi

  ensure_java
  ensure_jars
  write_props
  ensure_formatted

  {
    echo "===== $(date -u +%FT%TZ) start Kafka $KAFKA_VERSION ====="
  } >>"$LOG_DIR/kafka.out"
  # setsid: own session, so a Ctrl-C or the end of the calling shell does not take the broker down.
  # 9>&-: the broker must not inherit (and so hold) the lock.
  java_args
  nohup setsid java "${JAVA_ARGS[@]}" kafka.Kafka "$PROPS" </dev/null >>"$LOG_DIR/kafka.out" 2>&1 9>&- &
  echo $! >"$PID_FILE"

  if ! wait_ready; then
    local pid
    pid="$(cat "$PID_FILE")"
    kill -9 "$pid" 2>/dev/null || true
    rm -f "$PID_FILE"
    die "start failed"
  fi
  echo "kafka up on $HOST:$PORT"
}

cmd_wait() {
  running_pid >/dev/null || die "kafka not running"
  wait_ready || exit 1
  echo "kafka up on $HOST:$PORT"
}

# True once the process has fully exited (gone, or a zombie: its sockets are closed by then).
# Not "running_pid fails": /proc/PID/cmdline empties before an exiting process closes its sockets.
pid_gone() {
  local st
  st="$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null || true)"
  [ -z "$st" ] || [ "$st" = "Z" ]
}

wait_gone() { # pid seconds
  local deadline=$(( SECONDS + $2 ))
  while (( SECONDS < deadline )); do
    pid_gone "$1" && return 0
    sleep 0.2
  done
  return 1
}

cmd_stop() {
  mkdir -p "$RUN_DIR"
  exec 9>"$RUN_DIR/kafka.lock"
  flock -w $(( STOP_TIMEOUT + 120 )) 9 || die "could not lock $RUN_DIR/kafka.lock"
  local pid
  if ! pid="$(running_pid)"; then
    rm -f "$PID_FILE"
    echo "kafka not running"
    return 0
  fi
  kill -TERM "$pid" 2>/dev/null || true
  if ! wait_gone "$pid" "$STOP_TIMEOUT"; then
    log "no exit after ${STOP_TIMEOUT}s on SIGTERM, sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    wait_gone "$pid" 10 || die "pid $pid survived SIGKILL"
  fi
  rm -f "$PID_FILE"
  echo "kafka stopped"
}

cmd_kill() {
  local pid
  if ! pid="$(running_pid)"; then
    echo "kafka not running"
    return 0
  fi
  kill -KILL "$pid" 2>/dev/null || true
  wait_gone "$pid" 10 || die "pid $pid survived SIGKILL"
  rm -f "$PID_FILE"
  echo "kafka killed (SIGKILL, pid $pid); data kept in $DATA_DIR"
}

cmd_logs() {
  log_tail "${1:-100}" 2>&1
}

cmd_reset() {
  cmd_stop
  rm -rf "$RUN_DIR"
  echo "removed $RUN_DIR"
}

case "${1:-}" in
  start)   cmd_start ;;
  stop)    cmd_stop ;;
  status)  cmd_status ;;
  restart) cmd_stop; cmd_start ;;
  kill)    cmd_kill ;;
  wait)    cmd_wait ;;
  logs)    shift; cmd_logs "$@" ;;
  reset)   cmd_reset ;;
  *) echo "usage: $0 start|stop|status|restart|kill|wait|logs [n]|reset" >&2; exit 2 ;;
esac
