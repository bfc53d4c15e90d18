#!/bin/sh
# Instructions per request of `videostreams serve` under the watch load, from callgrind: serve
# runs under valgrind, the counters are zeroed once it listens, wrk sends a bounded load, and the
# instructions counted since are divided by the requests served. Instruction counts do not
# depend on the load on the machine, so two builds compare even on a busy one. Prints the total
# and the functions with the highest inclusive and self counts per request.
# Usage: benchmarks/storage/instructions_per_request.sh [BUILD_DIR] [STORE] [DURATION] [TOP]
#        STORE: memory (default) or redis (a private redis-server is started); APP= picks the
#        binary, as in run_http.sh. OUT=DIR keeps the callgrind output there.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
. "$here/private_store.sh"
build=${1:-$here/../../build}
store=${2:-memory}
duration=${3:-10s}
top=${4:-25}
find_app "$build" wrk valgrind callgrind_control callgrind_annotate redis-server

begin_private_run
out=${OUT:-$work}
mkdir -p "$out"
start_private_store "$store" "$work"
valgrind --tool=callgrind --callgrind-out-file="$out/callgrind.out.%p" \
    "$app" serve --listen 127.0.0.1:0 --store "$spec" --data-dir "$work/data" \
    >"$work/serve.out" 2>"$work/serve.err" &
servePid=$!
wait_for_serve 600

# A short warm-up (first-use allocations, lazy initialisation), then count from zero.
wrk -t1 -c4 -d1s -s "$here/../http/post_streams.lua" "$url" >/dev/null
callgrind_control -z "$servePid" >/dev/null
wrk -t2 -c64 -d"$duration" -s "$here/../http/post_streams.lua" "$url" >"$work/wrk"
callgrind_control -d "$servePid" >/dev/null
kill "$servePid"
wait "$servePid" 2>/dev/null || true
servePid=
requests=$(awk '/requests in/ {print $1}' "$work/wrk")
non2xx=$(awk '/Non-2xx/ {print $5}' "$work/wrk")
# The dump taken after the load (the highest part number); the final one only holds shutdown.
dump=$(ls "$out"/callgrind.out.*.[0-9]* | sort -t. -k3n | tail -n 1)
total=$(callgrind_annotate "$dump" 2>/dev/null | awk '/PROGRAM TOTALS/ { gsub(",", "", $1); print $1 }')
echo "store $store: $requests requests${non2xx:+ ($non2xx non-2xx)}, $total instructions"
awk -v t="$total" -v n="$requests" 'BEGIN { printf "instructions per request: %.0f\n", t / n }'
# Per function, instructions per request: inclusive (with callees), then self.
top() {
    callgrind_annotate --threshold=100 --auto=no "$@" "$dump" 2>/dev/null |
        awk -v n="$requests" -v top="$top" '$1 ~ /^[0-9,]+$/ && !/PROGRAM TOTALS/ && shown < top {
            v = $1; gsub(",", "", v); sub(/^ *[0-9,]+ +\( *[0-9.]+%\) +/, "")
            printf "%9.0f %s\n", v / n, substr($0, 1, 160); shown++ }'
}
echo "top functions, inclusive (instructions per request):"
top --inclusive=yes
echo "top functions, self (instructions per request):"
top
