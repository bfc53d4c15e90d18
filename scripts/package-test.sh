#!/usr/bin/env bash
# Builds the .deb from an existing build directory, installs it with apt like a user would, and
# runs the installed copy: `videostreams --version` and a short headless simulation.
#   scripts/package-test.sh [BUILD_DIR]     (default: build-test/, made by scripts/test.sh)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${1:-$root/build-test}
out_dir=$(mktemp -d)
trap 'rm -rf "$out_dir"' EXIT

(cd "$build_dir" && cpack -G DEB -B "$out_dir" >/dev/null)
deb=$(ls "$out_dir"/videostreams_*.deb)
echo "== installing $(basename "$deb")"
export DEBIAN_FRONTEND=noninteractive
apt-get install -y -qq "$deb" >/dev/null

installed=/usr/bin/videostreams
"$installed" --version
report=$out_dir/report.json
"$installed" simulate /usr/share/videostreams/scenarios/quick.json --duration 600 --quiet --report "$report"
python3 -c "import json,sys; s=json.load(open(sys.argv[1]))['summary']; print('installed simulate: attempts', s['attempts'], 'grants', s['grants'])" "$report"
test -f /usr/share/applications/videostreams.desktop
test -f /usr/share/icons/hicolor/256x256/apps/videostreams.png
echo "== removing the package"
apt-get remove -y -qq videostreams >/dev/null
echo "package test passed"
