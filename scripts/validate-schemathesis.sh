#!/usr/bin/env bash
# Property-based tests of the whole API from its own OpenAPI document, with schemathesis (pinned
# in scripts/requirements-schemathesis.txt, installed in its own venv under target/, which git
# ignores). Starts `serve` on a free 127.0.0.1 port over the committed seeds, exports and schemas,
# then generates requests for every operation of the served /openapi.json: the documented
# examples, the boundaries of every parameter (coverage), random valid and invalid values
# (fuzzing) and chains of requests that follow the links between resources (stateful).
#
# Every answer must be documented: no 5xx, a documented status code, content type, headers and a
# body valid against its schema; invalid values (outside an enum, a range, a pattern) refused
# with a 4xx; undocumented methods refused with 405 and a correct `Allow`.
#
# Not checked, deliberately: `positive_data_acceptance`, which expects any value the schema
# allows to be accepted. Filters that take the id of a row (section, person, organization) are
# documented as strings without listing every id, and an unknown id is a 400 by design (never an
# empty list that hides a typo); the schema cannot say so without enumerating the table.
#
# Deterministic (derandomised generation, which also keeps no example database): the same code gives the
# same requests, so a failure is reproducible and CI does not flake. About a minute on 2 cores.
#
# Usage: scripts/validate-schemathesis.sh
#   SCHEMATHESIS_MAX_EXAMPLES=n   examples per operation and phase (default 100)
#   SCHEMATHESIS_CHECKS=a,b       checks to run instead of the list below
#   VALIDATE_SCHEMATHESIS_VENV=dir to put the venv elsewhere
set -euo pipefail
cd "$(dirname "$0")/.."

venv="${VALIDATE_SCHEMATHESIS_VENV:-target/venv-schemathesis}"
requirements="scripts/requirements-schemathesis.txt"
max_examples="${SCHEMATHESIS_MAX_EXAMPLES:-100}"
checks="${SCHEMATHESIS_CHECKS:-not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance,response_headers_conformance,negative_data_rejection,missing_required_header,unsupported_method,allow_header_conformance}"

# (Re)create the venv when missing or when the pins changed.
# shellcheck source=scripts/lib/venv.sh
source scripts/lib/venv.sh
ensure_venv validate-schemathesis "$venv" "$requirements" schemathesis

# schemathesis keeps a cache of crashes in ./.schemathesis: run it from a directory of its own.
workdir="$(mktemp -d)"
# shellcheck source=scripts/lib/serve.sh
source scripts/lib/serve.sh
trap 'stop_service; rm -rf "$workdir"' EXIT
start_service validate-schemathesis --exports exports --schemas schemas --log-format json
base="$SERVICE_URL"
log="$SERVICE_LOG"

echo "validate-schemathesis: schemathesis against $base ($max_examples examples per operation)"
status=0
schemathesis="$PWD/$venv/bin/schemathesis"
case "$venv" in /*) schemathesis="$venv/bin/schemathesis" ;; esac
(cd "$workdir" && "$schemathesis" run "$base/openapi.json" \
  --url "$base" \
  --checks "$checks" \
  --max-examples "$max_examples" \
  --generation-deterministic \
  --workers 2 \
  --request-timeout 20 \
  --no-color) || status=$?

# A panic or a logged error is a failure even if every answer looked right.
if grep -q -e '"level":"ERROR"' -e 'panicked at' "$log"; then
  echo "validate-schemathesis: FAIL the service logged errors:" >&2
  grep -e '"level":"ERROR"' -e 'panicked at' "$log" | head -20 >&2
  status=1
fi
if [ "$status" -ne 0 ]; then
  echo "validate-schemathesis: FAIL" >&2
  exit "$status"
fi
echo "validate-schemathesis: OK"
