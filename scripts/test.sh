#!/usr/bin/env bash
# Quick start: installs what is missing and runs every check CI runs, in this order:
#   1. translations: translations/*.ts are up to date with the sources and complete
#   2. build-test/: warnings as errors, benchmarks too; every test
#   2b. build-portable/: the limiter and its tests with __SSE2__ undefined, so that the portable
#      twins of its SIMD code (what arm64 and other CPUs run) are tested too
#   3. the .deb made from build-test/: installed with apt, run, removed again (root or sudo)
#   4. the libFuzzer harnesses (clang, build-fuzz/), FUZZ_SECONDS each, all four at once
#   5. build-asan/: AddressSanitizer (with LeakSanitizer) + UndefinedBehaviorSanitizer; every test
#      again
# It ends with the wall and CPU time of each phase.
#   scripts/test.sh                          everything (what CI runs)
#   VS_SKIP_SANITIZERS=1 scripts/test.sh     phases 1-3 only (no fuzzing), for a quicker local loop
#   VS_SKIP_PACKAGE=1 scripts/test.sh        without phase 3 (it installs a package system-wide)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
jobs=$(nproc)

summary=()
current_phase=
# Runs "$@" as the phase NAME and records its wall time and the CPU time of everything it ran;
# CPU time is the fairer number on a shared machine.
phase() {
    local name=$1
    shift
    echo "== $name"
    current_phase=$name
    local start=$SECONDS before after
    read_cpu
    before=$cpu_now
    "$@"
    current_phase=
    read_cpu
    after=$cpu_now
    summary+=("$(awk -v name="$name" -v wall=$((SECONDS - start)) -v cpu="$after" -v was="$before" \
        'BEGIN { printf "%-14s %5d s wall %7.1f s cpu", name, wall, cpu - was }')")
}
times_file=$(mktemp)
# Sets cpu_now to the user+system seconds of this shell and its finished children. `times` must
# run in this shell, not in a $(...) or pipe subshell, which has no children of its own.
cpu_now=0
read_cpu() {
    times >"$times_file"
    cpu_now=$(awk 'NR == 2 { for (i = 1; i <= 2; ++i) { split($i, t, /m|s/); s += t[1] * 60 + t[2] } print s }' \
        "$times_file")
}
print_summary() {
    echo "== phase times (wall, user+sys CPU)"
    printf '   %s\n' "${summary[@]}"
    echo "   total          $SECONDS s wall"
    if [ -n "$current_phase" ]; then
        echo "== FAILED in phase $current_phase"
    fi
}
trap 'status=$?; [ ${#summary[@]} -gt 0 ] && print_summary; rm -f "$times_file"; exit $status' EXIT

build() {
    local build_dir=$1
    shift
    BUILD_DIR=$build_dir "$root/scripts/build.sh" -DVS_WARNINGS_AS_ERRORS=ON "$@"
}
run_tests() {
    # Slow tests start first (their COST, tests/CMakeLists.txt); a hung test fails at its TIMEOUT.
    ctest --test-dir "$1" --output-on-failure --no-tests=error -j "$jobs"
}
# IdRules, AsciiChunk and StreamId take SSE2 paths on every x86-64 CPU, so their portable twins
# would otherwise never run here. Only the limiter and its tests are built (about 30 s).
test_portable_limiter() {
    local dir=$root/build-portable
    cmake -S "$root" -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DVS_WARNINGS_AS_ERRORS=ON \
        -DVS_SANITIZE=OFF -DVS_BUILD_GUI=OFF -DVS_BUILD_BENCHMARKS=OFF -DVS_DEBUG_INFO=0 \
        -DCMAKE_CXX_FLAGS=-U__SSE2__ >/dev/null
    cmake --build "$dir" -j "$jobs" --target tests/limiter/all
    ctest --test-dir "$dir/tests/limiter" --output-on-failure --no-tests=error -j "$jobs"
}

phase install-deps "$root/scripts/install-deps.sh"
phase translations "$root/scripts/check-translations.sh"

# Debug info is what makes a CI build slow to compile and link; pass 1 needs none (QtTest reports
# file and line itself), the sanitizer pass keeps line tables for its stack traces.
phase build build "$root/build-test" -DVS_SANITIZE=OFF -DVS_BUILD_BENCHMARKS=ON -DVS_DEBUG_INFO=0
phase test run_tests "$root/build-test"
phase test-portable test_portable_limiter

if [ "${VS_SKIP_PACKAGE:-0}" != 1 ]; then
    phase package "$root/scripts/package-test.sh" "$root/build-test"
fi

if [ "${VS_SKIP_SANITIZERS:-0}" != 1 ]; then
    # The fuzzers are short and quick to build, so they run before the long sanitizer pass. All
    # four run at once: each gets its minute of wall time (half a core here) and CI one minute,
    # not two, of fuzzing.
    phase fuzz env BUILD_DIR="$root/build-fuzz" FUZZ_SECONDS="${FUZZ_SECONDS:-60}" \
        FUZZ_JOBS="${FUZZ_JOBS:-4}" "$root/scripts/fuzz.sh"

    # Address and undefined behaviour checks abort the test at the first finding; LeakSanitizer
    # checks each test process at exit and fails it on a leak. tests/lsan.supp lists the few
    # allocations third-party libraries keep for the whole process (each entry says which);
    # print_suppressions=0 keeps those out of every test's output.
    export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1
    export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
    export LSAN_OPTIONS=suppressions=$root/tests/lsan.supp:print_suppressions=0
    # -O1, the usual level for ASan, compiles a third faster than -O2.
    phase build-asan build "$root/build-asan" -DVS_SANITIZE=ON -DVS_BUILD_BENCHMARKS=OFF \
        -DVS_DEBUG_INFO=1 -DVS_OPTIMIZATION=1
    phase test-asan run_tests "$root/build-asan"
fi
