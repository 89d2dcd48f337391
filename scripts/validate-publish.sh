#!/usr/bin/env bash
# Published through data.gouv.fr's own API: udata (17.18.0, pinned in
# scripts/requirements-datagouv.txt, the venv .venv-datagouv shared with validate-datagouv.sh)
# serves its API v1 locally over mongomock, with data.gouv.fr's licence lov2, the zone country:fr
# and a user whose API key udata generates (scripts/datagouv/publish_udata.py). Then
# `congres-numerique publish`: a dry run writes nothing; `--apply` creates the dataset and its 28
# resources; a second `--apply` sends nothing; a one-file change updates that resource only; a
# wrong key gets udata's 401; the key never shows in the output; `--apply --upload` on a fresh
# dataset has udata host the 24 files it accepts, and its rerun sends nothing. The stored dataset must hold every resource once, with its SHA-256 and type, and
# meet every criterion of data.gouv.fr's quality score (Dataset.compute_quality).
#
# Duration: about 20 s once the venv exists (shared with validate-datagouv.sh; 2 min 25 s to
# build it cold).
#
# Usage: scripts/validate-publish.sh   (VALIDATE_DATAGOUV_VENV=dir to put the venv elsewhere)
set -euo pipefail
cd "$(dirname "$0")/.."

venv="${VALIDATE_DATAGOUV_VENV:-.venv-datagouv}"
# shellcheck source=scripts/lib/venv.sh
source scripts/lib/venv.sh
ensure_venv validate-publish "$venv" scripts/requirements-datagouv.txt

# The debug binary: `cargo test` (run before by .ci/run) has already built it.
echo "validate-publish: cargo build"
cargo build --locked --quiet --bin congres-numerique
"$venv/bin/python" scripts/datagouv/publish_udata.py target/debug/congres-numerique
