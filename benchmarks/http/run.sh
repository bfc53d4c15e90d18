#!/bin/sh
# Runs wrk against the bare QHttpServer route and the real API in the same run and prints a table.
# The machine is shared and noisy, so each connection count runs ROUNDS rounds alternating bare
# and api, and the table shows every round plus the api/bare ratio of the medians.
# Usage: benchmarks/http/run.sh [BUILD_DIR] [DURATION] [ROUNDS]   (default build/, 5s, 3)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../../build}
duration=${2:-5s}
rounds=${3:-3}
servers=$build/benchmarks/http/vs_http_benchmark_servers
[ -x "$servers" ] || servers=$(find "$build" -name vs_http_benchmark_servers -type f | head -n 1)
[ -x "$servers" ] || { echo "vs_http_benchmark_servers not built in $build" >&2; exit 1; }
command -v wrk >/dev/null || { echo "wrk is not installed" >&2; exit 1; }

out=$(mktemp)
"$servers" >"$out" 2>/dev/null &
pid=$!
trap 'kill "$pid" 2>/dev/null; rm -f "$out"' EXIT
for _ in $(seq 50); do [ "$(wc -l <"$out")" -ge 2 ] && break; sleep 0.1; done
bare=$(sed -n 's/^bare //p' "$out")
api=$(sed -n 's/^api //p' "$out")

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

printf '%-6s %-5s %-5s %12s %10s %10s\n' server conns round "req/s" p50 p99
for conns in 16 64; do
    : >"$out.bare"
    : >"$out.api"
    for round in $(seq "$rounds"); do
        for target in bare api; do
            url=$bare; [ "$target" = api ] && url=$api
            result=$(wrk -t2 -c"$conns" -d"$duration" --latency -s "$here/post_streams.lua" "$url")
            rps=$(echo "$result" | awk '/^Requests\/sec:/ {print $2}')
            p50=$(echo "$result" | awk '$1 == "50%" {print $2}')
            p99=$(echo "$result" | awk '$1 == "99%" {print $2}')
            echo "$rps" >>"$out.$target"
            printf '%-6s %-5s %-5s %12s %10s %10s\n' "$target" "$conns" "$round" "$rps" "$p50" "$p99"
        done
    done
    bareMedian=$(median <"$out.bare")
    apiMedian=$(median <"$out.api")
    echo "$conns connections: median bare $bareMedian req/s, api $apiMedian req/s, api/bare" \
        "$(echo "$apiMedian $bareMedian" | awk '{ printf "%.0f%%", 100 * $1 / $2 }')"
done
rm -f "$out.bare" "$out.api"
