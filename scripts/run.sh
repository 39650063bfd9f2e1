#!/usr/bin/env bash
# Installs what Busbar needs, builds it, and starts it with the built-in Local namespace
# (options are passed on: scripts/run.sh --no-local, --local-data DIR, --settings FILE).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
cmake --preset release
# The app embeds the emulator (the Local namespace); busbar-emulator is not needed to run it.
cmake --build --preset release --target busbar
exec build/release/bin/busbar "$@"
