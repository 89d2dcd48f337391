# Sourced by the scripts/validate-*.sh that talk to a running service (not run by .ci/run
# itself: it is not a validate-*.sh).
#
# start_service NAME [serve options...]
#   Builds the debug binary (`cargo test`, run before by .ci/run, has already built it: quick),
#   starts `congres-numerique --seeds seeds serve` on a free 127.0.0.1 port with the options
#   given (RUST_LOG unset: the default, quiet log), and waits for /health: 60 tries 0.5 s apart,
#   only while the process lives. Sets SERVICE_URL (http://127.0.0.1:PORT), SERVICE_PORT,
#   SERVICE_PID and SERVICE_LOG (its stdout and stderr). If it does not answer, prints its log
#   and exits 1.
# stop_service
#   Stops it and removes its log; safe to call twice and before start_service (EXIT traps).
SERVICE_PID=""
SERVICE_LOG=""

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

service_answers() { # URL
  python3 -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=2)' "$1" 2>/dev/null
}

start_service() {
  local name="$1"
  shift
  echo "$name: cargo build"
  cargo build --locked --quiet --bin congres-numerique
  SERVICE_PORT="$(free_port)"
  SERVICE_URL="http://127.0.0.1:$SERVICE_PORT"
  SERVICE_LOG="$(mktemp)"
  env -u RUST_LOG target/debug/congres-numerique --seeds seeds serve \
    --bind "127.0.0.1:$SERVICE_PORT" "$@" >"$SERVICE_LOG" 2>&1 &
  SERVICE_PID=$!
  local _
  for _ in $(seq 1 60); do
    kill -0 "$SERVICE_PID" 2>/dev/null || break
    if service_answers "$SERVICE_URL/health"; then
      return 0
    fi
    sleep 0.5
  done
  echo "$name: FAIL the service did not answer $SERVICE_URL/health; its log:" >&2
  cat "$SERVICE_LOG" >&2
  exit 1
}

stop_service() {
  if [ -n "$SERVICE_PID" ]; then
    kill "$SERVICE_PID" 2>/dev/null || true
    wait "$SERVICE_PID" 2>/dev/null || true
    SERVICE_PID=""
  fi
  if [ -n "$SERVICE_LOG" ]; then
    rm -f "$SERVICE_LOG"
    SERVICE_LOG=""
  fi
}
