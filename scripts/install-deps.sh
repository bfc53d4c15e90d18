#!/usr/bin/env bash
# Installs every Debian 12 package that building, testing and running VideoStreams needs.
# Idempotent: when everything is present it only runs dpkg-query and exits within a second.
set -euo pipefail

packages=(
    build-essential cmake ninja-build git pkg-config clang-format
    qt6-base-dev qt6-base-dev-tools qt6-httpserver-dev qt6-websockets-dev qt6-charts-dev
    qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-translations-l10n
    libqt6opengl6-dev libqt6sql6-sqlite libqt6svg6 qt6-qpa-plugins
    libgl-dev libvulkan-dev libxkbcommon-dev
    libhiredis-dev redis-server redis-tools sqlite3
    wrk curl python3
    clang libclang-rt-14-dev lld
)

missing=()
for package in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
        missing+=("$package")
    fi
done

if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
    sudo=sudo
else
    sudo=
fi

echo "install-deps: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
