#!/bin/sh
# Rebuilds the desktop app and re-takes the README screenshots (docs/screenshots/*.png) offscreen.
# Usage: scripts/screenshots.sh [BUILD_DIR]   (default: build-screenshots beside the sources)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build-screenshots}
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" --target ui_screenshots -j"${JOBS:-2}"
QT_QPA_PLATFORM=offscreen "$build/benchmarks/ui/ui_screenshots" "$root/docs/screenshots"
