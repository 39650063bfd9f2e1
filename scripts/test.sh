#!/usr/bin/env bash
# Installs what the tests need, builds Busbar with warnings as errors, and runs every test.
# The fuzz tests also run under AddressSanitizer + UBSan, so a memory error in a parser fails
# the run even when it does not crash. Exits non-zero when any step or any test fails.
#   scripts/test.sh              everything
#   scripts/test.sh -L unit      one label (extra arguments go to ctest; skips the ASan pass)
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
scripts/install-node-deps.sh

if [[ $# -eq 0 ]]; then
  fuzz_targets=(tst_ConnectionStringFuzz tst_SasTokenFuzz tst_SqlFilterFuzz tst_AmqpFuzz)
  cmake --preset asan
  cmake --build --preset asan --target "${fuzz_targets[@]}"
  ctest --preset asan -L fuzz
fi

cmake --preset ci
cmake --build --preset ci
ctest --preset ci "$@"
