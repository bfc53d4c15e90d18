#!/bin/sh
# The HTTP target next to wrk, against the same `videostreams serve`, in one run.
#   benchmarks/simulation/run_http.sh BUILD_DIR [SECONDS] [CONNECTIONS] [LOAD_PERCENTS]
# 1. wrk (closed loop, CONNECTIONS requests in flight) posts watches as fast as the server answers
#    them (benchmarks/http/post_streams.lua): that is the server's sustainable rate, R.
# 2. For each percentage P in LOAD_PERCENTS (default "10 25 50"), the simulator offers P% of R
#    watches per second (Poisson) on CONNECTIONS keep-alive connections, with the same traffic
#    as wrk (1M users, 5 videos, watches only: viewing outlasts the run, so no heartbeats or
#    stops), and reports the rate it achieved, its latency from the intended send time and its
#    errors. Offered below R, the achieved rate should match the offer with few errors; the
#    latencies show what an open-loop client sees at that load, where wrk's show a saturated
#    server's queue as seen by CONNECTIONS waiting clients.
# Each line also gives the CPU seconds the client and the server used in that phase, per answered
# request: on a shared machine that says who ran out of CPU (the simulator's client is one thread,
# wrk has two).
set -eu
build=${1:?usage: run_http.sh BUILD_DIR [SECONDS] [CONNECTIONS] [LOAD_PERCENTS]}
seconds=${2:-5}
connections=${3:-16}
loads=${4:-10 25 50}
here=$(cd "$(dirname "$0")" && pwd)
binary="$build/app/videostreams"
work=$(mktemp -d)
trap 'kill "$server" 2>/dev/null || true; rm -rf "$work"' EXIT

"$binary" serve --store memory --listen 127.0.0.1:0 > "$work/serve.out" 2> /dev/null &
server=$!
for _ in $(seq 50); do grep -q listening "$work/serve.out" && break; sleep 0.1; done
url=$(sed -n 's/^listening on //p' "$work/serve.out")
[ -n "$url" ] || { echo "serve did not start" >&2; exit 1; }
echo "server: $url (pid $server)"

# CPU seconds (user + system) the server has used so far.
server_cpu() {
    awk -v hz="$(getconf CLK_TCK)" '{ printf "%.3f\n", ($14 + $15) / hz }' "/proc/$server/stat"
}

before=$(server_cpu)
/usr/bin/time -f "%U %S" -o "$work/client.cpu" \
    wrk -t2 -c"$connections" -d"${seconds}s" --latency -s "$here/../http/post_streams.lua" "$url" \
    > "$work/wrk.out"
echo "$before $(server_cpu)" > "$work/server.cpu"
python3 - "$work/wrk.out" "$connections" "$seconds" "$work" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
def ms(label):
    m = re.search(r"^\s*" + label + r"\s+([\d.]+)(us|ms|s)\b", text, re.M)
    if not m:
        return float("nan")
    return float(m.group(1)) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[m.group(2)]
rate = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
errors = sum(int(x) for x in socket.groups()) if socket else 0
non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
total = int(re.search(r"(\d+) requests in", text).group(1))
client = sum(map(float, open(sys.argv[4] + "/client.cpu").read().split()[-2:]))
start, end = map(float, open(sys.argv[4] + "/server.cpu").read().split())
print(f"wrk        closed loop, {sys.argv[2]} in flight, {sys.argv[3]} s: {rate:.0f} req/s, "
      f"p50 {ms('50%'):.2f} ms, p99 {ms('99%'):.2f} ms, errors {errors} "
      f"(non-2xx answers, i.e. 409 at the limit: {int(non2xx.group(1)) if non2xx else 0}); "
      f"CPU: wrk {client:.2f} s ({client / total * 1e6:.0f} us/req), "
      f"server {end - start:.2f} s ({(end - start) / total * 1e6:.0f} us/req)")
open(sys.argv[1] + ".rate", "w").write(f"{rate:.0f}\n")
PY
wrk_rate=$(cat "$work/wrk.out.rate")

users=1000000
# The simulator's fixed cost (reading the scenario, a million users' records, connecting,
# writing the report) measured with nothing offered, so the per-request CPU below excludes it.
cat > "$work/idle.json" <<JSON
{"name": "http-idle", "seed": 1, "duration_s": 1,
 "target": {"kind": "http", "url": "$url", "connections": $connections, "timeout_s": 2},
 "population": {"users": $users}, "arrivals": {"per_user_per_hour": 0}, "catalog": {"videos": 5}}
JSON
/usr/bin/time -f "%U %S" -o "$work/idle.cpu" \
    "$binary" simulate "$work/idle.json" --quiet --report "$work/idle-report.json" || true

for load in $loads; do
    rate=$(echo "$wrk_rate * $load / 100" | bc)
    cat > "$work/scenario.json" <<JSON
{"name": "http-rate", "seed": 1, "duration_s": $seconds,
 "target": {"kind": "http", "url": "$url", "connections": $connections, "timeout_s": 2},
 "population": {"users": $users},
 "arrivals": {"per_user_per_hour": $(echo "$rate * 3600 / $users" | bc -l)},
 "catalog": {"videos": 5},
 "watch": {"distribution": "fixed", "mean_s": $((seconds * 100))},
 "heartbeat_s": $((seconds * 100))}
JSON
    before=$(server_cpu)
    /usr/bin/time -f "%U %S" -o "$work/client.cpu" \
        "$binary" simulate "$work/scenario.json" --quiet --report "$work/report.json" || true
    echo "$before $(server_cpu)" > "$work/server.cpu"
    python3 - "$work/report.json" "$seconds" "$rate" "$load" "$connections" "$work" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))["summary"]
client = sum(map(float, open(sys.argv[6] + "/client.cpu").read().split()[-2:]))
fixed = sum(map(float, open(sys.argv[6] + "/idle.cpu").read().split()[-2:]))
start, end = map(float, open(sys.argv[6] + "/server.cpu").read().split())
seconds, offered = float(sys.argv[2]), float(sys.argv[3])
answered = s["requests"] - s["errors"]
print(f"simulator  offered {offered:.0f}/s ({sys.argv[4]}% of wrk), {sys.argv[5]} connections: "
      f"achieved {answered / seconds:.0f} answered/s ({s['requests']} sent), "
      f"p50 {s['latency_p50_ms']:.2f} ms, p99 {s['latency_p99_ms']:.2f} ms, "
      f"max {s['latency_max_ms']:.1f} ms, errors {s['errors']} "
      f"(denials at the limit: {s['denials']}), limit_violations {s['limit_violations']}; "
      f"CPU: simulator {client:.2f} s of which {fixed:.2f} s start-up "
      f"({(client - fixed) / max(answered, 1) * 1e6:.0f} us/req), "
      f"server {end - start:.2f} s ({(end - start) / max(answered, 1) * 1e6:.0f} us/req)")
PY
done
