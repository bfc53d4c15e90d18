#!/usr/bin/env bash
# Quick start: installs what is missing, builds, and starts VideoStreams.
#   scripts/run.sh              the desktop app; without a display, `serve` on 127.0.0.1:8080
#   scripts/run.sh ARGS...      videostreams ARGS... (e.g. `serve --limit 2`, `simulate FILE`)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

"$root/scripts/install-deps.sh"
"$root/scripts/build.sh" -DVS_BUILD_TESTS=OFF -DVS_BUILD_BENCHMARKS=OFF

binary=$root/build/app/videostreams
if [ $# -eq 0 ] && [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
    echo "run.sh: no display found; starting the HTTP service instead (Ctrl+C stops it)" >&2
    exec "$binary" serve
fi
exec "$binary" "$@"
