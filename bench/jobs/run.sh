#!/usr/bin/env bash
# Dead-letter repair benchmark: Busbar's ResubmitJob and PurgeJob beside the @azure/service-bus
# scripts a user would write (js/sdk-jobs-bench.js, the SDK 7.9.5 from tests/interop), one after
# the other against one in-process emulator: replay BENCH_REPLAY dead letters, purge BENCH_PURGE
# messages, BENCH_SIZE-byte bodies. Prints a table (msgs/s, ratios to the SDK scripts, the
# longest stall of the thread that owns Busbar's jobs). Release build in build/release.
#
#   bench/jobs/run.sh
# Environment:
#   BENCH_REPLAY  dead letters to replay (default 10000)
#   BENCH_PURGE   messages to purge (default 100000)
#   BENCH_SIZE    body bytes (default 1024)
#   BENCH_SDK=0   skip the @azure/service-bus runs
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
replay="${BENCH_REPLAY:-10000}"
purge="${BENCH_PURGE:-100000}"
size="${BENCH_SIZE:-1024}"

cd "$root"
mkdir -p build
# One build at a time in build/release (the other benchmarks build there too).
exec 9>build/.release-build.lock
flock 9
[[ -f build/release/build.ninja ]] || cmake --preset release >/dev/null
cmake --build build/release -j2 --target bench_jobs
flock -u 9

args=(--replay "$replay" --purge "$purge" --size "$size")
if [[ "${BENCH_SDK:-1}" == 1 ]]; then
  if [[ ! -d "$root/tests/interop/node_modules/@azure/service-bus" ]]; then
    "$root/scripts/install-node-deps.sh"
  fi
  args+=(--sdk-script "$here/js/sdk-jobs-bench.js")
fi

echo "command: bench/jobs/run.sh (BENCH_REPLAY=$replay BENCH_PURGE=$purge BENCH_SIZE=$size)"
echo "machine: $(nproc) cores, $(uname -sr), $(date -u +%Y-%m-%dT%H:%MZ)"
# The messaging core logs every link it attaches: not what this table is about.
QT_LOGGING_RULES="${QT_LOGGING_RULES:-busbar.*.debug=false;busbar.*.info=false}" \
  "$root/build/release/bin/bench_jobs" "${args[@]}"
