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
# shellcheck source=scripts/lib/serve.sh
source scripts/lib/serve.sh
trap 'stop_service; rm -rf "$workdir" "$log"' EXIT

echo "validate-client: openapi-python-client generate"
# ruff (a post-hook of the generator) is found on PATH.
if ! PATH="$venv_bin:$PATH" "$venv_bin/openapi-python-client" generate --path openapi/openapi.json \
  --output-path "$workdir/congres_client" --meta none --config scripts/client/config.yaml \
  >"$log" 2>&1; then
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

start_service validate-client --exports exports --schemas schemas
local="$SERVICE_URL"

PYTHONPATH="$workdir" LOCAL="$local" PACKAGE=congres_client OPENAPI="$PWD/openapi/openapi.json" \
  "$venv_bin/python" scripts/client/check.py
