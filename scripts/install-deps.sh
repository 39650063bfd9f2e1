#!/usr/bin/env bash
# Installs, idempotently, every Debian package Busbar's build, tests and screenshots need.
# Packages already present are skipped, so a second run costs one dpkg query.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config git
  qt6-base-dev qt6-base-dev-tools qt6-websockets-dev qt6-httpserver-dev
  qt6-charts-dev qt6-svg-dev qtkeychain-qt6-dev libqt6sql6-sqlite
  libqpid-proton-cpp12-dev libqpid-proton11-dev
  libxkbcommon-dev libvulkan-dev libgl-dev
  libssl-dev openssl libsqlite3-dev
  xvfb xauth
  nodejs npm
  clang-format
)

missing=()
for pkg in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    # node from another source (for example nodesource or a version manager) also counts.
    if [[ "$pkg" == nodejs || "$pkg" == npm ]] && command -v "${pkg/nodejs/node}" >/dev/null 2>&1; then
      continue
    fi
    missing+=("$pkg")
  fi
done

if ((${#missing[@]} == 0)); then
  echo "install-deps: all packages present"
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
if [[ $(id -u) -ne 0 ]]; then
  sudo=sudo
else
  sudo=
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
