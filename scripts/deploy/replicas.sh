# Two replicas of the service behind the nginx cache of scripts/deploy/nginx.conf, on loopback:
# sourced by scripts/validate-deploy.sh (smoke test) and bench/run.sh --only replicas (throughput).
#
#   replicas_start BIN WORKDIR PORT_A PORT_B PORT_PROXY [taskset prefix...]
#   replicas_check http://127.0.0.1:PORT_PROXY     # revalidation and cache headers, or exit 1
#   replicas_stop
# Sets REPLICA_PIDS (the two services) and REPLICAS_NGINX_PID_FILE. Only what it starts is stopped.

REPLICAS_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPLICAS_ROOT=$(cd "$REPLICAS_DIR/../.." && pwd)

# The production file with the loopback ports, a private cache directory and the `events`/`http`
# wrapper an include under /etc/nginx/conf.d/ gets from the distribution's nginx.conf.
replicas_nginx_conf() { # WORKDIR PORT_A PORT_B PORT_PROXY -> prints the file
  local work=$1 a=$2 b=$3 proxy=$4
  cat <<CONF
worker_processes 1;
user root;
pid $work/nginx.pid;
error_log $work/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
$(sed -e "s#/var/cache/nginx/congres-numerique#$work/cache#" \
      -e "s#127.0.0.1:8081#127.0.0.1:$a#" -e "s#127.0.0.1:8082#127.0.0.1:$b#" \
      -e "s#listen 80;#listen 127.0.0.1:$proxy;#" "$REPLICAS_DIR/nginx.conf")
}
CONF
}

replicas_wait() { # URL
  for _ in $(seq 300); do curl -fsS -o /dev/null "$1" 2>/dev/null && return 0; sleep 0.1; done
  echo "no answer from $1" >&2; return 1
}

replicas_start() {
  local bin=$1 work=$2 a=$3 b=$4 proxy=$5; shift 5
  local prefix=("$@")
  mkdir -p "$work/cache"
  REPLICA_PIDS=()
  for port in "$a" "$b"; do
    RUST_LOG=warn "${prefix[@]}" "$bin" --seeds "$REPLICAS_ROOT/seeds" serve \
      --bind "127.0.0.1:$port" --base-url "http://127.0.0.1:$proxy" \
      --exports "$REPLICAS_ROOT/exports" --schemas "$REPLICAS_ROOT/schemas" \
      > "$work/replica-$port.log" 2>&1 &
    REPLICA_PIDS+=("$!")
  done
  replicas_nginx_conf "$work" "$a" "$b" "$proxy" > "$work/nginx.conf"
  nginx -t -q -c "$work/nginx.conf" -p "$work"
  "${prefix[@]}" nginx -c "$work/nginx.conf" -p "$work"
  REPLICAS_NGINX_PID_FILE=$work/nginx.pid
  replicas_wait "http://127.0.0.1:$a/health"
  replicas_wait "http://127.0.0.1:$b/health"
  replicas_wait "http://127.0.0.1:$proxy/health"
}

# A process already stopped (a replica the check killed) is no failure: under `set -e` a failed
# `kill` would end the caller's EXIT trap with status 1.
replicas_stop() {
  if [[ -n ${REPLICAS_NGINX_PID_FILE:-} && -f $REPLICAS_NGINX_PID_FILE ]]; then
    kill "$(cat "$REPLICAS_NGINX_PID_FILE")" 2>/dev/null || true
  fi
  for pid in "${REPLICA_PIDS[@]:-}"; do
    if [[ -n $pid ]]; then kill "$pid" 2>/dev/null || true; fi
  done
  return 0
}

# Through the proxy: a first GET is a MISS and a second a HIT with the same ETag; the client's
# If-None-Match is answered 304 (by the cache, and by a replica directly); /health is never kept;
# a gzip client gets its own variant (Vary: Accept-Encoding) with its own ETag.
replicas_check() {
  local proxy=$1 url=$1/api/v1/items?page_size=5 h
  h() { curl -sS -o /dev/null -D - "$@" | tr -d '\r'; }
  local first second etag status
  first=$(h "$url"); second=$(h "$url")
  etag=$(sed -n 's/^etag: *//Ip' <<< "$second")
  grep -qi '^x-cache-status: MISS' <<< "$first" || { echo "first GET not a MISS: $first" >&2; return 1; }
  grep -qi '^x-cache-status: HIT' <<< "$second" || { echo "second GET not a HIT: $second" >&2; return 1; }
  [[ $(sed -n 's/^etag: *//Ip' <<< "$first") == "$etag" && -n $etag ]] || { echo "ETag changed" >&2; return 1; }
  grep -qi '^access-control-allow-origin: \*' <<< "$second" || { echo "cached answer lost CORS" >&2; return 1; }
  status=$(curl -sS -o /dev/null -w '%{http_code}' -H "If-None-Match: $etag" "$url")
  [[ $status == 304 ]] || { echo "If-None-Match through the proxy: $status, not 304" >&2; return 1; }
  local gz
  gz=$(h -H 'Accept-Encoding: gzip' "$url")
  grep -qi '^content-encoding: gzip' <<< "$gz" || { echo "no gzip variant: $gz" >&2; return 1; }
  [[ $(sed -n 's/^etag: *//Ip' <<< "$gz") != "$etag" ]] || { echo "gzip variant has the identity ETag" >&2; return 1; }
  h "$proxy/health" > /dev/null
  grep -qi '^x-cache-status: HIT' <<< "$(h "$proxy/health")" && { echo "/health was cached" >&2; return 1; }
  echo "  proxy: MISS then HIT, same ETag $etag; If-None-Match -> 304; gzip variant; /health not kept"
}
