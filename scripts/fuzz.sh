#!/usr/bin/env bash
# Builds the libFuzzer harnesses (tests/fuzz/) with clang + AddressSanitizer/UBSan and runs each
# one for a bounded time, starting from the seed corpus committed in tests/fuzz/corpus/.
#   scripts/fuzz.sh                     every harness, FUZZ_SECONDS each (default 60)
#   scripts/fuzz.sh fuzz_jwt            only the named harnesses
#   FUZZ_SECONDS=3600 scripts/fuzz.sh   a longer local run
#   FUZZ_JOBS=2 scripts/fuzz.sh         two harnesses at a time (scripts/test.sh: all four at once)
# New interesting inputs go to $BUILD_DIR/fuzz-corpus/<name>/ (not into the repo); a crash
# leaves its input in $BUILD_DIR/fuzz-artifacts/ and makes this script exit non-zero. To keep a
# finding as a regression seed, copy that file into tests/fuzz/corpus/<name>/.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${BUILD_DIR:-$root/build-fuzz}
seconds=${FUZZ_SECONDS:-60}
build_jobs=${FUZZ_BUILD_JOBS:-2}
parallel=${FUZZ_JOBS:-1}

all_harnesses=(fuzz_policy_json fuzz_ids fuzz_jwt fuzz_http_dispatch)
if [ $# -gt 0 ]; then
    harnesses=("$@")
else
    harnesses=()
    for name in "${all_harnesses[@]}"; do
        # A harness exists once its seed corpus does.
        if [ -d "$root/tests/fuzz/corpus/${name#fuzz_}" ]; then
            harnesses+=("$name")
        fi
    done
fi

if ! command -v clang++ >/dev/null; then
    echo "fuzz: clang++ not found; run scripts/install-deps.sh" >&2
    exit 2
fi

echo "== configuring $build_dir (clang, libFuzzer, ASan+UBSan)"
cmake -S "$root" -B "$build_dir" -G Ninja \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_CXX_COMPILER=clang++ \
    -DVS_FUZZ=ON -DVS_SANITIZE=ON -DVS_BUILD_BENCHMARKS=OFF -DVS_DEBUG_INFO=1 >/dev/null
echo "== building ${harnesses[*]}"
cmake --build "$build_dir" -j "$build_jobs" --target "${harnesses[@]}"

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export LSAN_OPTIONS=suppressions=$root/tests/lsan.supp:print_suppressions=0

# One harness: fuzz for $seconds, then print its stats; a crash, leak, timeout or sanitizer
# report leaves the input in $artifacts and fails.
fuzz_one() {
    local name=$1
    local seeds=$root/tests/fuzz/corpus/${name#fuzz_}
    local work=$build_dir/fuzz-corpus/${name#fuzz_}
    local artifacts=$build_dir/fuzz-artifacts/
    local dictionary=$root/tests/fuzz/${name#fuzz_}.dict
    mkdir -p "$work" "$artifacts"
    local options=(-max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=16384
                   -print_final_stats=1 -artifact_prefix="$artifacts$name-")
    if [ -f "$dictionary" ]; then
        options+=(-dict="$dictionary")
    fi
    echo "== fuzzing $name for ${seconds}s (seeds: ${seeds#"$root"/})"
    # libFuzzer stops itself after max_total_time; the outer timeout only catches a harness that
    # hangs outside libFuzzer's per-input timeout (e.g. at exit).
    if ! timeout --kill-after=10 $((seconds + 120)) "$build_dir/tests/fuzz/$name" "${options[@]}" \
        "$work" "$seeds" >"$build_dir/$name.log" 2>&1; then
        {
            echo "fuzz: $name FAILED; see $build_dir/$name.log and $artifacts"
            tail -n 60 "$build_dir/$name.log"
        } >&2
        return 1
    fi
    grep -E '^stat::(number_of_executed_units|new_units_added|peak_rss_mb)' \
        "$build_dir/$name.log" | sed "s/^/   $name /" || true
}

# FUZZ_JOBS harnesses run at the same time (each is single-threaded).
declare -A pids=()
for name in "${harnesses[@]}"; do
    while [ "$(jobs -rp | wc -l)" -ge "$parallel" ]; do
        wait -n || true
    done
    fuzz_one "$name" &
    pids[$name]=$!
done
status=0
for name in "${harnesses[@]}"; do
    if ! wait "${pids[$name]}"; then
        status=1
    fi
done
exit $status
