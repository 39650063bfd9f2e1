#!/usr/bin/env bash
# busbar-emulator benchmark: send, receive-and-delete and peek-lock+complete of 1 KB messages
# with 1 and 4 clients, durable and in-memory; idle RSS and RSS with 100k stored messages; and
# the same rhea loop against RabbitMQ's AMQP 1.0 plugin as a baseline. Prints a table.
# Everything listens on 127.0.0.1 only and is stopped before the script exits.
#
#   bench/emulator/run.sh
# Environment:
#   BUSBAR_EMULATOR   the emulator binary (default: build/release, else build/dev)
#   BENCH_COUNT       messages per throughput run (default 20000)
#   BENCH_FILL        messages stored for the RSS measurement (default 100000)
#   BENCH_RABBITMQ=0  skip the RabbitMQ baseline (it installs rabbitmq-server when missing)
#   BENCH_EMULATOR=0  skip busbar-emulator (baseline only)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
count="${BENCH_COUNT:-20000}"
fill="${BENCH_FILL:-100000}"
run_rabbit="${BENCH_RABBITMQ:-1}"
run_emulator="${BENCH_EMULATOR:-1}"

emulator="${BUSBAR_EMULATOR:-}"
if [[ -z "$emulator" ]]; then
  for candidate in "$root/build/release/bin/busbar-emulator" "$root/build/dev/bin/busbar-emulator"; do
    if [[ -x "$candidate" ]]; then emulator="$candidate"; break; fi
  done
fi
[[ "$run_emulator" != 1 || -x "$emulator" ]] || { echo "run.sh: no busbar-emulator binary; build it or set BUSBAR_EMULATOR" >&2; exit 1; }

if [[ ! -d "$here/node_modules/rhea" ]]; then
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
fi

work="$(mktemp -d /tmp/busbar-bench.XXXXXX)"
results="$work/results.jsonl"
: > "$results"
emulator_pid=""
rabbit_started=""

cleanup() {
  if [[ -n "$emulator_pid" ]]; then stop_emulator; fi
  if [[ -n "$rabbit_started" ]]; then stop_rabbit; fi
  rm -rf "$work"
}
trap cleanup EXIT
trap "exit 130" INT TERM

rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status"; }

record() { # broker mode extra-json-fields; reads the bench's JSON line on stdin
  local broker="$1" mode="$2" line
  while IFS= read -r line; do
    [[ -n "$line" ]] && echo "{\"broker\":\"$broker\",\"mode\":\"$mode\",${line#\{}" >> "$results"
  done
}

# --- busbar-emulator -----------------------------------------------------------------------
start_emulator() { # mode: durable | in-memory
  local mode="$1" dir="$work/emulator-$1"
  mkdir -p "$dir/data"
  cat > "$dir/Config.json" <<'JSON'
{ "UserConfig": { "Namespaces": [ { "Name": "sbemulatorns",
    "Queues": [ { "Name": "bench", "Properties": { "LockDuration": "PT1M", "MaxDeliveryCount": 10 } } ],
    "Topics": [] } ], "Logging": { "Type": "Console" } } }
JSON
  local args=(--config "$dir/Config.json" --port 0 --admin-port 0 --show-keys)
  if [[ "$mode" == in-memory ]]; then args+=(--in-memory); else args+=(--data "$dir/data"); fi
  "$emulator" "${args[@]}" > "$dir/out.log" 2>&1 &
  emulator_pid=$!
  local line=""
  for _ in $(seq 1 100); do
    line="$(grep -m1 -E '^[[:space:]]*amqp:[[:space:]]*Endpoint=' "$dir/out.log" || true)"
    [[ -n "$line" ]] && break
    kill -0 "$emulator_pid" 2>/dev/null || break
    sleep 0.1
  done
  [[ -n "$line" ]] || { echo "run.sh: emulator did not start:" >&2; cat "$dir/out.log" >&2; exit 1; }
  local cs="${line#*Endpoint=}"
  emu_port="$(sed -E 's#^sb://[^:/;]+:([0-9]+).*#\1#' <<<"$cs")"
  emu_keyname="$(sed -E 's#.*SharedAccessKeyName=([^;]+).*#\1#' <<<"$cs")"
  emu_key="$(sed -E 's#.*SharedAccessKey=([^;]+).*#\1#' <<<"$cs")"
}

stop_emulator() {
  kill -TERM "$emulator_pid" 2>/dev/null || true
  for _ in $(seq 1 50); do kill -0 "$emulator_pid" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$emulator_pid" 2>/dev/null || true
  wait "$emulator_pid" 2>/dev/null || true
  emulator_pid=""
}

bench_emulator() { # scenario clients count
  node "$here/amqp-bench.js" --port "$emu_port" --address bench --sas "$emu_keyname:$emu_key" \
    --scenario "$1" --clients "$2" --count "$3"
}

