#!/usr/bin/env bash
# Builds targets in build/dev, serialised with a lock so several people (or agents) sharing
# one work tree never run two ninja processes in the same build folder at once.
#   scripts/dev-build.sh [target...]
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p build
exec 9>build/.dev-build.lock
flock 9
[[ -f build/dev/build.ninja ]] || cmake --preset dev >/dev/null
if (($# == 0)); then
  cmake --build build/dev -j2
else
  cmake --build build/dev -j2 --target "$@"
fi
