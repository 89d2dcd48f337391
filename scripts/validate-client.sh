#!/usr/bin/env bash
# Generated clients that last: openapi-python-client (pinned in scripts/requirements-client.txt,
# own venv .venv-client) generates a Python client from openapi/openapi.json, without a warning
# and with ASCII module and class names; the client then calls every operation against a local
# `serve` (scripts/client/check.py), gets a documented error as a value (400 Problem), and parses
# real answers whose codes, years and themes are replaced by values unknown today (a new kind,
# office or status, the 2031 edition, a new theme): what a client generated this year meets
# next year.
#
# Usage: scripts/validate-client.sh   (VALIDATE_CLIENT_VENV=dir to put the venv elsewhere)
set -euo pipefail
cd "$(dirname "$0")/.."

venv="${VALIDATE_CLIENT_VENV:-.venv-client}"
requirements="scripts/requirements-client.txt"
# shellcheck source=scripts/lib/venv.sh
source scripts/lib/venv.sh
ensure_venv validate-client "$venv" "$requirements" openapi-python-client
venv_bin="$PWD/$venv/bin"
case "$venv" in /*) venv_bin="$venv/bin" ;; esac

workdir="$(mktemp -d)"
log="$(mktemp)"
server=""
cleanup() {
  if [ -n "$server" ]; then
    kill "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
  fi
  rm -rf "$workdir" "$log"
}
trap cleanup EXIT

echo "validate-client: openapi-python-client generate"
# ruff (a post-hook of the generator) is found on PATH.
if ! PATH="$venv_bin:$PATH" "$venv_bin/openapi-python-client" generate --path openapi/openapi.json \
  --output-path "$workdir/congres_client" --meta none >"$log" 2>&1; then
  cat "$log" >&2
  echo "validate-client: FAIL the generator failed" >&2
  exit 1
fi
if grep -qi "warning" "$log"; then
  cat "$log" >&2
  echo "validate-client: FAIL the generator warned (some pieces may be missing)" >&2
  exit 1
fi
if find "$workdir/congres_client" -name '*.py' | LC_ALL=C grep -q '[^ -~]'; then
  find "$workdir/congres_client" -name '*.py' | LC_ALL=C grep '[^ -~]' >&2
  echo "validate-client: FAIL non-ASCII module names in the generated client" >&2
  exit 1
fi
if LC_ALL=C grep -rhoE '^class [^(:]*' "$workdir/congres_client" | LC_ALL=C grep -q '[^ -~]'; then
  echo "validate-client: FAIL non-ASCII class names in the generated client" >&2
  exit 1
fi

# The debug binary: `cargo test` (run before by .ci/run) has already built it.
echo "validate-client: cargo build"
cargo build --locked --quiet --bin congres-numerique
port="$("$venv_bin/python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
local="http://127.0.0.1:$port"
env -u RUST_LOG target/debug/congres-numerique --seeds seeds serve --bind "127.0.0.1:$port" \
  --base-url "$local" --exports exports --schemas schemas >"$log" 2>&1 &
server=$!
ready=""
for _ in $(seq 1 60); do
  if ! kill -0 "$server" 2>/dev/null; then
    break
  fi
  if "$venv_bin/python" -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=2)' \
    "$local/health" 2>/dev/null; then
    ready=1
    break
  fi
  sleep 0.5
done
if [ -z "$ready" ]; then
  echo "validate-client: FAIL the service did not answer $local/health; its log:" >&2
  cat "$log" >&2
  exit 1
fi

PYTHONPATH="$workdir" LOCAL="$local" PACKAGE=congres_client OPENAPI="$PWD/openapi/openapi.json" \
  "$venv_bin/python" scripts/client/check.py
