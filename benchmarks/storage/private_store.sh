# Sourced by the per-request scripts (instructions_per_request.sh, syscalls_per_request.sh).
# start_private_store STORE WORKDIR: sets `spec` to what `serve --store` takes for STORE (memory,
# sqlite or redis) and, for redis, starts a private redis-server on a free loopback port with its
# files in WORKDIR and sets `redisPid` (the caller's cleanup kills it).
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
