#!/usr/bin/env bash
# Makes the .deb from an already built tree (no extra build), installs it with apt like a user
# would, runs the installed copy (`videostreams --version` and a short headless simulation),
# checks the desktop file and icon, and purges the package again so the machine is left clean.
# Installs system-wide: needs root (or sudo). scripts/test.sh runs it on build-test/.
#   scripts/package-test.sh [BUILD_DIR]     (default: build-test/)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${1:-$root/build-test}

if [ ! -f "$build_dir/CPackConfig.cmake" ]; then
    echo "package-test: $build_dir is not a configured build directory (run scripts/test.sh" \
        "or scripts/build.sh first)" >&2
    exit 2
fi
if [ "$(id -u)" -ne 0 ]; then
    sudo=sudo
else
    sudo=
fi
if dpkg-query -W -f='${Status}' videostreams 2>/dev/null | grep -q 'install ok installed'; then
    echo "package-test: a videostreams package is already installed; this test would replace" \
        "and then remove it. Remove it first: apt-get purge videostreams" >&2
    exit 2
fi

out_dir=$(mktemp -d)
installed=0
cleanup() {
    if [ $installed -eq 1 ]; then
        echo "== purging the package"
        DEBIAN_FRONTEND=noninteractive $sudo apt-get -o DPkg::Lock::Timeout=300 purge -y -qq videostreams >/dev/null
    fi
    rm -rf "$out_dir"
}
trap cleanup EXIT

# cpack builds nothing new here: it installs the already built tree into a staging directory,
# strips the binary (CPACK_STRIP_FILES) and runs dpkg-shlibdeps for the Depends line.
echo "== packaging $build_dir"
(cd "$build_dir" && cpack -G DEB -B "$out_dir" >"$out_dir/cpack.log") || {
    cat "$out_dir/cpack.log" >&2
    exit 1
}
deb=$(ls "$out_dir"/videostreams_*.deb)
echo "   $(basename "$deb"): $(du -k "$deb" | cut -f1) KiB"
dpkg-deb --field "$deb" Depends | sed 's/^/   Depends: /'

echo "== installing with apt"
installed=1
DEBIAN_FRONTEND=noninteractive $sudo apt-get -o DPkg::Lock::Timeout=300 install -y -qq "$deb" >/dev/null

binary=/usr/bin/videostreams
version=$("$binary" --version)
echo "   $version"
case "$version" in
*"$(sed -n 's/^set(CPACK_PACKAGE_VERSION "\(.*\)")$/\1/p' "$build_dir/CPackConfig.cmake")"*) ;;
*)
    echo "package-test: the installed binary reports a version other than the package's" >&2
    exit 1
    ;;
esac

report=$out_dir/report.json
(cd "$out_dir" && "$binary" simulate /usr/share/videostreams/scenarios/quick.json \
    --duration 600 --quiet --report "$report")
python3 - "$report" <<'EOF'
import json, sys
summary = json.load(open(sys.argv[1]))["summary"]
if summary["attempts"] <= 0 or summary["grants"] <= 0:
    sys.exit(f"package-test: the installed simulate did nothing: {summary}")
print(f"   installed simulate: {summary['attempts']} attempts, {summary['grants']} grants")
EOF
for file in /usr/share/applications/videostreams.desktop \
    /usr/share/icons/hicolor/256x256/apps/videostreams.png \
    /usr/share/icons/hicolor/scalable/apps/videostreams.svg; do
    if [ ! -f "$file" ]; then
        echo "package-test: the package did not install $file" >&2
        exit 1
    fi
done
echo "package test passed"
