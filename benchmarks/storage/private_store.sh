# Sourced by the per-request scripts (instructions_per_request.sh, syscalls_per_request.sh): what
# both do to run one `videostreams serve` with a private store under a bounded load.

# find_app BUILD_DIR TOOL...: sets `app` to the built binary (APP= picks another) and exits
# unless it and every TOOL are there.
find_app() {
    app=${APP:-$(find "$1" -name videostreams -type f -perm -u+x | head -n 1)}
    [ -x "$app" ] || { echo "videostreams not built in $1" >&2; exit 1; }
    shift
    for tool in "$@"; do
        command -v "$tool" >/dev/null || { echo "$tool is not installed" >&2; exit 1; }
    done
}

# begin_private_run: makes the temporary directory `work`; when the script exits, serve
# ($servePid) and the private redis-server ($redisPid) are stopped and `work` is removed.
begin_private_run() {
    work=$(mktemp -d)
    redisPid=
    servePid=
    trap end_private_run EXIT
}
end_private_run() {
    [ -n "$servePid" ] && kill "$servePid" 2>/dev/null || true
    [ -n "$redisPid" ] && kill "$redisPid" 2>/dev/null || true
    rm -rf "$work"
}

# wait_for_serve TENTHS: waits up to TENTHS x 0.1 s for serve's "listening on" line in
# $work/serve.out and sets `url`; exits with serve's errors when the line never comes.
wait_for_serve() {
    for _ in $(seq "$1"); do grep -q '^listening' "$work/serve.out" 2>/dev/null && break; sleep 0.1; done
    url=$(sed -n 's/^listening on //p' "$work/serve.out")
    [ -n "$url" ] || { echo "serve did not start" >&2; cat "$work/serve.err" >&2; exit 1; }
}

# start_private_store STORE WORKDIR: sets `spec` to what `serve --store` takes for STORE (memory,
# sqlite or redis) and, for redis, starts a private redis-server on a free loopback port with its
# files in WORKDIR and sets `redisPid` (end_private_run stops it).
start_private_store() {
    spec=$1
    [ "$1" = redis ] || return 0
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
    redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no --dir "$2" \
        >/dev/null 2>&1 &
    redisPid=$!
    for _ in $(seq 50); do redis-cli -p "$port" ping >/dev/null 2>&1 && break; sleep 0.1; done
    spec=redis://127.0.0.1:$port
}
