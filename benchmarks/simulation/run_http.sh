#!/bin/sh
# The HTTP target's request rate next to wrk, against the same `videostreams serve` in one run.
#   benchmarks/simulation/run_http.sh BUILD_DIR [SECONDS] [CONNECTIONS] [ATTEMPTS_PER_S]
# wrk posts watches as fast as it can (benchmarks/http/post_streams.lua); the simulator offers
# ATTEMPTS_PER_S watches per second (Poisson, plus heartbeats and stops) on CONNECTIONS
# keep-alive connections and counts answered requests per second. Offer more than the server can
# take to measure its rate: the backlog then shows in the simulator's latency (measured from the
# intended send time) and requests queued past timeout_s count as errors.
set -eu
build=${1:?usage: run_http.sh BUILD_DIR [SECONDS] [CONNECTIONS] [ATTEMPTS_PER_S]}
seconds=${2:-5}
connections=${3:-16}
rate=${4:-20000}
here=$(cd "$(dirname "$0")" && pwd)
binary="$build/app/videostreams"
work=$(mktemp -d)
trap 'kill "$server" 2>/dev/null || true; rm -rf "$work"' EXIT

"$binary" serve --store memory --listen 127.0.0.1:0 > "$work/serve.out" 2> /dev/null &
server=$!
for _ in $(seq 50); do grep -q listening "$work/serve.out" && break; sleep 0.1; done
url=$(sed -n 's/^listening on //p' "$work/serve.out")
echo "server: $url"

echo "== wrk -t2 -c$connections -d${seconds}s"
wrk -t2 -c"$connections" -d"${seconds}s" --latency -s "$here/../http/post_streams.lua" "$url" |
    grep -E "Requests/sec|99%|50%|requests in"

users=100000
cat > "$work/scenario.json" <<JSON
{"name": "http-rate", "seed": 1, "duration_s": $seconds,
 "target": {"kind": "http", "url": "$url", "connections": $connections, "timeout_s": 2},
 "population": {"users": $users},
 "arrivals": {"per_user_per_hour": $(echo "$rate * 3600 / $users" | bc -l)},
 "catalog": {"videos": 5}, "watch": {"mean_s": 30}, "heartbeat_s": 10}
JSON
echo "== videostreams simulate --target (offered $rate watches/s, $connections connections)"
"$binary" simulate "$work/scenario.json" --quiet --report "$work/report.json" || true
python3 - "$work/report.json" "$seconds" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))["summary"]
seconds = float(sys.argv[2])
answered = s["requests"] - s["errors"]
print(f"requests {s['requests']}, answered {answered} = {answered / seconds:.0f} answered/s, "
      f"errors {s['errors']}, latency p50 {s['latency_p50_ms']:.1f} ms p99 "
      f"{s['latency_p99_ms']:.1f} ms max {s['latency_max_ms']:.1f} ms, "
      f"limit_violations {s['limit_violations']}")
PY
