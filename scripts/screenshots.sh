#!/usr/bin/env bash
# Renders docs/screenshots/*.png from the real app: busbar under xvfb-run (installed by
# scripts/install-deps.sh) with a throwaway Local namespace, an entity opened with
# --open-entity, and the window grabbed with --screenshot after a delay. The scenes
# (--screenshot-scene: dead letters, Locked view, repair dialog, jobs panel, sessions) are set
# up by the app itself (app/ScreenshotScenes.cpp) before the grab.
#   scripts/screenshots.sh [build-dir]   (default build/dev; builds the busbar target there)
set -euo pipefail
cd "$(dirname "$0")/.."

build_dir=${1:-build/dev}
if [[ $build_dir == build/dev ]]; then
  scripts/dev-build.sh busbar
fi
binary="$build_dir/bin/busbar"
[[ -x $binary ]] || { echo "screenshots: $binary not found" >&2; exit 1; }
command -v xvfb-run >/dev/null || { echo "screenshots: xvfb-run missing (scripts/install-deps.sh)" >&2; exit 1; }

out=docs/screenshots
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

shoot() { # name, entity, extra options...
  local name=$1 entity=$2
  shift 2
  # A fresh settings file each time: first-run layout, no saved connections.
  XDG_DATA_HOME="$work/data" XDG_CONFIG_HOME="$work/config" QT_QPA_PLATFORM=xcb \
    xvfb-run -a -s "-screen 0 1400x900x24" \
    "$binary" --settings "$work/$name.ini" --local-in-memory --open-entity "$entity" \
    --screenshot "$out/$name.png" --screenshot-delay-ms "${DELAY_MS:-4000}" "$@"
}

shoot explorer-orders orders
shoot explorer-invoices invoices
shoot explorer-subscription events/Subscriptions/eu-orders
shoot dead-letters orders --screenshot-scene dead-letters
shoot locked orders --screenshot-scene locked
shoot repair orders --screenshot-scene repair
shoot jobs orders --screenshot-scene jobs
shoot sessions support-sessions --screenshot-scene sessions
echo "screenshots: saved to $out"
