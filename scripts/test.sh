#!/usr/bin/env bash
# Quick start: installs what is missing, builds with warnings as errors and runs every test,
# then builds again with AddressSanitizer + UndefinedBehaviorSanitizer and runs every test again.
#   scripts/test.sh             both passes (what CI runs)
#   VS_SKIP_SANITIZERS=1 scripts/test.sh   the first pass only, for a quicker local loop
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
jobs=$(nproc)

"$root/scripts/install-deps.sh"

run_suite() {
    local build_dir=$1
    shift
    echo "== building $build_dir ($*)"
    BUILD_DIR=$build_dir "$root/scripts/build.sh" -DVS_WARNINGS_AS_ERRORS=ON "$@"
    echo "== testing $build_dir"
    ctest --test-dir "$build_dir" --output-on-failure --no-tests=error -j "$jobs"
}

run_suite "$root/build-test" -DVS_SANITIZE=OFF -DVS_BUILD_BENCHMARKS=ON

if [ "${VS_SKIP_SANITIZERS:-0}" != 1 ]; then
    # Leak checking stays off: Qt's platform plugins and fontconfig keep process-lifetime
    # allocations that LeakSanitizer reports as leaks in every GUI test. Address and undefined
    # behaviour checks are on and abort the test at the first finding.
    export ASAN_OPTIONS=detect_leaks=0:abort_on_error=1:strict_string_checks=1
    export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
    run_suite "$root/build-asan" -DVS_SANITIZE=ON -DVS_BUILD_BENCHMARKS=OFF
fi
