#!/bin/sh
# Watch throughput and latency through HTTP for each store, in one run, plus the raw Redis
# baseline: redis-benchmark running the same acquire script with EVALSHA at the same
# concurrency. The machine is shared and noisy: each store runs ROUNDS rounds in turn and the
# table shows every round; compare medians within the run.
# Usage: benchmarks/storage/run_http.sh [BUILD_DIR] [DURATION] [ROUNDS] [CONNECTIONS]
#        (defaults: build/, 5s, 3, 64)
#        STORES="memory sqlite" limits the stores (default: memory sqlite redis; the raw EVALSHA
#        baseline runs when redis is among them).
#        BASELINE_APP=/path/to/older/videostreams adds a row per store for that binary (named
#        STORE-base), run right after the current one in every round: before/after in one run.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-$here/../../build}
duration=${2:-5s}
rounds=${3:-3}
conns=${4:-64}
stores=${STORES:-memory sqlite redis}
app=${APP:-$(find "$build" -name videostreams -type f -perm -u+x | head -n 1)}
bench=$(find "$build" -name bench_store_acquire -type f -perm -u+x | head -n 1)
[ -x "$app" ] || { echo "videostreams not built in $build" >&2; exit 1; }
[ -x "$bench" ] || { echo "bench_store_acquire not built in $build" >&2; exit 1; }
for tool in wrk redis-server redis-cli redis-benchmark; do
    command -v $tool >/dev/null || { echo "$tool is not installed" >&2; exit 1; }
done

work=$(mktemp -d)
redisPort=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
redis-server --port "$redisPort" --bind 127.0.0.1 --save '' --appendonly no --dir "$work" \
    >"$work/redis.log" 2>&1 &
redisPid=$!
servePid=
cleanup() {
    [ -n "$servePid" ] && kill "$servePid" 2>/dev/null || true
    kill "$redisPid" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
for _ in $(seq 50); do redis-cli -p "$redisPort" ping >/dev/null 2>&1 && break; sleep 0.1; done

# Starts serve ($2, default $app) with store $1, waits for its port, sets $url.
startServe() {
    "${2:-$app}" serve --listen 127.0.0.1:0 --store "$1" --data-dir "$work/data" \
        >"$work/serve.out" 2>/dev/null &
    servePid=$!
    for _ in $(seq 100); do grep -q '^listening' "$work/serve.out" 2>/dev/null && break; sleep 0.1; done
    url=$(sed -n 's/^listening on //p' "$work/serve.out")
}
stopServe() { kill "$servePid"; wait "$servePid" 2>/dev/null || true; servePid=; }

# CPU time (user + system) a process has used so far, in clock ticks.
cpuTicks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
# Ticks spent over N requests, as microseconds per request.
tick=$(getconf CLK_TCK)
perRequestUs() { awk -v t="$1" -v n="$2" -v hz="$tick" 'BEGIN { printf "%.1f", t * 1e6 / hz / n }'; }

# serve_us: CPU time serve used per request (its start-up included: negligible); redis_us:
# the same for redis-server during the wrk run. Less noisy than req/s on a shared machine.
printf '%-12s %-5s %12s %10s %10s %9s %9s\n' store round "req/s" p50 p99 serve_us redis_us
: >"$work/results"
for round in $(seq "$rounds"); do
    for store in $stores; do
      for variant in current ${BASELINE_APP:+base}; do
        spec=$store
        name=$store
        binary=$app
        [ "$variant" = base ] && { name=$store-base; binary=$BASELINE_APP; }
        [ "$store" = redis ] && spec=redis://127.0.0.1:$redisPort
        [ "$store" = sqlite ] && rm -rf "$work/data"
        redis-cli -p "$redisPort" flushall >/dev/null
        startServe "$spec" "$binary"
        redisTicks=$(cpuTicks "$redisPid")
        result=$(wrk -t2 -c"$conns" -d"$duration" --latency -s "$here/../http/post_streams.lua" "$url")
        serveTicks=$(cpuTicks "$servePid")
        redisTicks=$(($(cpuTicks "$redisPid") - redisTicks))
        stopServe
        requests=$(echo "$result" | awk '/requests in/ {print $1}')
        serveUs=$(perRequestUs "$serveTicks" "$requests")
        redisUs=$(perRequestUs "$redisTicks" "$requests")
        rps=$(echo "$result" | awk '/^Requests\/sec:/ {print $2}')
        p50=$(echo "$result" | awk '$1 == "50%" {print $2}')
        p99=$(echo "$result" | awk '$1 == "99%" {print $2}')
        non2xx=$(echo "$result" | awk '/Non-2xx/ {print $5}')
        [ -n "$non2xx" ] && echo "  ($name: $non2xx non-2xx answers)"
        echo "$name $rps" >>"$work/results"
        printf '%-12s %-5s %12s %10s %10s %9s %9s\n' "$name" "$round" "$rps" "$p50" "$p99" \
            "$serveUs" "$redisUs"
      done
    done
    case " $stores " in *" redis "*) ;; *) continue ;; esac
    # The same acquire script straight from redis-benchmark: $conns clients, one call each in
    # flight, random users and videos (ARGV as RedisLeaseStore sends them).
    sha=$(redis-cli -p "$redisPort" script load "$("$bench" --print-acquire-script)")
    redis-cli -p "$redisPort" flushall >/dev/null
    raw=$(redis-benchmark -p "$redisPort" -n 200000 -c "$conns" -r 1000000 -q \
        EVALSHA "$sha" 3 'vs:{u__rand_int__}:leases' 'vs:{u__rand_int__}:ended' \
        'vs:{u__rand_int__}:meta' '' v__rand_int__ '' 3 90000 reject id__rand_int__ 900000 |
        tr '\r' '\n' | sed -n 's/.* \([0-9.]*\) requests per second.*/\1/p' | tail -n 1)
    echo "evalsha $raw" >>"$work/results"
    printf '%-12s %-5s %12s\n' evalsha "$round" "$raw"
done

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
for name in memory memory-base sqlite sqlite-base redis redis-base evalsha; do
    grep -q "^$name " "$work/results" || continue
    echo "$name median $(awk -v n=$name '$1 == n {print $2}' "$work/results" | median)"
done | tee "$work/medians"
awk '{ m[$1] = $3 } END {
    if (m["sqlite"] && m["memory"]) printf "sqlite/memory %.0f%%\n", 100 * m["sqlite"] / m["memory"]
    if (m["redis"] && m["evalsha"]) printf "redis-via-http/evalsha %.0f%%\n", 100 * m["redis"] / m["evalsha"]
    if (m["redis-base"] && m["evalsha"])
        printf "redis-via-http/evalsha (baseline binary) %.0f%%\n", 100 * m["redis-base"] / m["evalsha"] }' "$work/medians"
