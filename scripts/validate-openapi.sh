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
# shellcheck source=scripts/lib/venv.sh
source scripts/lib/venv.sh
ensure_venv validate-openapi "$venv" "$requirements" openapi-spec-validator

"$venv/bin/openapi-spec-validator" "$document"
