#!/usr/bin/env bash
# Messaging-core benchmark: Busbar's core, @azure/service-bus (7.9.5, from tests/interop) and a
# minimal Proton-C++ client, one after the other against one in-process emulator: peek, receive-
# and-delete and send of BENCH_COUNT messages of BENCH_SIZE bytes, plus Busbar's receive-and-
# delete again with a standing prefetch window of 1000. Prints a table (msgs/s and ratios to
# Busbar) and Busbar's RSS per peeked message, kept and dropped. Release build in build/release.
#
#   bench/core/run.sh
# Environment:
#   BENCH_COUNT   messages per phase (default 100000)
#   BENCH_SIZE    body bytes (default 1024)
#   BENCH_SDK=0   skip the @azure/service-bus run
#   BENCH_PROTON=0 skip the Proton-C++ run
#   BENCH_ROUNDS  run every tool this many times, interleaved, and print medians (default 1;
#                 the SDK's rate moves by up to 1.6x between back-to-back runs)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
count="${BENCH_COUNT:-100000}"
size="${BENCH_SIZE:-1024}"

cd "$root"
mkdir -p build
# One build at a time in build/release (the emulator benchmark builds there too).
exec 9>build/.release-build.lock
flock 9
[[ -f build/release/build.ninja ]] || cmake --preset release >/dev/null
cmake --build build/release -j2 --target bench_core
flock -u 9

args=(--count "$count" --size "$size" --rounds "${BENCH_ROUNDS:-1}")
if [[ "${BENCH_SDK:-1}" == 1 ]]; then
  if [[ ! -d "$root/tests/interop/node_modules/@azure/service-bus" ]]; then
    "$root/scripts/install-node-deps.sh"
  fi
  args+=(--sdk-script "$here/js/sdk-bench.js")
fi
[[ "${BENCH_PROTON:-1}" == 1 ]] || args+=(--no-proton)

echo "command: bench/core/run.sh (BENCH_COUNT=$count BENCH_SIZE=$size BENCH_ROUNDS=${BENCH_ROUNDS:-1})"
echo "machine: $(nproc) cores, $(uname -sr), $(date -u +%Y-%m-%dT%H:%MZ)"
"$root/build/release/bin/bench_core" "${args[@]}"
