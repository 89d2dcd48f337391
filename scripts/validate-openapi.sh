#!/usr/bin/env bash
# Validates openapi/openapi.json against the OpenAPI 3.1 specification with the reference
# validator (openapi-spec-validator, pinned in scripts/requirements-openapi.txt, installed in its
# own venv so it never disturbs the one of validate-exports.sh). `cargo test` checks that the
# committed file is up to date; this checks that it is a valid OpenAPI document.
#
# Usage: scripts/validate-openapi.sh [file]   (VALIDATE_OPENAPI_VENV=dir to put the venv elsewhere)
set -euo pipefail
cd "$(dirname "$0")/.."

venv="${VALIDATE_OPENAPI_VENV:-.venv-validate-openapi}"
requirements="scripts/requirements-openapi.txt"
document="${1:-openapi/openapi.json}"

# (Re)create the venv when missing or when the pins changed.
if [ ! -x "$venv/bin/openapi-spec-validator" ] || ! cmp -s "$requirements" "$venv/requirements.txt"; then
  echo "validate-openapi: installing the pinned validator into $venv"
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-input \
    -r "$requirements"
  cp "$requirements" "$venv/requirements.txt"
fi

"$venv/bin/openapi-spec-validator" "$document"
