#!/usr/bin/env bash
# Configures and builds VideoStreams into BUILD_DIR (default: build/). Extra arguments go to CMake.
#   scripts/build.sh [-DVS_SANITIZE=ON ...]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${BUILD_DIR:-$root/build}

cmake -S "$root" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
cmake --build "$build_dir" -j "$(nproc)"
