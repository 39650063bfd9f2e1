#!/usr/bin/env bash
# Installs what the tests need, builds Busbar with warnings as errors, and runs every test.
# Exits non-zero when any step or any test fails.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
scripts/install-node-deps.sh

cmake --preset ci
cmake --build --preset ci
ctest --preset ci "$@"
