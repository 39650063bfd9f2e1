#!/usr/bin/env bash
# Installs what Busbar needs, builds it, and starts it.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
cmake --preset release
cmake --build --preset release --target busbar busbar-emulator 2>/dev/null \
  || cmake --build --preset release --target busbar
exec build/release/bin/busbar "$@"