emulator_modes=(durable in-memory)
[[ "$run_emulator" == 1 ]] || emulator_modes=()
for mode in "${emulator_modes[@]}"; do
  start_emulator "$mode"
  echo "{\"broker\":\"busbar-emulator\",\"mode\":\"$mode\",\"scenario\":\"idle RSS\",\"rss_kb\":$(rss_kb "$emulator_pid")}" >> "$results"
  for clients in 1 4; do
    bench_emulator send "$clients" "$count" | record busbar-emulator "$mode"
    bench_emulator peek-lock "$clients" $((count / 2)) | record busbar-emulator "$mode"
    bench_emulator receive-and-delete "$clients" $((count / 2)) | record busbar-emulator "$mode"
  done
  bench_emulator send 4 "$fill" > /dev/null
  echo "{\"broker\":\"busbar-emulator\",\"mode\":\"$mode\",\"scenario\":\"RSS with $fill stored\",\"rss_kb\":$(rss_kb "$emulator_pid")}" >> "$results"
  stop_emulator
done

# --- RabbitMQ baseline (AMQP 1.0 plugin), a private node on loopback --------------------------
# The scripts in /usr/lib/rabbitmq/bin run as the calling user; the /usr/sbin wrappers would
# switch to the rabbitmq user, which cannot use this script's private temp dir.
rabbit_bin=/usr/lib/rabbitmq/bin
rabbit_node="busbar-bench@localhost"
rabbit_env() {
  env RABBITMQ_NODENAME="$rabbit_node" RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 RABBITMQ_NODE_PORT=5673 \
    RABBITMQ_DIST_PORT=25673 ERL_EPMD_ADDRESS=127.0.0.1 \
    RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}" \
    RABBITMQ_MNESIA_BASE="$work/rabbit/mnesia" RABBITMQ_LOG_BASE="$work/rabbit/log" \
    RABBITMQ_ENABLED_PLUGINS_FILE="$work/rabbit/enabled_plugins" "$@"
}
stop_rabbit() {
  rabbit_env "$rabbit_bin/rabbitmqctl" -n "$rabbit_node" stop > /dev/null 2>&1 || true
  wait "$rabbit_pid" 2>/dev/null || true
  # epmd is started by the first Erlang node; stop it only when this script started it.
  if [[ -z "$epmd_before" ]]; then
    local epmd_pid
    epmd_pid="$(pgrep -x epmd || true)"
    [[ -n "$epmd_pid" ]] && kill "$epmd_pid" 2>/dev/null || true
  fi
  rabbit_started=""
}
bench_rabbit() { # scenario clients count [--durable]
  node "$here/amqp-bench.js" --port 5673 --address /queue/bench --user guest --password guest \
    --scenario "$1" --clients "$2" --count "$3" "${@:4}"
}

if [[ "$run_rabbit" == 1 ]]; then
  if [[ ! -x "$rabbit_bin/rabbitmq-server" ]]; then
    echo "run.sh: installing rabbitmq-server for the baseline" >&2
    if ! apt-get install -y -q rabbitmq-server > "$work/apt.log" 2>&1; then
      apt-get update -q > /dev/null 2>&1 || true # stale package lists are the usual cause
      apt-get install -y -q rabbitmq-server > "$work/apt.log" 2>&1 || { cat "$work/apt.log" >&2; exit 1; }
    fi
    # The package may start its own node; this script runs a private one on loopback instead.
    service rabbitmq-server stop > /dev/null 2>&1 || true
  fi
  epmd_before="$(pgrep -x epmd || true)"
  mkdir -p "$work/rabbit"
  rabbit_env "$rabbit_bin/rabbitmq-plugins" --offline enable rabbitmq_amqp1_0 > /dev/null
  rabbit_env "$rabbit_bin/rabbitmq-server" > "$work/rabbit/server.log" 2>&1 &
  rabbit_pid=$!
  rabbit_started=1
  for _ in $(seq 1 60); do
    rabbit_env "$rabbit_bin/rabbitmqctl" -n "$rabbit_node" await_startup --timeout 60 > /dev/null 2>&1 && break
    kill -0 "$rabbit_pid" 2>/dev/null || { cat "$work/rabbit/server.log" >&2; exit 1; }
    sleep 1
  done
  beam_pid="$(rabbit_env "$rabbit_bin/rabbitmqctl" -n "$rabbit_node" eval 'os:getpid().' 2>/dev/null | tr -dc 0-9)"
  echo "{\"broker\":\"rabbitmq\",\"mode\":\"-\",\"scenario\":\"idle RSS (beam)\",\"rss_kb\":$(rss_kb "$beam_pid")}" >> "$results"
  for mode in durable in-memory; do
    flags=()
    [[ "$mode" == durable ]] && flags=(--durable)
    for clients in 1 4; do
      bench_rabbit send "$clients" "$count" "${flags[@]}" | record rabbitmq "$mode"
      bench_rabbit peek-lock "$clients" $((count / 2)) | record rabbitmq "$mode"
      bench_rabbit receive-and-delete "$clients" $((count / 2)) | record rabbitmq "$mode"
    done
  done
  bench_rabbit send 4 "$fill" --durable > /dev/null
  echo "{\"broker\":\"rabbitmq\",\"mode\":\"durable\",\"scenario\":\"RSS with $fill stored (beam)\",\"rss_kb\":$(rss_kb "$beam_pid")}" >> "$results"
  stop_rabbit
fi

node "$here/print-table.js" "$results"
