#!/bin/sh
# System calls per request of `videostreams serve` under the watch load: `strace -c -f` attached
# for a bounded wrk run, each count divided by the requests served. strace slows serve down a
# lot, so event-loop passes grow and per-pass calls (poll, the Redis write) look cheaper than in
# a normal run; per-request calls are exact.
# Usage: benchmarks/storage/syscalls_per_request.sh [BUILD_DIR] [STORE] [DURATION]
#        STORE: memory (default) or redis (a private redis-server is started); APP= picks the
#        binary, as in run_http.sh.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
. "$here/private_store.sh"
build=${1:-$here/../../build}
store=${2:-memory}
duration=${3:-4s}
find_app "$build" wrk strace redis-server

begin_private_run
start_private_store "$store" "$work"
"$app" serve --listen 127.0.0.1:0 --store "$spec" --data-dir "$work/data" \
    >"$work/serve.out" 2>"$work/serve.err" &
servePid=$!
wait_for_serve 100

strace -c -f -p "$servePid" -o "$work/strace" 2>/dev/null &
stracePid=$!
sleep 0.5 # attached before the load starts
wrk -t2 -c64 -d"$duration" -s "$here/../http/post_streams.lua" "$url" >"$work/wrk"
sleep 0.3
kill -INT "$stracePid"
wait "$stracePid" 2>/dev/null || true
requests=$(awk '/requests in/ {print $1}' "$work/wrk")
echo "store $store: $requests requests ($(awk '/Requests\/sec/ {print $2}' "$work/wrk") req/s under strace)"
awk -v n="$requests" '$1 ~ /^[0-9.]+$/ && NF >= 5 {
    printf "%-16s %9d  %6.2f per request\n", $NF, $4, $4 / n }' "$work/strace"
