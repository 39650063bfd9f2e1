#!/usr/bin/env bash
# Installs the pinned npm packages (Microsoft's @azure/service-bus for the interop tests and
# benchmarks) from their lockfiles. Skips a folder whose node_modules matches its lockfile.
set -euo pipefail
cd "$(dirname "$0")/.."

for dir in tests/interop bench/js; do
  [[ -f "$dir/package-lock.json" ]] || continue
  stamp="$dir/node_modules/.busbar-lock-hash"
  hash=$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)
  if [[ -f "$stamp" && "$(cat "$stamp")" == "$hash" ]]; then
    continue
  fi
  echo "install-node-deps: npm ci in $dir"
  (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
  echo "$hash" > "$stamp"
done
